import { sql } from 'kysely'
import type { Db } from '../src/server/db/database'
import { UNCHECKED_ON_POSTGRES } from '../src/server/db/migrations/2026-12-19T0900-bulk-tables-unchecked-customer'
import { RUN_UNCHECKED_ON_POSTGRES } from '../src/server/db/migrations/2026-12-21T0900-documents-unchecked-import-run'

/**
 * Rows of the tables PostgreSQL does not check against customers whose customer does not exist,
 * per table: the guarantee the dropped foreign keys gave, checked after the code that deletes a
 * customer has run.
 */
export async function rowsWithoutCustomer(db: Db): Promise<Record<string, number>> {
  const result: Record<string, number> = {}
  for (const table of UNCHECKED_ON_POSTGRES) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table)} t
      where not exists (select 1 from customers c where c.id = t.customer_id)`.execute(db.kysely)
    result[table] = Number(rows[0]!.n)
  }
  return result
}

/**
 * Documents and contracts that name an import run that does not exist, per table: the guarantee of
 * the foreign keys to import runs that PostgreSQL no longer checks.
 */
export async function rowsWithoutImportRun(db: Db): Promise<Record<string, number>> {
  const result: Record<string, number> = {}
  for (const table of RUN_UNCHECKED_ON_POSTGRES) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table)} t
      where t.import_run_id is not null
        and not exists (select 1 from import_runs r where r.id = t.import_run_id)`.execute(db.kysely)
    result[table] = Number(rows[0]!.n)
  }
  return result
}
