import { sql } from 'kysely'
import { type AnyKysely, isPostgres } from '../dialect-helpers'

/**
 * Every document an import writes names the import run it came from, and PostgreSQL checked that
 * run's row for every one of them: a query per row that also locks the run's row (FOR KEY SHARE).
 * Copying a million orders took 11.3–14.1 s with the key and 6.3–7.6 s without; an import of ten
 * million rows spent about a minute on it. SQLite checks a key by one index lookup and keeps it.
 *
 * What the key guarded still holds: the import writes the id of the run it has just created, and no
 * code deletes an import run (its `on delete set null` never acted). The import tests check that
 * every document's run exists (test/orphans.ts).
 */
export const RUN_UNCHECKED_ON_POSTGRES = ['orders', 'contracts'] as const

export async function up(db: AnyKysely): Promise<void> {
  if (!isPostgres(db)) return
  for (const table of RUN_UNCHECKED_ON_POSTGRES) {
    const keys = await sql<{ name: string }>`
      select conname as name from pg_constraint
      where contype = 'f' and conrelid = ${table}::regclass and confrelid = 'import_runs'::regclass`.execute(
      db,
    )
    for (const { name } of keys.rows)
      await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(db)
  }
}

export async function down(db: AnyKysely): Promise<void> {
  if (!isPostgres(db)) return
  for (const table of RUN_UNCHECKED_ON_POSTGRES)
    await sql`alter table ${sql.table(table)} add foreign key (import_run_id) references import_runs (id) on delete set null`.execute(
      db,
    )
}
