import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { type Insertable, type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely'
import type { Db } from './database'
import type { AnyKysely } from './dialect-helpers'
import { copyRows } from './pg-copy'
import type { Database } from './schema'

type TableName = keyof Database
type Executor = Kysely<Database> | Transaction<Database>
export type RowFill = (values: unknown[], offset: number, row: number) => void

/** How many rows between two yields to the event loop, so HTTP requests keep being answered. */
const YIELD_EVERY = 20_000
/** Values bound per INSERT statement on SQLite: several rows per statement are faster than one each. */
const SQLITE_VALUES_PER_STATEMENT = 1000

/**
 * Writes many rows fast on both dialects. SQLite: inserts of many rows per statement (updates one
 * row per statement), built by Kysely once with placeholders and prepared by better-sqlite3, run
 * inside the caller's transaction (the
 * driver holds a single connection, so the raw handle is that transaction). PostgreSQL: COPY for
 * inserts (pg-copy.ts); where ids come back, they are drawn from the table's sequence before the
 * COPY. No SQL is spliced from strings; identifiers come from our own schema.
 */
export interface BulkWriter {
  insert<T extends TableName>(
    table: T,
    rows: readonly Insertable<Database[T]>[],
    onRows?: (n: number) => void,
  ): Promise<void>
  /**
   * Inserts `count` rows without an object per row: `fill` writes row `row`'s values, in the order
   * of `columns`, into `values` from `offset` (the statement's bound parameters).
   */
  insertRows<T extends TableName>(
    table: T,
    columns: readonly (keyof Insertable<Database[T]> & string)[],
    count: number,
    fill: RowFill,
  ): Promise<void>
  /**
   * Inserts rows, each completed by the `shared` columns (the same for every row: no copy of each
   * row is made), and returns the given columns of each inserted row (in no particular order).
   */
  insertReturning<T extends TableName, C extends keyof Selectable<Database[T]> & string>(
    table: T,
    rows: readonly Partial<Insertable<Database[T]>>[],
    shared: Partial<Insertable<Database[T]>>,
    returning: readonly C[],
  ): Promise<Pick<Selectable<Database[T]>, C>[]>
  /** Updates rows by id, setting the given columns (every row carries the same columns). */
  updateById<T extends TableName>(
    table: T,
    rows: readonly ({ id: number } & Updateable<Database[T]>)[],
    onRows?: (n: number) => void,
  ): Promise<void>
}

export function createBulkWriter(db: Db, trx: Executor): BulkWriter {
  // the writer is generic over tables; Kysely's per-table types cannot follow a table name variable
  const untyped = trx as unknown as AnyKysely
  if (db.dialect === 'sqlite') return sqliteWriter(db, untyped)
  return postgresWriter(untyped)
}

function columnsOf(row: object): string[] {
  return Object.keys(row)
}

function objectFill(rows: readonly object[], columns: readonly string[], shared: object = {}): RowFill {
  const own = columns.length - Object.keys(shared).length
  const sharedValues = Object.values(shared)
  return (values, offset, row) => {
    const source = rows[row] as Record<string, unknown>
    for (let c = 0; c < own; c++) values[offset + c] = source[columns[c]!]
    for (let c = own; c < columns.length; c++) values[offset + c] = sharedValues[c - own]
  }
}

function sqliteWriter(db: Db, trx: AnyKysely): BulkWriter {
  const sqlite = db.sqlite!
  const insertRows = async (
    table: string,
    columns: readonly string[],
    count: number,
    fill: RowFill,
    onRows?: (n: number) => void,
    returning?: readonly string[],
  ): Promise<unknown[]> => {
    const returned: unknown[] = []
    if (count === 0) return returned
    const template = Object.fromEntries(columns.map((c) => [c, null]))
    // several rows per statement: fewer calls into SQLite
    const perStatement = Math.max(1, Math.floor(SQLITE_VALUES_PER_STATEMENT / columns.length))
    const prepare = (n: number) => {
      const insert = trx.insertInto(table).values(new Array(n).fill(template))
      return sqlite.prepare((returning ? insert.returning(returning as string[]) : insert).compile().sql)
    }
    const full = prepare(perStatement)
    const values: unknown[] = new Array(columns.length * perStatement)
    let written = 0
    let sinceYield = 0
    while (written < count) {
      const n = Math.min(perStatement, count - written)
      const statement = n === perStatement ? full : prepare(n)
      const bound = n === perStatement ? values : new Array(columns.length * n)
      for (let r = 0; r < n; r++) fill(bound, r * columns.length, written + r)
      if (returning) for (const row of statement.all(bound)) returned.push(row)
      else statement.run(bound)
      written += n
      sinceYield += n
      if (sinceYield >= YIELD_EVERY) {
        onRows?.(sinceYield)
        sinceYield = 0
        await yieldToEventLoop()
      }
    }
    onRows?.(sinceYield)
    return returned
  }
  return {
    async insert(table, rows, onRows) {
      if (rows.length === 0) return
      const columns = columnsOf(rows[0]!)
      await insertRows(table, columns, rows.length, objectFill(rows, columns), onRows)
    },
    async insertRows(table, columns, count, fill) {
      await insertRows(table, columns, count, fill)
    },
    async insertReturning(table, rows, shared, returning) {
      if (rows.length === 0) return []
      const columns = [...columnsOf(rows[0]!), ...columnsOf(shared)]
      const fill = objectFill(rows, columns, shared)
      return (await insertRows(table, columns, rows.length, fill, undefined, returning)) as never
    },
    async updateById(table, rows, onRows) {
      if (rows.length === 0) return
      const columns = columnsOf(rows[0]!).filter((c) => c !== 'id')
      const template = Object.fromEntries(columns.map((c) => [c, null]))
      const { sql } = trx
        .updateTable(table as string)
        .set(template)
        .where('id', '=', 0)
        .compile()
      const statement = sqlite.prepare(sql)
      const values: unknown[] = new Array(columns.length + 1)
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as Record<string, unknown>
        for (let c = 0; c < columns.length; c++) values[c] = row[columns[c]!]
        values[columns.length] = row.id
        statement.run(values)
        if ((i + 1) % YIELD_EVERY === 0) {
          onRows?.(YIELD_EVERY)
          await yieldToEventLoop()
        }
      }
      onRows?.(rows.length % YIELD_EVERY)
    },
  }
}

