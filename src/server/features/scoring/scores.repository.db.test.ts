import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import { insertModelRun } from '../../../../test/model-run'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { currentStatuses } from '../lifecycle/lifecycle.repository'
import { copyStatusToScores, previousPAlive } from './scores.repository'

const TODAY = '2026-06-30'

/**
 * What a scoring run reads of the base before it replaces the scores, page by page into compact
 * arrays: every customer's status and P(alive) exactly as stored, none for a customer without one.
 */
describe.each(testDialects)('reading statuses and P(alive) by customer on %s', (dialect) => {
  let db: TestDb
  let ids: number[]

  beforeAll(async () => {
    db = await createTestDb(dialect)
    const customers = Array.from({ length: 11 }, (_, i) => ({ customerNumber: `K${100 + i}` }))
    await writeImport({
      db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers,
      // two never bought (prospects); the others lost, sleeping, active or new by their last day
      documents: customers
        .slice(2)
        .map((c, i) =>
          invoice(
            c.customerNumber,
            `${c.customerNumber}-1`,
            ['2023-03-10', '2025-11-02', '2026-05-20', '2026-06-29'][i % 4]!,
            100,
          ),
        ),
    })
    await classifyCustomers({ db, asOf: TODAY })
    ids = (await db.kysely.selectFrom('customers').select('id').orderBy('id').execute()).map((r) => r.id)
    // one customer in the middle without a status row (one the classification has not reached)
    await db.kysely.deleteFrom('customer_status').where('customer_id', '=', ids[5]!).execute()
    const runId = await insertModelRun(db.kysely, { asOf: TODAY })
    // scores for every other customer, with a P(alive) of 0 among them
    for (const [i, id] of ids.entries())
      if (i % 2 === 0)
        await db.kysely
          .insertInto('customer_scores')
          .values({
            customer_id: id,
            run_id: runId,
            x: 0,
            tx: 0,
            t: 2,
            p_alive: i === 0 ? 0 : 1 / (i + 1),
            previous_p_alive: null,
            expected_purchases: 1,
            expected_spend_cents: 100,
            clv_cents: 100,
            won_back_purchases: 0,
            won_back_value_cents: 0,
            mean_interval_days: null,
            days_since_last: 10,
            status: null,
          })
          .execute()
  })
  afterAll(() => db.destroy())

  it.each([1, 2, 3, 10_000])(
    'gives every customer’s status as stored, read %i at a time',
    async (pageSize) => {
      const stored = new Map(
        (await db.kysely.selectFrom('customer_status').select(['customer_id', 'status']).execute()).map(
          (r) => [r.customer_id, r.status],
        ),
      )
      expect(new Set(stored.values()).size).toBeGreaterThanOrEqual(3)
      expect(stored.size).toBe(10)
      const statusOf = await currentStatuses(db.kysely, pageSize)
      for (const id of [0, ...ids, ids.at(-1)! + 1, ids.at(-1)! + 5_000])
        expect(statusOf(id)).toBe(stored.get(id) ?? null)
    },
  )

  it.each([1, 2, 4, 10_000])(
    'gives every scored customer’s P(alive), read %i at a time',
    async (pageSize) => {
      const stored = new Map(
        (await db.kysely.selectFrom('customer_scores').select(['customer_id', 'p_alive']).execute()).map(
          (r) => [r.customer_id, Number(r.p_alive)],
        ),
      )
      expect(stored.size).toBe(6)
      const pAliveOf = await previousPAlive(db.kysely, pageSize)
      for (const id of [0, ...ids, ids.at(-1)! + 1]) expect(pAliveOf(id)).toBe(stored.get(id) ?? null)
      expect(pAliveOf(ids[0]!)).toBe(0)
    },
  )

  it('copies the statuses onto the scores, writing only the rows whose status differs', async () => {
    const statusesOnScores = async () =>
      new Map(
        (await db.kysely.selectFrom('customer_scores').select(['customer_id', 'status']).execute()).map(
          (r) => [r.customer_id, r.status],
        ),
      )
    const statusOf = await currentStatuses(db.kysely)
    // the six scores have no status yet
    expect(await copyStatusToScores(db.kysely, ids)).toBe(6)
    for (const [id, status] of await statusesOnScores()) expect(status).toBe(statusOf(id))
    expect(await copyStatusToScores(db.kysely, ids)).toBe(0)
    const changed = (await statusesOnScores()).get(ids[2]!) === 'lost' ? 'active' : 'lost'
    await db.kysely
      .updateTable('customer_status')
      .set({ status: changed })
      .where('customer_id', '=', ids[2]!)
      .execute()
    // a status row gone (an erasure's): the copy goes too
    await db.kysely.deleteFrom('customer_status').where('customer_id', '=', ids[4]!).execute()
    expect(await copyStatusToScores(db.kysely, ids)).toBe(2)
    const after = await statusesOnScores()
    expect(after.get(ids[2]!)).toBe(changed)
    expect(after.get(ids[4]!)).toBeNull()
    expect(after.get(ids[6]!)).toBe(statusOf(ids[6]!))
    // only the customers asked for
    const other = (id: number) => (after.get(id) === 'lost' ? 'active' : 'lost')
    for (const id of [ids[8]!, ids[10]!])
      await db.kysely
        .updateTable('customer_status')
        .set({ status: other(id) })
        .where('customer_id', '=', id)
        .execute()
    expect(await copyStatusToScores(db.kysely, [ids[8]!])).toBe(1)
    expect((await statusesOnScores()).get(ids[8]!)).toBe(other(ids[8]!))
    expect((await statusesOnScores()).get(ids[10]!)).toBe(after.get(ids[10]!))
  })

  it.runIf(dialect === 'postgres')(
    'gives no P(alive) before for a stored NaN, and the others still',
    async () => {
      await db.kysely
        .updateTable('customer_scores')
        .set({ p_alive: Number.NaN })
        .where('customer_id', '=', ids[2]!)
        .execute()
      const pAliveOf = await previousPAlive(db.kysely, 2)
      expect(pAliveOf(ids[2]!)).toBeNull()
      expect(pAliveOf(ids[4]!)).toBe(1 / 5)
    },
  )
})
