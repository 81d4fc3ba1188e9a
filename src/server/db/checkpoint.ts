import type { Db } from './database'

/** SQLite's default: a checkpoint after each commit that leaves more than this many pages in the WAL. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000

const deferring = new WeakMap<Db, number>()

/**
 * Runs a large write (an import and the classification after it) with SQLite's automatic WAL
 * checkpoints held back, then checkpoints once. Left automatic, the checkpoint runs inside the
 * commit of each large transaction and copies every page written a second time before the commit
 * returns; held back, the work is done once at the end. Readers are not affected: in WAL mode they
 * read committed pages from the WAL. Nothing to do on PostgreSQL.
 */
export async function withDeferredCheckpoint<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const sqlite = db.sqlite
  if (!sqlite) return work()
  const depth = deferring.get(db) ?? 0
  deferring.set(db, depth + 1)
  if (depth === 0) sqlite.pragma('wal_autocheckpoint = 0')
  try {
    return await work()
  } finally {
    deferring.set(db, depth)
    if (depth === 0) {
      sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`)
      if (sqlite.open) sqlite.pragma('wal_checkpoint(PASSIVE)')
    }
  }
}