function postgresWriter(trx: AnyKysely): BulkWriter {
  const writer: BulkWriter = {
    async insertRows(table, columns, count, fill) {
      await copyRows(trx, table, columns, count, fill)
    },
    async insertReturning(table, rows, shared, returning) {
      if (rows.length === 0) return []
      const columns = [...columnsOf(rows[0]!), ...columnsOf(shared)]
      const unknown = returning.filter((c) => c !== 'id' && !columns.includes(c))
      if (unknown.length > 0) throw new Error(`insertReturning: ${unknown.join(', ')} not among the values`)
      // ids drawn from the table's sequence first, then COPY: a multi-row INSERT … RETURNING of a
      // million customers spent 37 s parsing and binding its parameters
      const ids = await nextIds(trx, table, rows.length)
      const fill = objectFill(rows, columns, shared)
      await copyRows(trx, table, ['id', ...columns], rows.length, (values, _offset, row) => {
        values[0] = ids[row]
        fill(values, 1, row)
      })
      return rows.map((row, i) => {
        const inserted: Record<string, unknown> = { ...shared, ...row, id: ids[i] }
        return Object.fromEntries(returning.map((c) => [c, inserted[c]]))
      }) as never
    },
    async insert(table, rows, onRows) {
      if (rows.length === 0) return
      const columns = columnsOf(rows[0]!)
      await copyRows(trx, table, columns, rows.length, objectFill(rows, columns), onRows)
    },
    async updateById(table, rows, onRows) {
      for (let i = 0; i < rows.length; i++) {
        const { id, ...values } = rows[i] as { id: number } & Record<string, unknown>
        await trx
          .updateTable(table as string)
          .set(values)
          .where('id', '=', id)
          .execute()
        if ((i + 1) % 1000 === 0) onRows?.(1000)
      }
      onRows?.(rows.length % 1000)
    },
  }
  return writer
}

/** `count` new ids from the sequence of the table's serial id, in ascending order. */
async function nextIds(trx: AnyKysely, table: string, count: number): Promise<number[]> {
  const { rows } = await sql<{ id: string }>`
    select nextval(pg_get_serial_sequence(${table}, 'id')) as id from generate_series(1, ${count})`.execute(
    trx,
  )
  return rows.map((r) => Number(r.id))
}

/** Splits a list for `IN (...)` queries that stay below both dialects' parameter limits. */
export function chunks<T>(items: readonly T[], size = 5000): T[][] {
  const result: T[][] = []
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size))
  return result
}
