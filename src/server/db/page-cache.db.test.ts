import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { PAGE_CACHE_KIB, withBulkWriteCache } from './page-cache'

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
      await withBulkWriteCache(db, async () => {
        seen.push(cacheKib())
        await withBulkWriteCache(db, async () => {
          seen.push(cacheKib())
        })
        // the inner write's end does not shrink it under the outer one
        seen.push(cacheKib())
      })
      expect(seen).toEqual([256 * 1024, 256 * 1024, 256 * 1024])
      expect(cacheKib()).toBe(PAGE_CACHE_KIB)
    },
  )

  it.runIf(dialect === 'sqlite')('is small again after a write that failed', async () => {
    await expect(
      withBulkWriteCache(db, async () => {
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
    expect(await withBulkWriteCache(db, async () => 42)).toBe(42)
  })
})
