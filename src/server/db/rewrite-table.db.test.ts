import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerRow } from '../../../test/customers'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { insertModelRun } from '../../../test/model-run'
import { onTable, rewriteTable } from './rewrite-table'

const COLUMNS = [
  'customer_id',
  'run_id',
  'x',
  'tx',
  't',
  'p_alive',
  'expected_purchases',
  'expected_spend_cents',
  'clv_cents',
  'days_since_last',
  'status',
] as const

describe.each(testDialects)('rewriting a whole table on %s', (dialect) => {
  let db: TestDb
  let runId: number
  let ids: number[]
  beforeAll(async () => {
    db = await createTestDb(dialect)
    runId = await insertModelRun(db.kysely, { asOf: '2026-12-01' })
    const rows = Array.from({ length: 300 }, (_, i) => customerRow(`R${i + 1}`))
    ids = (await db.kysely.insertInto('customers').values(rows).returning('id').execute()).map((r) => r.id)
  })
  afterAll(() => db.destroy())

  /** The table's indexes and keys as the database defines them (names and definitions). */
  const shape = async () => {
    if (dialect === 'sqlite')
      return (
        await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master
          where tbl_name = 'customer_scores' order by name`.execute(db.kysely)
      ).rows
    const indexes = await sql<{ name: string; definition: string }>`
      select indexname as name, indexdef as definition from pg_indexes
      where tablename = 'customer_scores' order by indexname`.execute(db.kysely)
    const keys = await sql<{ name: string; definition: string }>`
      select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
      where conrelid = 'customer_scores'::regclass order by conname`.execute(db.kysely)
    return [...indexes.rows, ...keys.rows]
  }
  const scores = () =>
    db.kysely
      .selectFrom('customer_scores')
      .select(['customer_id', 'x', 'clv_cents'])
      .orderBy('customer_id')
      .execute()
  /** `n` customers' scores, their x and CLV from `base` on */
  const fill = (n: number, base: number) => (values: unknown[], at: number, row: number) => {
    const v = [ids[row]!, runId, base + row, 1, 10, 0.5, 1, 100, base * 10 + row, 3, 'lost']
    for (let c = 0; c < v.length; c++) values[at + c] = v[c]
    if (row >= n) throw new Error('past the count')
  }

  it('replaces every row and keeps the indexes and keys as they were', async () => {
    const before = await shape()
    expect(before.length).toBeGreaterThanOrEqual(5)
    await db.kysely
      .transaction()
      .execute((trx) => rewriteTable(db, trx, 'customer_scores', COLUMNS, 300, fill(300, 0)))
    await db.kysely
      .transaction()
      .execute((trx) => rewriteTable(db, trx, 'customer_scores', COLUMNS, 200, fill(200, 1000)))
    const rows = await scores()
    expect(rows).toEqual(
      ids.slice(0, 200).map((id, i) => ({ customer_id: id, x: 1000 + i, clv_cents: 10_000 + i })),
    )
    expect(await shape()).toEqual(before)
    // the indexes are in use: the list's order by CLV within a status
    const top = await db.kysely
      .selectFrom('customer_scores')
      .select('clv_cents')
      .where('status', '=', 'lost')
      .orderBy('clv_cents', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(Number(top.clv_cents)).toBe(10_199)
    // the primary key holds on the new table
    await expect(
      db.kysely
        .insertInto('customer_scores')
        .values({
          customer_id: ids[0]!,
          run_id: runId,
          x: 0,
          tx: 0,
          t: 0,
          p_alive: 0,
          expected_purchases: 0,
          expected_spend_cents: 0,
          clv_cents: 0,
          days_since_last: 0,
          won_back_purchases: 0,
          won_back_value_cents: 0,
        })
        .execute(),
    ).rejects.toThrow()
  })

  it('leaves the old rows, indexes and keys where the transaction rolls back', async () => {
    const before = await shape()
    const rows = await scores()
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await rewriteTable(db, trx, 'customer_scores', COLUMNS, 50, fill(50, 5000))
        throw new Error('the run failed')
      }),
    ).rejects.toThrow('the run failed')
    expect(await scores()).toEqual(rows)
    expect(await shape()).toEqual(before)
  })

  it.runIf(dialect === 'postgres')(
    'copies the rows frozen (every page visible) and keeps the key to the model run',
    async () => {
      await db.kysely
        .transaction()
        .execute((trx) => rewriteTable(db, trx, 'customer_scores', COLUMNS, 300, fill(300, 0)))
      await sql`analyze customer_scores`.execute(db.kysely)
      const { pages, visible } = (
        await sql<{ pages: number; visible: number }>`select relpages as pages, relallvisible as visible
          from pg_class where relname = 'customer_scores'`.execute(db.kysely)
      ).rows[0]!
      expect(pages).toBeGreaterThan(0)
      expect(visible).toBe(pages)
      await expect(
        db.kysely
          .updateTable('customer_scores')
          .set({ run_id: runId + 999 })
          .where('customer_id', '=', ids[0]!)
          .execute(),
      ).rejects.toThrow(/foreign key/)
    },
  )

  it.runIf(dialect === 'postgres')('keeps what other roles were granted on the table', async () => {
    const role = `winback_test_reader_${process.pid}`
    await sql`create role ${sql.id(role)}`.execute(db.kysely)
    try {
      await sql`grant select, update on table customer_scores to ${sql.id(role)}`.execute(db.kysely)
      await sql`grant select on table customer_scores to public`.execute(db.kysely)
      await db.kysely
        .transaction()
        .execute((trx) => rewriteTable(db, trx, 'customer_scores', COLUMNS, 10, fill(10, 0)))
      const may = async (who: string, what: string) =>
        (
          await sql<{
            ok: boolean
          }>`select has_table_privilege(${who}, 'customer_scores', ${what}) as ok`.execute(db.kysely)
        ).rows[0]!.ok
      expect(await may(role, 'select')).toBe(true)
      expect(await may(role, 'update')).toBe(true)
      expect(await may(role, 'delete')).toBe(false)
      const publicGrants = await sql<{
        n: number
      }>`select count(*)::int as n from information_schema.role_table_grants
        where table_name = 'customer_scores' and grantee = 'PUBLIC' and privilege_type = 'SELECT'`.execute(
        db.kysely,
      )
      expect(publicGrants.rows[0]!.n).toBe(1)
    } finally {
      await sql`revoke all on table customer_scores from ${sql.id(role)}`.execute(db.kysely)
      await sql`revoke all on table customer_scores from public`.execute(db.kysely)
      await sql`drop role ${sql.id(role)}`.execute(db.kysely)
    }
  })

  it.runIf(dialect === 'postgres')(
    'lets a change that waited for the rewrite go to the new rows',
    async () => {
      let waiting: Promise<unknown> | undefined
      await db.kysely.transaction().execute(async (trx) => {
        await rewriteTable(db, trx, 'customer_scores', COLUMNS, 300, fill(300, 0))
        // another connection's change of one score, held up until this transaction ends
        waiting = db.kysely
          .updateTable('customer_scores')
          .set({ x: -1 })
          .where('customer_id', '=', ids[7]!)
          .execute()
        await new Promise((resolve) => setTimeout(resolve, 300))
      })
      const [result] = (await waiting) as { numUpdatedRows: bigint }[]
      expect(result!.numUpdatedRows).toBe(1n)
      const row = await db.kysely
        .selectFrom('customer_scores')
        .select('x')
        .where('customer_id', '=', ids[7]!)
        .executeTakeFirstOrThrow()
      expect(row.x).toBe(-1)
    },
  )
})

describe('an index definition put on another table', () => {
  it('takes the new name and table and keeps the rest', () => {
    expect(
      onTable(
        'CREATE INDEX customer_scores_status_clv ON public.customer_scores USING btree (status, clv_cents)',
        'customer_scores_status_clv',
        'customer_scores_status_clv_next',
        'customer_scores_next',
      ),
    ).toBe(
      'CREATE INDEX "customer_scores_status_clv_next" ON "customer_scores_next" USING btree (status, clv_cents)',
    )
    expect(
      onTable(
        'CREATE UNIQUE INDEX u ON ONLY public.t USING btree (a) WHERE (a > 0)',
        'u',
        'u_next',
        't_next',
      ),
    ).toBe('CREATE UNIQUE INDEX "u_next" ON ONLY "t_next" USING btree (a) WHERE (a > 0)')
  })

  it('refuses a definition of another index or of another form', () => {
    expect(() => onTable('CREATE INDEX a ON public.t USING btree (x)', 'b', 'b_next', 't_next')).toThrow()
    expect(() => onTable('DROP TABLE t', 't', 't_next', 't_next')).toThrow()
  })
})
