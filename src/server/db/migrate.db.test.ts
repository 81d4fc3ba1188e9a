import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { UNCHECKED_ON_POSTGRES } from './migrations/2026-12-19T0900-bulk-tables-unchecked-customer'
import { RUN_UNCHECKED_ON_POSTGRES } from './migrations/2026-12-21T0900-documents-unchecked-import-run'

describe.each(testDialects)('migrations on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
  })
  afterAll(() => db.destroy())

  it('keeps no foreign key to customers or import runs on the bulk tables on PostgreSQL (checked row by row there), all of them on SQLite', async () => {
    const keyed = async (table: string, to = 'customers') =>
      dialect === 'postgres'
        ? Number(
            (
              await sql<{ n: string }>`select count(*) as n from pg_constraint
                where contype = 'f' and conrelid = ${table}::regclass and confrelid = ${to}::regclass`.execute(
                db.kysely,
              )
            ).rows[0]!.n,
          )
        : (
            await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(
              db.kysely,
            )
          ).rows.filter((r) => r.table === to).length
    for (const table of UNCHECKED_ON_POSTGRES)
      expect([table, await keyed(table)]).toEqual([table, dialect === 'postgres' ? 0 : 1])
    for (const table of RUN_UNCHECKED_ON_POSTGRES)
      expect([table, await keyed(table, 'import_runs')]).toEqual([table, dialect === 'postgres' ? 0 : 1])
    // the tables written by hand keep theirs
    expect(await keyed('winback_attempts')).toBe(1)
    expect(await keyed('derivation_queue')).toBe(1)
  })

  it('keeps the status history by month without the customer on PostgreSQL (deduplicated), with it on SQLite', async () => {
    const columns =
      dialect === 'postgres'
        ? (
            await sql<{ name: string }>`select a.attname as name from pg_index i
              join pg_class c on c.oid = i.indexrelid
              join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
              where c.relname = 'customer_status_changes_by_month'
              order by array_position(i.indkey::int2[], a.attnum)`.execute(db.kysely)
          ).rows.map((r) => r.name)
        : (
            await sql<{
              name: string
            }>`select name from pragma_index_info('customer_status_changes_by_month') order by seqno`.execute(
              db.kysely,
            )
          ).rows.map((r) => r.name)
    expect(columns).toEqual(
      dialect === 'postgres'
        ? ['month', 'status', 'previous_status']
        : ['month', 'status', 'previous_status', 'customer_id'],
    )
  })

  it('creates every table, and money and dates round-trip exactly', async () => {
    const now = new Date().toISOString()
    const user = await db.kysely
      .insertInto('users')
      .values({
        email: 'a@b.de',
        name: 'A',
        role: 'admin',
        password_hash: 'x',
        locale: 'de',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(user.id).toBeTypeOf('number')
    const customer = await db.kysely
      .insertInto('customers')
      .values({
        customer_number: 'K1',
        type: 'business',
        tags: '[]',
        is_project_customer: 0,
        search_text: 'k1',
        source: 'test',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.kysely
      .insertInto('orders')
      .values({
        customer_id: customer.id,
        source: 'test',
        external_key: 'RE-1',
        kind: 'invoice',
        ordered_on: '2024-02-29',
        net_cents: 9_007_199_254_740_000,
        currency: 'EUR',
        counts_as_purchase: 1,
      })
      .execute()
    const order = await db.kysely.selectFrom('orders').selectAll().executeTakeFirstOrThrow()
    expect(order.ordered_on).toBe('2024-02-29')
    expect(order.net_cents).toBe(9_007_199_254_740_000)
    const created = await db.kysely.selectFrom('users').select('created_at').executeTakeFirstOrThrow()
    expect(new Date(created.created_at).toISOString()).toBe(now)
  })
})
