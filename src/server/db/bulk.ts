import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import type { Db } from './database'
import type { AnyKysely } from './dialect-helpers'
import type { Database } from './schema'

type TableName = keyof Database
type Executor = Kysely<Database> | Transaction<Database>

/** Rows per statement on PostgreSQL: stays below its 65,535 parameters for our widest table. */
const PG_CHUNK = 2000
/** How many rows between two yields to the event loop, so HTTP requests keep being answered. */
const YIELD_EVERY = 20_000

/**
 * Writes many rows fast on both dialects. SQLite: one statement, built by Kysely once with
 * placeholders and prepared by better-sqlite3, run per row inside the caller's transaction (the
 * driver holds a single connection, so the raw handle is that transaction). PostgreSQL: multi-row
 * inserts through Kysely. No SQL is spliced from strings; identifiers come from our own schema.
 */
export interface BulkWriter {
  insert<T extends TableName>(
    table: T,
    rows: readonly Insertable<Database[T]>[],
    onRows?: (n: number) => void,
  ): Promise<void>
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

function sqliteWriter(db: Db, trx: AnyKysely): BulkWriter {
  const sqlite = db.sqlite!
  return {
    async insert(table, rows, onRows) {
      if (rows.length === 0) return
      const columns = columnsOf(rows[0]!)
      const template = Object.fromEntries(columns.map((c) => [c, null]))
      const { sql } = trx
        .insertInto(table as string)
        .values(template)
        .compile()
      const statement = sqlite.prepare(sql)
      const values: unknown[] = new Array(columns.length)
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as Record<string, unknown>
        for (let c = 0; c < columns.length; c++) values[c] = row[columns[c]!]
        statement.run(values)
        if ((i + 1) % YIELD_EVERY === 0) {
          onRows?.(YIELD_EVERY)
          await yieldToEventLoop()
        }
      }
      onRows?.(rows.length % YIELD_EVERY)
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
  return {
    async insert(table, rows, onRows) {
      if (rows.length === 0) return
      const chunk = Math.max(1, Math.floor(PG_CHUNK * (16 / Math.max(1, columnsOf(rows[0]!).length))))
      for (let i = 0; i < rows.length; i += chunk) {
        const part = rows.slice(i, i + chunk)
        await trx
          .insertInto(table as string)
          .values(part)
          .execute()
        onRows?.(part.length)
      }
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
}

/** Splits a list for `IN (...)` queries that stay below both dialects' parameter limits. */
export function chunks<T>(items: readonly T[], size = 5000): T[][] {
  const result: T[][] = []
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size))
  return result
}
