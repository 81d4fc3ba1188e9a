import type { Db } from './database'

/** SQLite's default: a checkpoint after each commit that leaves more than this many pages in the WAL. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000

/**
 * SQLite's page cache per connection, in KiB. Most work reads each page once or a few times (a model
 * run reads every ledger once: at a million customers a cache of 256 MiB filled for nothing and
 * took the run over 1 GiB).
 */
export const PAGE_CACHE_KIB = 64 * 1024

/**
 * A bulk write's: it keeps the unique indexes it adds to in an order random for them, and a page
 * that has to be read again costs a disk read. A 10,000,000-row import wrote 30 % slower with
 * 64 MiB and 15 % slower with 128 MiB; with 160 MiB as fast as with 256, and 60-70 MiB less at its peak.
 */
export const BULK_WRITE_CACHE_KIB = 160 * 1024

const writing = new WeakMap<Db, number>()

/**
 * Runs a large write (an import and the classification after it) on SQLite with the connection set
 * for it, and back afterwards, also when it fails; nested calls leave that to the outermost:
 * - automatic WAL checkpoints held back, then one checkpoint. Left automatic, the checkpoint runs
 *   inside the commit of each large transaction and copies every page written a second time before
 *   the commit returns. Readers are not affected: in WAL mode they read committed pages from the WAL.
 * - the larger page cache (BULK_WRITE_CACHE_KIB), then the memory given back.
 * Nothing to do on PostgreSQL.
 */
export async function withBulkWrite<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const sqlite = db.sqlite
  if (!sqlite) return work()
  const depth = writing.get(db) ?? 0
  writing.set(db, depth + 1)
  if (depth === 0) {
    sqlite.pragma('wal_autocheckpoint = 0')
    sqlite.pragma(`cache_size = -${BULK_WRITE_CACHE_KIB}`)
  }
  try {
    return await work()
  } finally {
    writing.set(db, depth)
    if (depth === 0) {
      sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`)
      if (sqlite.open) {
        sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`)
        sqlite.pragma('wal_checkpoint(PASSIVE)')
      }
    }
  }
}
