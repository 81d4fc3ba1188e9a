import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { findImportRun, insertImportRun } from '../features/imports/import-run.repository'
import { keepUpload, uploadsDir } from '../features/imports/upload-store'
import { sha256Of } from '../lib/file-bytes'
import { enqueue } from './queue'

// 40,000 customers with 5 invoices each: a few seconds of writing, long enough to be cut off
const CUSTOMERS = 40_000
const ORDERS = 5

function startWorker(db: TestDb, dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('test/queue-worker-child.ts'), JSON.stringify(db.config), dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child))
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)))
  })
}

async function until(what: string, condition: () => Promise<boolean> | boolean, ms = 240_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/**
 * An uploaded import is a job in the durable queue: a kill -9 of the process in the middle of
 * writing leaves nothing half-imported, and after a restart the job imports the file once, in
 * full, and classifies it.
 */
describe.each(testDialects)('import job after kill -9 on %s', (dialect) => {
  let db: TestDb
  let dataDir: string
  let runId: number
  let jobId: number

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-import-crash-'))
    db = await createTestDb(
      dialect,
      dialect === 'sqlite' ? { sqliteFile: path.join(dataDir, 'winback.sqlite') } : {},
    )
    const lines = ['Kundennummer;Firma;Belegart;Belegnummer;Bezugsbeleg;Datum;Netto']
    for (let c = 0; c < CUSTOMERS; c++)
      for (let o = 0; o < ORDERS; o++)
        lines.push(
          `K${c};Firma ${c};Rechnung;RE-${c}-${o};;${String(1 + o * 5).padStart(2, '0')}.0${1 + o}.2025;12,50`,
        )
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`)
    const now = new Date().toISOString()
    runId = await insertImportRun(db.kysely, {
      file_name: 'umsatz.csv',
      file_hash: await sha256Of(bytes),
      file_size: bytes.byteLength,
      format: 'generic',
      kind: 'orders',
      source: 'generic',
      encoding: 'utf-8',
      delimiter: ';',
      status: 'running',
      options: JSON.stringify({ mapping: null, skipInvalid: false }),
      issues: '[]',
      created_at: now,
      user_id: null,
    })
    // received and kept as the upload route does
    const received = path.join(uploadsDir(dataDir), 'received.upload')
    fs.mkdirSync(uploadsDir(dataDir), { recursive: true })
    fs.writeFileSync(received, bytes)
    await keepUpload(dataDir, runId, received)
    jobId = await enqueue(db.kysely, 'import_file', { runId }, now, { ref: String(runId) })
  }, 60_000)
  afterAll(async () => {
    await db.destroy()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const count = async (table: 'customers' | 'orders') =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('imports the file once after a kill -9 mid-import and a restart', async () => {
    const first = await startWorker(db, dataDir)
    await until('the import job to start', async () => {
      const job = await db.kysely
        .selectFrom('queued_jobs')
        .select('state')
        .where('id', '=', jobId)
        .executeTakeFirst()
      return job?.state === 'running'
    })
    // well into the file, not yet committed
    await new Promise((resolve) => setTimeout(resolve, 1200))
    const exited = new Promise((resolve) => first.once('exit', resolve))
    first.kill('SIGKILL')
    await exited
    expect((await findImportRun(db.kysely, runId))?.status).toBe('running')
    expect(await count('orders')).toBe(0)

    const second = await startWorker(db, dataDir)
    try {
      await until('the import job to succeed', async () => {
        const job = await db.kysely
          .selectFrom('queued_jobs')
          .select('state')
          .where('id', '=', jobId)
          .executeTakeFirstOrThrow()
        return job.state === 'succeeded'
      })
    } finally {
      const stopped = new Promise((resolve) => second.once('exit', resolve))
      second.kill('SIGTERM')
      await stopped
    }
    const job = await db.kysely
      .selectFrom('queued_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow()
    expect(job).toMatchObject({ state: 'succeeded', attempts: 2, phase: 'done' })
    expect(await findImportRun(db.kysely, runId)).toMatchObject({
      status: 'succeeded',
      rows_total: CUSTOMERS * ORDERS,
      customers_created: CUSTOMERS,
      documents_created: CUSTOMERS * ORDERS,
    })
    expect(await count('customers')).toBe(CUSTOMERS)
    expect(await count('orders')).toBe(CUSTOMERS * ORDERS)
    // classified after the import, and the upload is gone
    const classified = await db.kysely
      .selectFrom('customer_status')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(classified.n)).toBe(CUSTOMERS)
    expect(fs.existsSync(path.join(dataDir, 'uploads', `${runId}.upload`))).toBe(false)
  }, 300_000)
})
