import { sql, type Transaction } from 'kysely'
import { createBulkWriter, type RowFill } from './bulk'
import type { Db } from './database'
import { type AnyKysely, isPostgres } from './dialect-helpers'
import { copyRows, copyRowsBinary } from './pg-copy'
import { binaryColumnTypes } from './pg-copy-binary'
import type { Database } from './schema'
import { setAsideIndexes } from './set-aside-indexes'

type TableName = keyof Database & string

/**
 * Holds every other writer of `table` until the caller's transaction ends, as `rewriteTable` does
 * when it starts (PostgreSQL; a SQLite transaction holds the write lock from its beginning). Take it
 * before reading what the new rows are made of: a write committed between that read and the rewrite
 * went to the old rows and would be lost with them.
 */
export async function lockForRewrite(trx: Transaction<Database>, table: TableName): Promise<void> {
  if (isPostgres(trx)) await sql`lock table ${sql.table(table)} in share row exclusive mode`.execute(trx)
}

/**
 * Replaces every row of `table` with `count` new ones, inside the caller's transaction, the fastest
 * way each database has that does not hold up the table's readers (a scoring run's million scores):
 *
 * - SQLite: the table's indexes are set aside, every row deleted, the rows inserted and the indexes
 *   built once (set-aside-indexes.ts). Readers keep the snapshot of their WAL.
 * - PostgreSQL: the rows are copied, frozen, into a new table of the same shape; its keys and
 *   indexes are built from the catalog's definitions of the old table's, then the old table is
 *   dropped and the new one takes its name and theirs. Copying into the live table kept its four
 *   indexes and its key to the run row by row (a million scores: 15.2 s, 1.4 s into a bare table
 *   and 2.8 s to build them after) and left a million dead rows for a vacuum. Writers of the table
 *   wait from the start (their change then goes to the new rows); readers wait only for the swap.
 *   What other roles were granted on the table is granted on the new one. A view or a key of
 *   another table on it would make the drop fail: the run then rolls back whole.
 */
export async function rewriteTable(
  db: Db,
  trx: Transaction<Database>,
  table: TableName,
  columns: readonly string[],
  count: number,
  fill: RowFill,
): Promise<void> {
  if (db.dialect === 'sqlite') {
    const indexes = await setAsideIndexes(trx, table)
    await trx.deleteFrom(table).execute()
    await createBulkWriter(db, trx).insertRows(table, columns as never, count, fill)
    await indexes?.restore()
    return
  }
  const next = `${table}_next`
  await lockForRewrite(trx, table)
  await sql`create table ${sql.table(next)} (like ${sql.table(table)} including all excluding indexes)`.execute(
    trx,
  )
  // as bytes where every column has a binary writer (a scoring run's numbers), else as text
  const types = await binaryColumnTypes(trx, next, columns)
  if (types) await copyRowsBinary(trx as AnyKysely, next, columns, types, count, fill, true)
  else await copyRows(trx as AnyKysely, next, columns, count, fill, undefined, true)
  // the keys (primary, unique, foreign) and the other indexes as the catalog defines them for the old
  // table: PostgreSQL's own text, with the new table's and a temporary name put in
  const constraints = await sql<{ name: string; definition: string }>`
    select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
    where conrelid = ${table}::regclass and contype in ('p', 'u', 'f', 'x') order by conname`.execute(trx)
  for (const c of constraints.rows)
    await sql`alter table ${sql.table(next)} add constraint ${sql.id(`${c.name}_next`)} ${sql.raw(c.definition)}`.execute(
      trx,
    )
  const indexes = await sql<{ name: string; definition: string }>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${table}::regclass
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
    order by c.relname`.execute(trx)
  for (const index of indexes.rows)
    await sql.raw(onTable(index.definition, index.name, `${index.name}_next`, next)).execute(trx)
  // what other roles may do with the table (a reporting role's SELECT): not part of LIKE's copy
  const grants = await sql<{ grantee: string; privilege: string }>`
    select grantee, privilege_type as privilege from information_schema.role_table_grants
    where table_schema = current_schema() and table_name = ${table}
      and grantee <> (select pg_get_userbyid(relowner) from pg_class where oid = ${table}::regclass)`.execute(
    trx,
  )
  await sql`drop table ${sql.table(table)}`.execute(trx)
  await sql`alter table ${sql.table(next)} rename to ${sql.table(table)}`.execute(trx)
  for (const c of constraints.rows)
    await sql`alter table ${sql.table(table)} rename constraint ${sql.id(`${c.name}_next`)} to ${sql.id(c.name)}`.execute(
      trx,
    )
  for (const index of indexes.rows)
    await sql`alter index ${sql.id(`${index.name}_next`)} rename to ${sql.id(index.name)}`.execute(trx)
  for (const { grantee, privilege } of grants.rows) {
    if (!TABLE_PRIVILEGES.has(privilege)) continue
    const to = grantee === 'PUBLIC' ? sql`public` : sql.id(grantee)
    await sql`grant ${sql.raw(privilege)} on table ${sql.table(table)} to ${to}`.execute(trx)
  }
}

/** The privileges a table can be granted (the catalog's names, the only text put into a GRANT). */
const TABLE_PRIVILEGES = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
])

/**
 * An index's definition as pg_get_indexdef gives it (`CREATE [UNIQUE] INDEX name ON [ONLY]
 * schema.table USING …`) with another name and table: PostgreSQL's text from its own catalog, of
 * indexes our migrations made.
 */
export function onTable(definition: string, name: string, newName: string, table: string): string {
  const match = /^(CREATE (?:UNIQUE )?INDEX )(\S+)( ON (?:ONLY )?)(\S+)( USING .*)$/s.exec(definition)
  if (!match || match[2] !== name) throw new Error(`unexpected index definition: ${definition}`)
  return `${match[1]}"${newName}"${match[3]}"${table}"${match[5]}`
}
