import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDb, testDialects } from '../../../test/databases'
import { withDeferredCheckpoint } from './checkpoint'
import { openDatabase } from './database'

describe('withDeferredCheckpoint on a SQLite file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-checkpoint-'))
  const db = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'test.sqlite') })
  const sqlite = db.sqlite!
  afterAll(async () => {
    await db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  sqlite.exec('CREATE TABLE t (x TEXT)')
  const fill = () => {
    const insert = sqlite.prepare('INSERT INTO t (x) VALUES (?)')
    sqlite.transaction(() => {
      for (let i = 0; i < 45_000; i++) insert.run(`row ${i} ${'x'.repeat(200)}`)
    })()
  }

  it('holds back automatic checkpoints during the work, checkpoints once after, and restores them', async () => {
    let during = -1
    let logDuring = 0
    await withDeferredCheckpoint(db, async () => {
      during = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number
      fill()
      // nested work does not end the deferral early
      await withDeferredCheckpoint(db, async () => fill())
      logDuring = (sqlite.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]?.log ?? 0
    })
    expect(during).toBe(0)
    // more than the 1,000 pages after which SQLite would have checkpointed inside the second commit
    expect(logDuring).toBeGreaterThan(1000)
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    // everything is in the database file: a new checkpoint finds nothing left to copy
    const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[]
    expect(result!.checkpointed).toBe(result!.log)
    expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 90_000 })
  })

  it('restores automatic checkpoints when the work fails', async () => {
    await expect(
      withDeferredCheckpoint(db, async () => {
        throw new Error('failed')
      }),
    ).rejects.toThrow('failed')
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
  })
})

describe.each(testDialects)('withDeferredCheckpoint on %s', (dialect) => {
  it('runs the work and returns its result', async () => {
    const db = await createTestDb(dialect)
    try {
      expect(await withDeferredCheckpoint(db, async () => 42)).toBe(42)
    } finally {
      await db.destroy()
    }
  })
})
