import { sql } from 'kysely'
import type { Db } from './database'
import type { Database } from './schema'

type TableName = keyof Database & string

/** Rows written at once from which the planner's picture of a table is worth refreshing. */
const MANY_ROWS = 1000

/**
 * After a large write (an import, a classification or a scoring run of the whole base), PostgreSQL's
 * planner still believes what it last sampled, often an empty table; the lists then choose plans
 * for a few rows until autovacuum samples again (a minute or more later). ANALYZE samples a fixed
 * number of rows per table, so it takes well under a second even at a million customers. SQLite
 * plans without statistics unless asked to keep them (we do not), so there is nothing to refresh.
 */
export async function refreshPlannerStatistics(
  db: Db,
  tables: readonly TableName[],
  rowsWritten: number,
): Promise<void> {
  if (db.dialect !== 'postgres' || tables.length === 0 || rowsWritten < MANY_ROWS) return
  await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db.kysely)
}
