import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import type { ExampleFile } from '../../../shared/imports'
import { exampleFiles } from './formats/examples'
import { importFile } from './import-file'
import { findImportRun } from './import-run.repository'

/** Each system's example file, imported as a user would: what lands in the database, and once only. */
const expectations: Record<
  Exclude<ExampleFile, 'generic' | 'datev-debtors'>,
  { customers: number; documents: number; purchases: number; revenueCents: Record<string, number> }
> = {
  // revenue = purchases − credit notes and cancellations (net)
  'datev-bookings': {
    customers: 3,
    documents: 7,
    purchases: 5,
    revenueCents: { '10001': 140000, '10002': 80000, '10003': 200000 },
  },
  lexware: {
    customers: 3,
    documents: 6,
    purchases: 3,
    revenueCents: { '10001': 90000, '10002': 50000, '10003': 200000 },
  },
  sevdesk: {
    customers: 3,
    documents: 5,
    purchases: 3,
    revenueCents: { '10001': 0, '10002': 50000, '10003': 200000 },
  },
  weclapp: {
    customers: 3,
    documents: 5,
    purchases: 2,
    revenueCents: { 'K-10001': 90000, 'K-10002': 50000, 'K-10003': 0 },
  },
  jtl: { customers: 2, documents: 4, purchases: 3, revenueCents: { '30001': 21008, '30002': 42017 } },
  shopware: {
    customers: 2,
    documents: 4,
    purchases: 3,
    revenueCents: { 'lena.fischer@example.de': 12513, 'tom@wagner-design.de': 20000 },
  },
  billbee: {
    customers: 3,
    documents: 4,
    purchases: 3,
    revenueCents: { 'C-501': 10496, 'C-502': 0, 'C-503': 26252 },
  },
}

describe.each(testDialects)('business system exports on %s', (dialect) => {
  let db: TestDb
  beforeEach(async () => {
    await db?.destroy()
    db = await createTestDb(dialect)
  })
  afterAll(() => db.destroy())

  const run = (id: ExampleFile) => {
    const { fileName, bytes } = exampleFiles[id]()
    return importFile({
      db,
      fileName,
      bytes,
      format: 'auto',
      kind: 'orders',
      skipInvalid: false,
      userId: null,
      asOf: '2026-07-01',
    })
  }

  const revenue = async () =>
    Object.fromEntries(
      (
        await db.kysely
          .selectFrom('customer_status')
          .innerJoin('customers', 'customers.id', 'customer_status.customer_id')
          .select(['customer_number', 'revenue_total_cents'])
          .execute()
      ).map((r) => [r.customer_number, Number(r.revenue_total_cents)]),
    )

  it.each(Object.entries(expectations))(
    '%s: imported, classified, and a second import changes nothing',
    async (id, want) => {
      const first = await run(id as ExampleFile)
      expect(first).toMatchObject({
        status: 'succeeded',
        format: id.startsWith('datev') ? 'datev' : id,
        customersCreated: want.customers,
        documentsCreated: want.documents,
      })
      const purchases = await db.kysely
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('counts_as_purchase', '=', 1)
        .executeTakeFirstOrThrow()
      expect(Number(purchases.n)).toBe(want.purchases)
      expect(await revenue()).toEqual(want.revenueCents)
      const again = await run(id as ExampleFile)
      expect(again).toMatchObject({
        status: 'succeeded',
        customersCreated: 0,
        customersUpdated: 0,
        documentsCreated: 0,
        documentsUpdated: 0,
        documentsUnchanged: want.documents,
      })
    },
  )

  it('DATEV: the Debitoren file names the customers the Buchungsstapel created, in either order', async () => {
    const debtors = await run('datev-debtors')
    expect(debtors).toMatchObject({
      status: 'succeeded',
      kind: 'customers',
      customersCreated: 3,
      documentsCreated: 0,
    })
    expect((await findImportRun(db.kysely, debtors.runId))!.kind).toBe('customers')
    const bookings = await run('datev-bookings')
    expect(bookings).toMatchObject({
      status: 'succeeded',
      kind: 'orders',
      customersCreated: 0,
      documentsCreated: 7,
    })
    const customers = await db.kysely
      .selectFrom('customers')
      .select(['customer_number', 'type', 'company_name', 'last_name', 'email'])
      .orderBy('customer_number')
      .execute()
    expect(customers).toEqual([
      {
        customer_number: '10001',
        type: 'business',
        company_name: 'Müller Maschinenbau GmbH',
        last_name: null,
        email: 'einkauf@mueller-maschinenbau.de',
      },
      { customer_number: '10002', type: 'consumer', company_name: null, last_name: 'Schäfer', email: null },
      {
        customer_number: '10003',
        type: 'business',
        company_name: 'Weiß & Söhne KG',
        last_name: null,
        email: 'info@weiss-soehne.de',
      },
    ])
    // the bookings did not overwrite the master data
    const again = await run('datev-debtors')
    expect(again).toMatchObject({ customersCreated: 0, customersUpdated: 0 })
  })
})
