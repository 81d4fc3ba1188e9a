import { type Kysely, sql, type Transaction } from 'kysely'
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
 * keep the schema of their own snapshot. An index behind a key or a uniqueness stays (one made with
 * its table by a constraint has no statement of its own). On PostgreSQL nothing is set aside (null): DROP INDEX locks
 * the table against every reader until the commit.
 */
export async function setAsideIndexes(
  trx: Transaction<Database>,
  table: keyof Database & string,
  /** only these of the table's indexes; all it has by default (those of its keys stay) */
  names?: readonly string[],
): Promise<SetAsideIndexes | null> {
  if (isPostgres(trx)) return null
  const all = await readIndexes(trx, [table])
  const indexes = names ? all.filter((r) => names.includes(r.name)) : all
  for (const index of indexes) await trx.schema.dropIndex(index.name).execute()
  let restored = false
  return {
    async restore() {
      if (restored) return
      restored = true
      // the statements SQLite itself stored for these indexes (sqlite_master.sql), not text of ours
      for (const index of indexes) await sql.raw(index.definition).execute(trx)
    },
  }
}

/** An index taken off across many transactions, kept until built again (setAsideUntilRestored). */
export interface SetAsideIndexTable {
  name: string
  table_name: string
  /** the statement the database itself reports for the index (pg_get_indexdef, sqlite_master.sql) */
  definition: string
  set_aside_at: string
}

/**
 * Takes the tables' indexes off for a bulk write made of many transactions (a derivation of a
 * million customers writes their status rows 2,000 at a time, each commit touching a page of every
 * index in an order random to it: on PostgreSQL 40 of 200 s, and on SQLite a write-ahead log many
 * times the database's size). Only the indexes that speed up reads: those behind a key or unique
 * constraint keep the writes correct and stay. Each is dropped in the transaction that records its
 * statement in `set_aside_indexes`, so one set aside by a process that died is built again by
 * `restoreSetAsideIndexes` (the next derivation, or the next start). Readers meanwhile read the
 * tables without them: slower, not wrong.
 */
export async function setAsideUntilRestored(
  db: Kysely<Database>,
  tables: readonly (keyof Database & string)[],
  now: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const index of await readIndexes(trx, tables)) {
      await trx
        .insertInto('set_aside_indexes')
        .values({
          name: index.name,
          table_name: index.table,
          definition: index.definition,
          set_aside_at: now,
        })
        .execute()
      await trx.schema.dropIndex(index.name).execute()
    }
  })
}

/**
 * Runs `work` with the tables' indexes set aside (none for no tables), and builds every index set
 * aside again after it, also when it fails: those a process that died had set aside as well.
 */
export async function withIndexesSetAside<T>(
  db: Kysely<Database>,
  tables: readonly (keyof Database & string)[],
  now: string,
  work: () => Promise<T>,
): Promise<T> {
  await setAsideUntilRestored(db, tables, now)
  try {
    return await work()
  } finally {
    await restoreSetAsideIndexes(db)
  }
}

/**
 * Builds again every index set aside by `setAsideUntilRestored`, each in its own transaction with the
 * deletion of its record. Safe to run beside another process doing the same: the index is made only
 * if it does not exist, and on PostgreSQL the record is locked first. Returns how many were built.
 */
export async function restoreSetAsideIndexes(db: Kysely<Database>): Promise<number> {
  const names = await db.selectFrom('set_aside_indexes').select('name').orderBy('name').execute()
  let built = 0
  for (const { name } of names)
    await db.transaction().execute(async (trx) => {
      const postgres = isPostgres(trx)
      const query = trx.selectFrom('set_aside_indexes').select('definition').where('name', '=', name)
      const row = await (postgres ? query.forUpdate() : query).executeTakeFirst()
      if (!row) return
      // the statement the database reported for one of our own migrations' indexes, not text from outside
      await sql
        .raw(row.definition.replace(/^\s*create\s+index\s+/i, 'create index if not exists '))
        .execute(trx)
      await trx.deleteFrom('set_aside_indexes').where('name', '=', name).execute()
      built++
    })
  return built
}

/** The tables' indexes that no key or unique constraint stands behind, with their statements. */
async function readIndexes(
  trx: Transaction<Database>,
  tables: readonly string[],
): Promise<{ name: string; table: string; definition: string }[]> {
  if (tables.length === 0) return []
  if (isPostgres(trx))
    return (
      await sql<{ name: string; table: string; definition: string }>`
        select index_class.relname as name, table_class.relname as "table",
          pg_get_indexdef(i.indexrelid) as definition
        from pg_index i
        join pg_class index_class on index_class.oid = i.indexrelid
        join pg_class table_class on table_class.oid = i.indrelid
        where table_class.relnamespace = current_schema()::regnamespace
          and table_class.relname in (${sql.join(tables)})
          and not i.indisunique and not i.indisprimary
        order by index_class.relname`.execute(trx)
    ).rows
  return (
    await sql<{ name: string; table: string; definition: string }>`
      select name, tbl_name as "table", sql as definition from sqlite_master
      where type = 'index' and tbl_name in (${sql.join(tables)}) and sql is not null
        and lower(sql) not like 'create unique%'
      order by name`.execute(trx)
  ).rows
}
