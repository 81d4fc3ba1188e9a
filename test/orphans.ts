import { sql } from 'kysely'
import type { Db } from '../src/server/db/database'
import { UNCHECKED_ON_POSTGRES } from '../src/server/db/migrations/2026-12-19T0900-bulk-tables-unchecked-customer'
import { RUN_UNCHECKED_ON_POSTGRES } from '../src/server/db/migrations/2026-12-21T0900-documents-unchecked-import-run'

/**
 * Rows of the tables PostgreSQL does not check against customers whose customer does not exist,
 * per table: the guarantee the dropped foreign keys gave, checked after the code that deletes a
 * customer has run.
 */
export function rowsWithoutCustomer(db: Db): Promise<Record<string, number>> {
  return rowsWithoutParent(db, UNCHECKED_ON_POSTGRES, 'customer_id', 'customers')
}

/**
 * Documents and contracts that name an import run that does not exist, per table: the guarantee of
 * the foreign keys to import runs that PostgreSQL no longer checks.
 */
export function rowsWithoutImportRun(db: Db): Promise<Record<string, number>> {
  return rowsWithoutParent(db, RUN_UNCHECKED_ON_POSTGRES, 'import_run_id', 'import_runs')
}

/** Per table, the rows whose `column` is set but names no row of `parent` (by id). */
async function rowsWithoutParent(
  db: Db,
  tables: readonly string[],
  column: string,
  parent: string,
): Promise<Record<string, number>> {
  const result: Record<string, number> = {}
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table)} t
      where ${sql.ref(`t.${column}`)} is not null
        and not exists (select 1 from ${sql.table(parent)} p where p.id = ${sql.ref(`t.${column}`)})`.execute(
      db.kysely,
    )
    result[table] = Number(rows[0]!.n)
  }
  return result
}
