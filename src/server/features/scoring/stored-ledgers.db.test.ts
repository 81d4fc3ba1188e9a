import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import { addDays, type IsoDate } from '../../lib/dates'
import { loadDemoCompany } from '../demo/load-demo-company'
import { queueDerivation } from '../imports/derived-data'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { encodeLedgerEvents } from '../lifecycle/ledger-bytes'
import { scoreCustomerBase } from './score-customer-base'

const TODAY: IsoDate = '2026-03-15'
const NIGHT = addDays(TODAY, 1)

/**
 * The nightly rescore reads the purchase ledgers the classification stored instead of every
 * customer's documents. Each test scores once from what is stored and once with the stored ledgers
 * set aside (so every ledger is built from the documents, as before they were stored), and expects
 * the same run and the same score for every customer.
 */
describe.each(testDialects)('scoring from stored purchase ledgers on %s', (dialect) => {
  let db: TestDb

  beforeAll(async () => {
    db = await createTestDb(dialect)
    await loadDemoCompany({ db, today: TODAY, now: `${TODAY}T08:00:00Z` })
    // the night after: customers due are classified again, the others keep what they have
    await classifyCustomers({ db, asOf: NIGHT, dueOnly: true })
  }, 300_000)

  afterAll(async () => {
    await db?.destroy()
  })

  const score = (calibrationEnd: IsoDate) =>
    scoreCustomerBase({ db, calibrationEnd, unit: 'week', model: 'bgnbd', horizon: 52 })

  /** The run and every customer's score; what the run before left (previous P(alive)) aside. */
  async function scoredAsOf(day: IsoDate) {
    const { result } = await score(day)
    const rows = await db.kysely
      .selectFrom('customer_scores')
      .select([
        'customer_id',
        'x',
        'tx',
        't',
        'p_alive',
        'expected_purchases',
        'clv_cents',
        'won_back_value_cents',
      ])
      .orderBy('customer_id')
      .execute()
    return {
      run: { params: result.params, logLikelihood: result.logLikelihood, customers: result.customerCount },
      warnings: result.warnings,
      rows: rows.map((r) => ({
        ...r,
        p_alive: Number(r.p_alive),
        expected_purchases: Number(r.expected_purchases),
      })),
    }
  }

  /** The same scoring with no stored ledger: every ledger built from the documents. */
  async function scoredFromDocuments(day: IsoDate) {
    const stored = await db.kysely.selectFrom('purchase_ledgers').selectAll().execute()
    await db.kysely.deleteFrom('purchase_ledgers').execute()
    try {
      return await scoredAsOf(day)
    } finally {
      for (let i = 0; i < stored.length; i += 500)
        await db.kysely
          .insertInto('purchase_ledgers')
          .values(stored.slice(i, i + 500))
          .execute()
    }
  }

  const rowsIn = async (table: 'customers' | 'purchase_ledgers') =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  /** An invoice of the customer's, as an import writes it. */
  const invoice = (customerId: number, number: string, day: IsoDate, netCents: number) => ({
    customer_id: customerId,
    source: 'test',
    external_key: `invoice:${number}`,
    kind: 'invoice' as const,
    number,
    reference_number: null,
    ordered_on: day,
    net_cents: netCents,
    gross_cents: Math.round(netCents * 1.19),
    margin_cents: null,
    currency: 'EUR',
    status: null,
    counts_as_purchase: 1,
    quantity: null,
    import_run_id: null,
  })

  const storedLedgerOf = (customerId: number) =>
    db.kysely
      .selectFrom('purchase_ledgers')
      .selectAll()
      .where('customer_id', '=', customerId)
      .executeTakeFirst()

  it('stores most customers’ ledgers, and scores the base from them exactly as from the documents', async () => {
    const customers = await rowsIn('customers')
    const stored = await rowsIn('purchase_ledgers')
    expect(stored).toBeGreaterThan(0.9 * customers)
    const fromStored = await scoredAsOf(NIGHT)
    expect(fromStored.rows.length).toBeGreaterThan(1000)
    expect(fromStored).toEqual(await scoredFromDocuments(NIGHT))
  }, 120_000)

  it('reads a customer’s stored ledger, not their documents, when it is theirs as of the day scored', async () => {
    const { id } = await db.kysely
      .selectFrom('purchase_ledgers')
      .select('customer_id as id')
      .orderBy('customer_id')
      .executeTakeFirstOrThrow()
    // a ledger unlike their documents: three purchases a week apart
    const days = [0, 7, 14].map((d) => 20_000 + d)
    await db.kysely
      .updateTable('purchase_ledgers')
      .set({ events: encodeLedgerEvents(days.map((day) => ({ day, netCents: 5000 }))) })
      .where('customer_id', '=', id)
      .execute()
    try {
      await score(NIGHT)
      const row = await db.kysely
        .selectFrom('customer_scores')
        .select(['x', 'tx'])
        .where('customer_id', '=', id)
        .executeTakeFirstOrThrow()
      expect({ x: row.x, tx: Number(row.tx) }).toEqual({ x: 2, tx: 2 })
    } finally {
      await classifyCustomers({ db, asOf: NIGHT, customerIds: [id] })
    }
  }, 120_000)

  it('reads the documents of a customer whose documents changed since (queued for derivation)', async () => {
    const { id } = await db.kysely
      .selectFrom('purchase_ledgers')
      .select('customer_id as id')
      .orderBy('customer_id', 'desc')
      .executeTakeFirstOrThrow()
    const before = await db.kysely
      .selectFrom('customer_scores')
      .select('x')
      .where('customer_id', '=', id)
      .executeTakeFirst()
    // as an import does: the new document and the queue in one transaction, derived later
    await db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto('orders')
        .values(invoice(id, 'STORED-LEDGER-1', TODAY, 12_300))
        .execute()
      await queueDerivation(trx, [id], TODAY, `${TODAY}T09:00:00Z`)
    })
    expect(await storedLedgerOf(id)).toBeDefined()
    const fromStored = await scoredAsOf(NIGHT)
    expect(fromStored).toEqual(await scoredFromDocuments(NIGHT))
    const after = fromStored.rows.find((r) => r.customer_id === id)!
    // the purchase of today is one more repeat purchase (unless the customer had bought today already)
    expect(after.x).toBeGreaterThanOrEqual(before?.x ?? 0)
    await db.kysely.deleteFrom('derivation_queue').execute()
    await classifyCustomers({ db, asOf: NIGHT, customerIds: [id] })
  }, 120_000)

  it('builds from the documents a ledger stored as of a later day than the one scored', async () => {
    // the demo's purchases of the last weeks are after this day, and in the ledgers stored as of the night
    const earlier = addDays(TODAY, -30)
    const fromStored = await scoredAsOf(earlier)
    expect(fromStored).toEqual(await scoredFromDocuments(earlier))
  }, 120_000)

  it('stores no ledger for a customer with a document after the day classified, and warns of it when scoring', async () => {
    const { id } = await db.kysely
      .selectFrom('purchase_ledgers')
      .select('customer_id as id')
      .orderBy('customer_id')
      .offset(10)
      .limit(1)
      .executeTakeFirstOrThrow()
    await db.kysely
      .insertInto('orders')
      .values(invoice(id, 'STORED-LEDGER-LATER', addDays(NIGHT, 10), 9_900))
      .execute()
    await classifyCustomers({ db, asOf: NIGHT, customerIds: [id] })
    expect(await storedLedgerOf(id)).toBeUndefined()
    const fromStored = await scoredAsOf(NIGHT)
    expect(fromStored.warnings).toContainEqual(
      expect.objectContaining({ code: 'purchases_after_as_of', purchases: 1, customers: 1 }),
    )
    expect(fromStored).toEqual(await scoredFromDocuments(NIGHT))
  }, 120_000)
})
