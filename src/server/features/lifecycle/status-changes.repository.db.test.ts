import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerRow } from '../../../../test/customers'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import type { LifecycleStatus } from '../../../shared/lifecycle'
import { replaceStatusChanges } from './status-changes.repository'

const now = '2026-12-06T08:00:00Z'
const customer = (number: string) => customerRow(number, now)

type Row = {
  customer_id: number
  month: string
  status: LifecycleStatus
  previous_status: LifecycleStatus | null
}

describe.each(testDialects)('replaceStatusChanges on %s', (dialect) => {
  let db: TestDb
  let ids: number[]
  beforeAll(async () => {
    db = await createTestDb(dialect)
    await db.kysely
      .insertInto('customers')
      .values(['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7', 'K8', 'K9', 'K10'].map(customer))
      .execute()
    ids = (await db.kysely.selectFrom('customers').select('id').orderBy('id').execute()).map((r) => r.id)
  })
  afterAll(() => db.destroy())

  /** The stored rows with where each lies (SQLite's rowid, PostgreSQL's ctid): a row written anew moves. */
  const stored = () =>
    db.kysely
      .selectFrom('customer_status_changes')
      .select(['customer_id', 'month', 'status', 'previous_status'])
      .select(
        dialect === 'sqlite'
          ? sql<string>`cast(rowid as text)`.as('place')
          : sql<string>`ctid::text`.as('place'),
      )
      .orderBy('customer_id')
      .orderBy('month')
      .execute()

  it('stores exactly the new histories and leaves the unchanged rows where they are', async () => {
    const [k1, k2, k3] = ids as [number, number, number]
    const before: Row[] = [
      { customer_id: k1, month: '2025-01', status: 'active', previous_status: null },
      { customer_id: k1, month: '2025-06', status: 'at_risk', previous_status: 'active' },
      { customer_id: k1, month: '2025-09', status: 'sleeping', previous_status: 'at_risk' },
      { customer_id: k2, month: '2025-02', status: 'new', previous_status: null },
      { customer_id: k3, month: '2025-03', status: 'new', previous_status: null },
    ]
    await db.kysely.transaction().execute((trx) => replaceStatusChanges(db, trx, [k1, k2, k3], before))
    expect((await stored()).map(({ place, ...row }) => row)).toEqual(before)
    const placeOf = new Map((await stored()).map((r) => [`${r.customer_id} ${r.month}`, r.place]))

    const after: Row[] = [
      // unchanged
      { customer_id: k1, month: '2025-01', status: 'active', previous_status: null },
      // the same month with another status (a credit note changed the history)
      { customer_id: k1, month: '2025-06', status: 'sleeping', previous_status: 'active' },
      // 2025-09 gone, this month's change added
      { customer_id: k1, month: '2026-12', status: 'lost', previous_status: 'sleeping' },
      // unchanged, and a change added
      { customer_id: k2, month: '2025-02', status: 'new', previous_status: null },
      { customer_id: k2, month: '2026-12', status: 'active', previous_status: 'new' },
      // k3's history is gone entirely
    ]
    await db.kysely.transaction().execute((trx) => replaceStatusChanges(db, trx, [k1, k2, k3], after))
    const rows = await stored()
    expect(rows.map(({ place, ...row }) => row)).toEqual(after)
    const kept = rows.filter((r) => placeOf.get(`${r.customer_id} ${r.month}`) === r.place)
    expect(kept.map((r) => `${r.customer_id} ${r.month}`)).toEqual([`${k1} 2025-01`, `${k2} 2025-02`])
  })

  it("leaves other customers' rows alone, for customers close together and far apart", async () => {
    const [k1, k2, k3] = ids as [number, number, number]
    const k10 = ids[9]!
    const row = (customer_id: number, month: string): Row => ({
      customer_id,
      month,
      status: 'new',
      previous_status: null,
    })
    // k2 lies between k1 and k3 (read as their range), k3 between k1 and k10 (read by id)
    await db.kysely
      .transaction()
      .execute((trx) =>
        replaceStatusChanges(
          db,
          trx,
          [k1, k2, k3, k10],
          [row(k1, '2024-01'), row(k2, '2024-01'), row(k3, '2024-01'), row(k10, '2024-01')],
        ),
      )
    await db.kysely
      .transaction()
      .execute((trx) => replaceStatusChanges(db, trx, [k1, k3], [row(k1, '2024-02')]))
    await db.kysely
      .transaction()
      .execute((trx) => replaceStatusChanges(db, trx, [k1, k10], [row(k10, '2024-03')]))
    expect((await stored()).map(({ place, ...r }) => r)).toEqual([row(k2, '2024-01'), row(k10, '2024-03')])
  })

  it('leaves the rows of customers not named alone', async () => {
    const [k1, k2] = ids as [number, number]
    const others = (await stored()).filter((r) => r.customer_id !== k1)
    await db.kysely.transaction().execute((trx) => replaceStatusChanges(db, trx, [k1], []))
    expect((await stored()).filter((r) => r.customer_id === k1)).toEqual([])
    expect(await stored()).toEqual(others)
    expect(others.some((r) => r.customer_id === k2)).toBe(true)
  })
})
