import { sql } from 'kysely'
import { type AnyKysely, isPostgres } from '../dialect-helpers'

/**
 * The customer search looks for each word anywhere in the customer's search text (LIKE '%word%'),
 * which reads every customer: a quarter of a second at a million. On PostgreSQL a trigram index
 * (pg_trgm, part of PostgreSQL's standard contrib modules and trusted: a database owner may add it)
 * answers the same LIKE from the index. Where the module is missing or may not be added, the search
 * keeps reading the table: nothing else depends on it. SQLite has no such index; there the search
 * stays a scan (fast enough for the sizes SQLite is meant for).
 */
export async function up(db: AnyKysely): Promise<void> {
  if (!isPostgres(db)) return
  const { rows } = await sql<{ available: boolean; allowed: boolean; installed: boolean }>`
    select exists (select 1 from pg_available_extensions where name = 'pg_trgm') as available,
      has_database_privilege(current_database(), 'CREATE') as allowed,
      exists (select 1 from pg_extension where extname = 'pg_trgm') as installed`.execute(db)
  const { available, allowed, installed } = rows[0]!
  if (!installed && !(available && allowed)) return
  if (!installed) await sql`create extension if not exists pg_trgm`.execute(db)
  await sql`create index customers_search_trgm on customers using gin (search_text gin_trgm_ops)`.execute(db)
}

export async function down(db: AnyKysely): Promise<void> {
  if (!isPostgres(db)) return
  await sql`drop index if exists customers_search_trgm`.execute(db)
}
