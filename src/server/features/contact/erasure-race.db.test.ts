import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import { holdImportLock } from '../../db/erasure-lock'
import { importFile } from '../imports/import-file'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { eraseCustomer } from './data-protection'

const TODAY = '2026-06-30'
const actor = { userId: null, now: `${TODAY}T10:00:00Z`, today: TODAY }

/** An erasure and an import of the same person serialise: the import never writes the person back. */
describe.each(testDialects)('erasure during an import on %s', (dialect) => {
  let db: TestDb
  let id: number

  beforeEach(async () => {
    db = await createTestDb(dialect)
    await writeImport({
      db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: actor.now,
      customers: [{ customerNumber: 'E1', type: 'consumer', lastName: 'Eule', email: 'eule@example.de' }],
      documents: [invoice('E1', 'R1', '2025-03-01', 100)],
    })
    await classifyCustomers({ db, asOf: TODAY })
    id = (await db.kysely.selectFrom('customers').select('id').executeTakeFirstOrThrow()).id
  })
  afterEach(() => db.destroy())

  /** An import transaction that has written a new invoice for the person and waits to commit. */
  function importInFlight(release: Promise<void>) {
    return db.kysely.transaction().execute(async (trx) => {
      await holdImportLock(trx)
      await trx
        .insertInto('orders')
        .values({
          customer_id: id,
          source: 'late',
          external_key: 'invoice:R2',
          kind: 'invoice',
          number: 'R2',
          reference_number: null,
          ordered_on: '2026-06-01',
          net_cents: 5000,
          gross_cents: null,
          margin_cents: null,
          currency: 'EUR',
          status: null,
          counts_as_purchase: 1,
          quantity: null,
          import_run_id: null,
        })
        .execute()
      await release
    })
  }

  it('an erasure that starts while an import is writing waits for it, then erases what it wrote too', async () => {
    let release!: () => void
    const running = importInFlight(new Promise<void>((r) => (release = r)))
    await new Promise((r) => setTimeout(r, 50))
    const erasure = eraseCustomer(db.kysely, id, actor)
    await new Promise((r) => setTimeout(r, 200))
    release()
    await running
    const result = await erasure
    // both invoices are within their 8 years: kept as the law requires, and counted as kept
    expect(result.kept.find((k) => k.what === 'invoices')?.count).toBe(2)
    const orders = await db.kysely
      .selectFrom('orders')
      .select('number')
      .where('customer_id', '=', id)
      .execute()
    expect(orders.map((o) => o.number).sort()).toEqual(['R1', 'R2'])
    expect(
      await db.kysely
        .selectFrom('customer_status')
        .select('customer_id')
        .where('customer_id', '=', id)
        .execute(),
    ).toEqual([])
    // and a later import of the same person is refused
    const again = await importFile({
      db,
      fileName: 'wieder.csv',
      bytes: new TextEncoder().encode(
        'Kundennummer;Nachname;Rechnungsnummer;Datum;Netto\r\nE1;Eule;R3;02.06.2026;10,00\r\n',
      ),
      format: 'generic',
      kind: 'orders',
      skipInvalid: false,
      userId: null,
      asOf: TODAY,
    })
    expect(again.issues.map((i) => i.code)).toEqual(['suppressed'])
    expect(again.documentsCreated).toBe(0)
    expect(
      await db.kysely
        .selectFrom('customer_status')
        .select('customer_id')
        .where('customer_id', '=', id)
        .execute(),
    ).toEqual([])
  })

  // on SQLite the single writer makes the erasure wait for the import's commit (the test above)
  if (dialect === 'postgres')
    it('an erasure that would wait longer than allowed for an import is refused with a conflict, nothing erased', async () => {
      let release!: () => void
      const running = importInFlight(new Promise<void>((r) => (release = r)))
      await new Promise((r) => setTimeout(r, 50))
      await expect(eraseCustomer(db.kysely, id, actor, { importWaitMs: 100 })).rejects.toMatchObject({
        code: 'conflict',
        message: 'An import is running: the person can be erased as soon as it has finished',
      })
      release()
      await running
      const customer = await db.kysely
        .selectFrom('customers')
        .select(['erased_at', 'email'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(customer).toEqual({ erased_at: null, email: 'eule@example.de' })
      expect(await db.kysely.selectFrom('suppression_list').select('id').execute()).toEqual([])
    })
})
