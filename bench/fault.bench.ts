import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Dialect } from '../src/server/db/database'
import { deriveQueued } from '../src/server/features/imports/derived-data'
import { importFile } from '../src/server/features/imports/import-file'
import { failInterruptedRuns } from '../src/server/features/imports/import-run.repository'
import { companyToday } from '../src/server/lib/clock'
import { createTestDb, type TestDb } from '../test/databases'
import { importedState } from '../test/derived-state'
import { germanOrdersCsv } from './make-orders-file'

/**
 * kill -9 at random points of a CLI import (reading, writing, committing, deriving), then what a
 * restart and a retry do: the database must then equal a clean import of the same file.
 * Usage: fault.bench.ts DIALECT ROUNDS — prints JSON.
 */
const [dialect, roundsText] = process.argv.slice(2) as [Dialect, string]
const rounds = Number(roundsText ?? 5)
const root = path.resolve(import.meta.dirname, '..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-fault-'))
const file = path.join(dir, 'umsatz.csv')
fs.writeFileSync(file, germanOrdersCsv(150_000, 15_000, 3))
const bytes = fs.readFileSync(file)
// the CLI classifies as of the company's today
const asOf = companyToday(() => new Date(), 'Europe/Berlin')

let seed = 17
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}

async function freshDb(name: string): Promise<TestDb> {
  return createTestDb(dialect, { sqliteFile: path.join(dir, `${name}.sqlite`) })
}

function url(db: TestDb): string {
  return db.config.dialect === 'sqlite' ? db.config.file : db.config.url
}

/** The CLI import as a user runs it; killed with SIGKILL after `killAfterMs`, or run to the end. */
function cliImport(db: TestDb, killAfterMs?: number): Promise<{ ms: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin/winback.js'), '--db', url(db), 'import', file, '--no-progress', '--json'],
      { cwd: root, stdio: 'ignore', env: { ...process.env, WINBACK_LOG_LEVEL: 'silent' } },
    )
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (signal === 'SIGKILL') resolve({ ms: Date.now() - started, killed: true })
      else if (code === 0) resolve({ ms: Date.now() - started, killed: false })
      else reject(new Error(`winback import exited with ${code}`))
    })
  })
}

/** Where the kill struck, read from what it left behind. */
async function phaseLeft(db: TestDb): Promise<string> {
  const run = await db.kysely.selectFrom('import_runs').select('status').executeTakeFirst()
  if (!run || run.status === 'pending') return 'before the import began'
  if (run.status === 'running') return 'reading or writing (not committed)'
  const queued = await db.kysely.selectFrom('derivation_queue').select('customer_id').limit(1).execute()
  return queued.length > 0 ? 'deriving (committed, status and eligibility half built)' : 'after the end'
}

const reference = await freshDb('reference')
const full = await cliImport(reference)
const expected = await importedState(reference)
await reference.destroy()

const results: { killAfterMs: number; phase: string; equal: boolean }[] = []
for (let round = 0; round < rounds; round++) {
  const db = await freshDb(`round-${round}`)
  const killAfterMs = Math.round(full.ms * (0.35 + 0.6 * random()))
  const outcome = await cliImport(db, killAfterMs)
  const phase = outcome.killed ? await phaseLeft(db) : 'after the end'
  // the server's start: runs left running failed, derived work finished
  await failInterruptedRuns(db.kysely, new Date().toISOString())
  await deriveQueued({ db })
  // the user's retry, where the import itself did not commit
  const committed = await db.kysely
    .selectFrom('import_runs')
    .select('id')
    .where('status', '=', 'succeeded')
    .executeTakeFirst()
  if (!committed)
    await importFile({
      db,
      fileName: 'umsatz.csv',
      bytes,
      format: 'auto',
      kind: 'orders',
      skipInvalid: false,
      userId: null,
      asOf,
    })
  const equal = JSON.stringify(await importedState(db)) === JSON.stringify(expected)
  results.push({ killAfterMs, phase, equal })
  await db.destroy()
}
fs.rmSync(dir, { recursive: true, force: true })
process.stdout.write(`${JSON.stringify({ dialect, fullImportMs: full.ms, rounds: results })}\n`)
