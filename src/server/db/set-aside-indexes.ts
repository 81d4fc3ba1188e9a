import { sql, type Transaction } from 'kysely'
import { isPostgres } from './dialect-helpers'
import type { Database } from './schema'

/** Indexes taken off for a bulk write; `restore` builds them again (once, however often called). */
export interface SetAsideIndexes {
  restore(): Promise<void>
}

/**
 * SQLite keeps each index's B-tree up to date row by row. A bulk write in an order that is random for
 * an index (a first import's documents by customer, a million scores by P(alive)) touches a page
 * of it for nearly every row; building the index once afterwards is one sort. So these indexes are
 * dropped inside the writing transaction and created again, from the statement SQLite stored for
 * each, before it commits; a rollback brings back both. Readers are not held up: in WAL mode they
 * keep the schema of their own snapshot. An index made with its table by a key or unique constraint
 * has no statement of its own and stays. On PostgreSQL nothing is set aside (null): DROP INDEX locks
 * the table against every reader until the commit.
 */
export async function setAsideIndexes(
  trx: Transaction<Database>,
  table: keyof Database & string,
  /** only these of the table's indexes; all it has by default (those of its keys stay) */
  names?: readonly string[],
): Promise<SetAsideIndexes | null> {
  if (isPostgres(trx)) return null
  const { rows } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master
    where type = 'index' and tbl_name = ${table} and sql is not null
    order by name`.execute(trx)
  const indexes = names ? rows.filter((r) => names.includes(r.name)) : rows
  for (const index of indexes) await trx.schema.dropIndex(index.name).execute()
  let restored = false
  return {
    async restore() {
      if (restored) return
      restored = true
      // the statements SQLite itself stored for these indexes (sqlite_master.sql), not text of ours
      for (const index of indexes) await sql.raw(index.sql).execute(trx)
    },
  }
}
