import { sql } from 'kysely'
import { type AnyKysely, isPostgres } from '../dialect-helpers'

/**
 * The tables an import and the nightly work write a row per document or per customer into, by the
 * million, whose foreign key to customers PostgreSQL checked row by row: each check is a query that
 * also locks its customer's row (FOR KEY SHARE). Copying a million orders took 14.2 s with the key
 * and 7.7 s without; the whole import of a million rows 65-69 s with the keys on these tables and
 * 51-54 s without. SQLite checks a key by one index lookup (a fifth of a bare insert) and keeps them.
 *
 * What the key guarded still holds: no code deletes a customer but an import taking back the one it
 * has just created (it deletes that customer's orders first; nothing derived exists yet), and
 * erasure keeps the customer row. The test of bulk writes proves no row is left without its customer.
 */
export const UNCHECKED_ON_POSTGRES = [
  'orders',
  'customer_status',
  'customer_status_changes',
  'purchase_ledgers',
  'contact_eligibility',
  'customer_scores',
] as const

export async function up(db: AnyKysely): Promise<void> {
  if (!isPostgres(db)) return
  for (const table of UNCHECKED_ON_POSTGRES) {
    const keys = await sql<{ name: string }>`
      select conname as name from pg_constraint
      where contype = 'f' and conrelid = ${table}::regclass and confrelid = 'customers'::regclass`.execute(db)
    for (const { name } of keys.rows)
      await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(db)
  }
}

export async function down(db: AnyKysely): Promise<void> {
  if (!isPostgres(db)) return
  for (const table of UNCHECKED_ON_POSTGRES)
    await sql`alter table ${sql.table(table)} add foreign key (customer_id) references customers (id) on delete cascade`.execute(
      db,
    )
}
