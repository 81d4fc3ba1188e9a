import { randomBytes } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import pg from 'pg'
import type { DatabaseConfig } from '../src/server/config'
import { type Db, type Dialect, openDatabase } from '../src/server/db/database'
import { migrateToLatest } from '../src/server/db/migrate'
import type { Database } from '../src/server/db/schema'

/**
 * The dialect loop: every `*.db.test.ts` runs its cases once per dialect here. Both run by default;
 * WINBACK_TEST_DIALECTS=sqlite narrows it for a machine without PostgreSQL (CI never does).
 */
export const testDialects: readonly Dialect[] = (process.env.WINBACK_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres')

const adminUrl = process.env.WINBACK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface TestDb extends Db {
  /** how to reach it (SQLite tests run in memory) */
  config: DatabaseConfig
  /** closes the connection and drops the PostgreSQL database made for this test file */
  destroy(): Promise<void>
}

/**
 * A fresh, migrated database: in-memory SQLite (or a new file, when the test reads what is on
 * disk), or a new PostgreSQL database of its own.
 */
export async function createTestDb(
  dialect: Dialect,
  options: { sqliteFile?: string; writeWaitMs?: number } = {},
): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const config = {
      dialect: 'sqlite' as const,
      file: options.sqliteFile ?? ':memory:',
      ...(options.writeWaitMs !== undefined && { writeWaitMs: options.writeWaitMs }),
    }
    const db = openDatabase(config)
    await migrateToLatest(db.kysely)
    return { ...db, config, destroy: () => db.close() }
  }
  const name = `winback_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const config = { dialect: 'postgres' as const, url: url.toString() }
  const db = openDatabase(config)
  await migrateToLatest(db.kysely)
  return {
    ...db,
    config,
    async destroy() {
      await db.close()
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      try {
        // pg's pool.end() resolves before its connections have closed; a FORCE drop of a database that
        // still has them would make them emit errors nobody listens to, so wait for them to go first
        for (let i = 0; i < 250; i++) {
          const { rows } = await client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          )
          if (rows[0]?.n === 0) break
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`)
      } finally {
        await client.end()
      }
    },
  }
}

/**
 * PostgreSQL: the rows read so far in this transaction from each table, by sequential scans and
 * through indexes (its statistics of the current transaction). Empty on SQLite, which keeps none.
 */
export async function rowsRead(trx: Transaction<Database>, dialect: Dialect): Promise<Map<string, number>> {
  if (dialect !== 'postgres') return new Map()
  const { rows } = await sql<{ relname: string; n: string }>`
    select relname, coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) as n
    from pg_stat_xact_user_tables`.execute(trx)
  return new Map(rows.map((r) => [r.relname, Number(r.n)]))
}
