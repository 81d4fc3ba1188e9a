import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { BULK_WRITE_CACHE_KIB, PAGE_CACHE_KIB, withBulkWrite } from './bulk-write'
import { openDatabase } from './database'

describe('withBulkWrite on a SQLite file', () => {
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
    await withBulkWrite(db, async () => {
      during = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number
      fill()
      // nested work does not end the deferral early
      await withBulkWrite(db, async () => fill())
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
      withBulkWrite(db, async () => {
        throw new Error('failed')
      }),
    ).rejects.toThrow('failed')
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
  })
})

describe.each(testDialects)('withBulkWrite on %s', (dialect) => {
  it('runs the work and returns its result', async () => {
    const db = await createTestDb(dialect)
    try {
      expect(await withBulkWrite(db, async () => 42)).toBe(42)
    } finally {
      await db.destroy()
    }
  })
})

describe.each(testDialects)('the page cache of a bulk write on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
  })
  afterAll(() => db.destroy())

  /** the connection's cache size in KiB (SQLite: a negative cache_size is KiB) */
  const cacheKib = () => -Number(db.sqlite!.pragma('cache_size', { simple: true }))

  it.runIf(dialect === 'sqlite')(
    'is larger while the write runs, also nested, and small again after it',
    async () => {
      expect(cacheKib()).toBe(PAGE_CACHE_KIB)
      const seen: number[] = []
      await withBulkWrite(db, async () => {
        seen.push(cacheKib())
        await withBulkWrite(db, async () => {
          seen.push(cacheKib())
        })
        // the inner write's end does not shrink it under the outer one
        seen.push(cacheKib())
      })
      expect(BULK_WRITE_CACHE_KIB).toBeGreaterThan(PAGE_CACHE_KIB)
      expect(seen).toEqual([BULK_WRITE_CACHE_KIB, BULK_WRITE_CACHE_KIB, BULK_WRITE_CACHE_KIB])
      expect(cacheKib()).toBe(PAGE_CACHE_KIB)
    },
  )

  it.runIf(dialect === 'sqlite')('is small again after a write that failed', async () => {
    await expect(
      withBulkWrite(db, async () => {
        throw new Error('the file was rejected')
      }),
    ).rejects.toThrow('the file was rejected')
    expect(cacheKib()).toBe(PAGE_CACHE_KIB)
  })

  it.runIf(dialect === 'sqlite')('leaves sorts larger than the cache to a temporary file', () => {
    // temp_store 1 = FILE (2 = MEMORY held a 10M-row index's whole sort in memory)
    expect(db.sqlite!.pragma('temp_store', { simple: true })).toBe(1)
  })

  it('runs the write and gives its result on either database', async () => {
    expect(await withBulkWrite(db, async () => 42)).toBe(42)
  })
})
