import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import SQLite from 'better-sqlite3'
import type { DatabaseConfig } from '../config'

const run = promisify(execFile)

/**
 * A consistent copy of the whole database in one file, taken while winback runs. SQLite: the online
 * backup API, which copies what the WAL holds too. PostgreSQL: pg_dump's custom format (the client
 * tools of the server's major version must be installed).
 */
export async function backupDatabase(database: DatabaseConfig, file: string): Promise<{ bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  if (database.dialect === 'sqlite') {
    const source = new SQLite(database.file, { fileMustExist: true })
    try {
      await source.backup(file)
    } finally {
      source.close()
    }
  } else {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, database.url])
  }
  return { bytes: fs.statSync(file).size }
}

/**
 * Replaces the database with a backup made by backupDatabase. Stop the server first: the restore
 * replaces every table. A file that is not a winback backup is refused before anything is touched;
 * on PostgreSQL the restore is one transaction, so a failure leaves the database as it was.
 */
export async function restoreDatabase(database: DatabaseConfig, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`)
  if (database.dialect === 'sqlite') {
    const backup = openWinbackBackup(file)
    try {
      fs.mkdirSync(path.dirname(path.resolve(database.file)), { recursive: true })
      await backup.backup(database.file)
    } finally {
      backup.close()
    }
    return
  }
  await run('pg_restore', ['--list', file]).catch(() => {
    throw new Error(`${file} is not a PostgreSQL backup (pg_dump custom format)`)
  })
  await run('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-privileges',
    '--single-transaction',
    `--dbname=${database.url}`,
    file,
  ])
}

/** The backup file, if it is a SQLite database with winback's tables. */
function openWinbackBackup(file: string): SQLite.Database {
  let backup: SQLite.Database
  try {
    backup = new SQLite(file, { readonly: true, fileMustExist: true })
    const found = backup
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('kysely_migration', 'customers')",
      )
      .all()
    if (found.length === 2) return backup
    backup.close()
  } catch {
    // not a database at all
  }
  throw new Error(`${file} is not a winback backup (a SQLite database with winback's tables)`)
}
