import fs from 'node:fs'
import path from 'node:path'
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
import type { Database } from './schema'

export type Dialect = DatabaseConfig['dialect']

export interface Db {
  readonly kysely: Kysely<Database>
  readonly dialect: Dialect
  /** The raw SQLite handle for bulk loading; undefined on PostgreSQL. */
  readonly sqlite: SQLite.Database | undefined
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
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { kysely, dialect: 'postgres', sqlite: undefined, close: () => kysely.destroy() }
  }
  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true })
  const sqlite = new SQLite(config.file)
  // larger pages: fewer B-tree splits on big imports (takes effect when the file is created)
  sqlite.pragma('page_size = 16384')
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  // deleted content is overwritten with zeros where that costs no extra I/O; an erasure switches to
  // full overwriting (withSecureDelete), so an erased person cannot be read back from the file
  sqlite.pragma('secure_delete = FAST')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('cache_size = -262144')
  sqlite.pragma('temp_store = MEMORY')
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) })
  return { kysely, dialect: 'sqlite', sqlite, close: () => kysely.destroy() }
}

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE). A transaction
 * that reads first and writes later fails at once ("database is locked") when another process wrote
 * in between; one that begins with the lock waits for that process's write (busy_timeout) instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig

  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}
