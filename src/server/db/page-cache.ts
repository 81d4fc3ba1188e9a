import type { Db } from './database'

/**
 * SQLite's page cache per connection, in KiB. Most work reads each page once or a few times (a model
 * run reads every ledger once: at a million customers a cache of 256 MiB filled for nothing and
 * took the run over 1 GiB).
 */
export const PAGE_CACHE_KIB = 64 * 1024

/**
 * A bulk write's: it keeps the unique indexes it adds to in an order random for them, and a page
 * that has to be read again costs a disk read. With 64 MiB a 10,000,000-row import wrote 30 % slower.
 */
const BULK_WRITE_CACHE_KIB = 256 * 1024

const writing = new WeakMap<Db, number>()

/** Runs a bulk write with the larger page cache on its connection, then gives the memory back. */
export async function withBulkWriteCache<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const sqlite = db.sqlite
  if (!sqlite) return work()
  const depth = writing.get(db) ?? 0
  writing.set(db, depth + 1)
  if (depth === 0) sqlite.pragma(`cache_size = -${BULK_WRITE_CACHE_KIB}`)
  try {
    return await work()
  } finally {
    writing.set(db, depth)
    if (depth === 0 && sqlite.open) sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`)
  }
}
