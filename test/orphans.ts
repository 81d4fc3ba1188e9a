import { sql } from 'kysely'
import type { Db } from '../src/server/db/database'
import { UNCHECKED_ON_POSTGRES } from '../src/server/db/migrations/2026-12-19T0900-bulk-tables-unchecked-customer'

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
