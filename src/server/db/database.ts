import fs from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely'
import pg from 'pg'
import type { DatabaseConfig } from '../config'
import { watchChanges } from '../lib/read-cache'
import { PAGE_CACHE_KIB } from './bulk-write'
import { acceptCopyRows } from './pg-copy'
import type { Database } from './schema'

export type Dialect = DatabaseConfig['dialect']

export interface Db {
  readonly kysely: Kysely<Database>
  readonly dialect: Dialect
  /** The raw SQLite handle for bulk loading; undefined on PostgreSQL. */
  readonly sqlite: SQLite.Database | undefined
  /**
   * PostgreSQL: a compiled read's rows as arrays (pg's array row mode), on a connection of the pool
   * outside any transaction; undefined on SQLite (select-arrays.ts).
   */
  readonly pgRowsAsArrays?: (sql: string, parameters: readonly unknown[]) => Promise<unknown[][]>
  close(): Promise<void>
}

const PG_INT8 = 20
const PG_DATE = 1082
const PG_TIMESTAMPTZ = 1184

/** Dates come back as "YYYY-MM-DD", 64-bit integers (cents, counts) as numbers on both dialects. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8) return (value: string) => Number(value)
    if (oid === PG_DATE) return (value: string) => value
    if (oid === PG_TIMESTAMPTZ) return (value: string) => new Date(value).toISOString()
    return pg.types.getTypeParser(oid, format)
  },
}

export function openDatabase(config: DatabaseConfig): Db {
  if (config.dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10, types: pgTypes })
    acceptCopyRows(pool)
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    const marks = watchPostgresChanges(pool, kysely)
    return {
      kysely,
      dialect: 'postgres',
      sqlite: undefined,
      pgRowsAsArrays: async (text, parameters) =>
        (await pool.query<unknown[]>({ text, values: [...parameters], rowMode: 'array' })).rows,
      close: async () => {
        marks.stop()
        await kysely.destroy()
      },
    }
  }
  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true })
  const sqlite = new SQLite(config.file)
  return sqliteDb(sqlite, config.writeWaitMs ?? WRITE_WAIT_MS)
}

/** How often PostgreSQL's change mark is read in the background. */
const MARK_EVERY_MS = 1000

/**
 * PostgreSQL's change mark for the read caches: the current snapshot (the next transaction id and
 * those in flight), which moves whenever a transaction that writes begins or ends anywhere on the
 * server; reads leave it as it is. A cache compares marks synchronously, so the mark is read every
 * second on a connection of the pool (not through Kysely: no plugin or log sees it), and at once
 * before and after a write of ours (refreshChangeMark). A result is marked with the value read
 * before its computation began: a change that value misses makes it computed again, never kept.
 */
function watchPostgresChanges(pool: pg.Pool, kysely: Kysely<Database>): { stop(): void } {
  let snapshot: string | null = null
  let stopped = false
  let started = 0
  let applied = 0
  let inFlight: Promise<void> | null = null
  const read = async () => {
    const seq = ++started
    try {
      const result = await pool.query<{ s: string }>('select pg_current_snapshot()::text as s')
      // a read begun later may have answered first: the newer value stays
      if (seq > applied) {
        applied = seq
        snapshot = result.rows[0]?.s ?? null
      }
    } catch {
      // the pool is closing, or the server restarting: the last mark stays until a read succeeds
    }
  }
  watchChanges(kysely, () => snapshot, read)
  const poll = () => {
    if (stopped || inFlight) return
    inFlight = read().finally(() => {
      inFlight = null
    })
  }
  const timer = setInterval(poll, MARK_EVERY_MS)
  timer.unref()
  poll()
  return {
    stop() {
      stopped = true
      clearInterval(timer)
    },
  }
}

/** How long a transaction waits for another connection's write (an import) before it answers busy. */
const WRITE_WAIT_MS = 10_000
/** A statement outside a transaction waits this long, blocking its thread: keep it short. */
const STATEMENT_BUSY_MS = 100

/**
 * A second SQLite connection for the server's reading requests: in WAL mode it reads the last
 * committed state while the main connection is inside a long write (an import), instead of waiting
 * for it. A rare write through it (a GET that logs) waits a moment at most, then answers busy.
 * PostgreSQL's pool reads beside a writer anyway: there, and for an in-memory database, none.
 */
export function openReadConnection(config: DatabaseConfig): Db | undefined {
  if (config.dialect !== 'sqlite' || config.file === ':memory:') return undefined
  return sqliteDb(new SQLite(config.file), 200)
}

function sqliteDb(sqlite: SQLite.Database, writeWaitMs: number): Db {
  // larger pages: fewer B-tree splits on big imports (takes effect when the file is created)
  sqlite.pragma('page_size = 16384')
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  // deleted content is overwritten with zeros where that costs no extra I/O; an erasure switches to
  // full overwriting (withSecureDelete), so an erased person cannot be read back from the file
  sqlite.pragma('secure_delete = FAST')
  sqlite.pragma(`busy_timeout = ${Math.min(writeWaitMs, STATEMENT_BUSY_MS)}`)
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`)
  // a sort larger than the cache spills to a temporary file: in memory, building the ledger index of
  // 10,000,000 documents after an import took 1.2 GiB (and 17 s instead of 12)
  sqlite.pragma('temp_store = FILE')
  const kysely = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: sqlite }, writeWaitMs),
  })
  // changes once another connection (or process) committed: cached results stay until then
  watchChanges(kysely, () => (sqlite.open ? sqlite.pragma('data_version', { simple: true }) : null))
  return { kysely, dialect: 'sqlite', sqlite, close: () => kysely.destroy() }
}

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE). A transaction
 * that reads first and writes later fails at once ("database is locked") when another connection
 * wrote in between; one that begins with the lock waits for that write instead. It waits by trying
 * again every few milliseconds, not in SQLite's busy handler, which would stop the whole thread
 * (every request of the server) for as long as another connection writes.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  readonly #waitMs: number

  constructor(config: SqliteDialectConfig, waitMs: number) {
    super(config)
    this.#config = config
    this.#waitMs = waitMs
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#waitMs)
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #waitMs: number

  constructor(config: SqliteDialectConfig, waitMs: number) {
    super(config)
    this.#waitMs = waitMs
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection()
    return {
      executeQuery: (query) => whileBusy(() => connection.executeQuery(query), this.#waitMs),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    }
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

/** Runs a statement again while another connection holds the write lock (it did not run), up to waitMs. */
async function whileBusy<T>(run: () => Promise<T>, waitMs: number): Promise<T> {
  const until = Date.now() + waitMs
  for (;;) {
    try {
      return await run()
    } catch (error) {
      const busy = (error as { code?: string }).code?.startsWith('SQLITE_BUSY')
      if (!busy || Date.now() >= until) throw error
      await sleep(20)
    }
  }
}
