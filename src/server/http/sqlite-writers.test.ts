import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app'
import { importFile } from '../features/imports/import-file'

/** Another process writing to the same SQLite file (the CLI, or the server beside the CLI). */
function otherWriter(file: string, mode: 'every100ms' | 'hold', holdMs = 0): Worker {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const SQLite = require(${JSON.stringify(require.resolve('better-sqlite3'))})
    const db = new SQLite(workerData.file)
    db.pragma('busy_timeout = 5000')
    const write = () => db.prepare("UPDATE settings SET updated_at = ? WHERE key = 'probe'").run(new Date().toISOString())
    if (workerData.mode === 'hold') {
      db.exec('BEGIN IMMEDIATE'); write(); parentPort.postMessage('holding')
      setTimeout(() => { db.exec('COMMIT'); parentPort.postMessage('released') }, workerData.holdMs)
    } else {
      const timer = setInterval(write, 100)
      parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.postMessage('stopped') })
      parentPort.postMessage('writing')
    }
  `
  return new Worker(code, { eval: true, workerData: { file, mode, holdMs } })
}

const once = (worker: Worker) => new Promise((resolve) => worker.once('message', resolve))

describe('SQLite: an import and writes from another process', () => {
  let t: TestApp
  let file: string

  beforeAll(async () => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'winback-writers-')), 'winback.sqlite')
    // a write waits 2 s for another process's before it answers busy (the server: 10 s)
    t = await createTestApp('sqlite', {}, { sqliteFile: file, writeWaitMs: 2000 })
    await t.db.kysely
      .insertInto('settings')
      .values({ key: 'probe', value: '0', updated_at: '2026-06-30T10:00:00Z', updated_by: null })
      .execute()
  })
  afterAll(() => t.destroy())

  it('an import succeeds while another process writes every 100 ms', async () => {
    const writer = otherWriter(file, 'every100ms')
    await once(writer)
    try {
      const rows = Array.from(
        { length: 30_000 },
        (_, i) => `K${i % 4000};R${i};01.0${1 + (i % 9)}.2025;12,50`,
      )
      for (let round = 0; round < 3; round++) {
        const outcome = await importFile({
          db: t.db,
          fileName: `umsatz-${round}.csv`,
          bytes: new TextEncoder().encode(`Kundennummer;Belegnummer;Datum;Netto\n${rows.join('\n')}\n`),
          format: 'generic',
          kind: 'orders',
          skipInvalid: false,
          userId: null,
          asOf: '2026-06-30',
        })
        expect(outcome.status, outcome.message ?? '').toBe('succeeded')
      }
    } finally {
      writer.postMessage('stop')
      await once(writer)
    }
  })

  it('a write waits for another process’s short write, without holding up the thread', async () => {
    const manager = await t.login('manager@example.com')
    const settings = await (await t.get(manager, '/api/winback/settings')).json()
    const writer = otherWriter(file, 'hold', 1000)
    await once(writer)
    // listened for now: the release comes while the request still waits, and an unheard message is lost
    const released = once(writer)
    let ticks = 0
    const timer = setInterval(() => ticks++, 50)
    const res = await t.send(manager, '/api/winback/settings', settings, 'PUT')
    clearInterval(timer)
    expect(res.status).toBe(200)
    // the thread went on meanwhile: SQLite's busy handler would have stopped it for the whole second
    expect(ticks).toBeGreaterThan(5)
    await released
  })

  it('a request that cannot write for long is told the database is busy (503), not an internal error', async () => {
    const manager = await t.login('manager@example.com')
    const settings = await (await t.get(manager, '/api/winback/settings')).json()
    const writer = otherWriter(file, 'hold', 3000)
    await once(writer)
    const released = once(writer)
    const res = await t.send(manager, '/api/winback/settings', settings, 'PUT')
    expect(res.status).toBe(503)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('busy')
    await released
    expect((await t.send(manager, '/api/winback/settings', settings, 'PUT')).status).toBe(200)
  })
})
