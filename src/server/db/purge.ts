import { type Kysely, sql } from 'kysely'
import { isPostgres } from './dialect-helpers'
import type { Database } from './schema'

/**
 * Runs work (an erasure) with SQLite overwriting everything it deletes, freed pages included
 * (`secure_delete = ON`; otherwise FAST, which leaves freed pages as they were). No-op on PostgreSQL.
 */
export async function withSecureDelete<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  if (isPostgres(db)) return work()
  await sql`PRAGMA secure_delete = ON`.execute(db)
  try {
    return await work()
  } finally {
    await sql`PRAGMA secure_delete = FAST`.execute(db)
  }
}

/**
 * Makes deleted and overwritten rows unrecoverable from the database files (after an erasure).
 * SQLite zeroed them while deleting (withSecureDelete); here the WAL, which still holds earlier page
 * images, is checkpointed and truncated. PostgreSQL keeps dead row versions and their bytes in the
 * table files until they are rewritten: the tables are rewritten (VACUUM FULL, a short exclusive
 * lock on each). Neither can drop what a reader that started before the erasure may still see (a
 * long report, a backup being taken): the purge waits for such readers, up to `waitMs`, and says
 * whether it got everything (a reader still open after that keeps its old rows until the next
 * purge). Old WAL segments and backups are outside its reach.
 */
export async function purgeDeletedData(
  db: Kysely<Database>,
  tables: readonly (keyof Database)[],
  waitMs = 10_000,
): Promise<{ complete: boolean }> {
  const deadline = Date.now() + waitMs
  if (isPostgres(db)) {
    const complete = await waitForOlderSnapshots(db, deadline)
    for (const table of new Set(tables)) await sql`VACUUM FULL ${sql.table(table)}`.execute(db)
    return { complete }
  }
  const complete = await pollUntil(deadline, async () => {
    // busy = 1: a reader still reads from an older snapshot, whose pages the WAL must keep
    const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db)
    return Number(rows[0]?.busy ?? 0) === 0
  })
  return { complete }
}

/** Asks `done` every 50 ms until it says yes (true) or the deadline has passed (false). */
async function pollUntil(deadline: number, done: () => Promise<boolean>): Promise<boolean> {
  for (;;) {
    if (await done()) return true
    if (Date.now() >= deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Waits until no other session of this database holds a snapshot older than now (PostgreSQL keeps
 * every row version such a snapshot may see); false when one is still open at the deadline.
 */
async function waitForOlderSnapshots(db: Kysely<Database>, deadline: number): Promise<boolean> {
  // a transaction id of our own, newer than the erasure's commit (32 bits, as backend_xmin is)
  const { rows } = await sql<{ xid: string }>`SELECT (txid_current() % 4294967296)::text AS xid`.execute(db)
  const now = rows[0]!.xid
  return pollUntil(deadline, async () => {
    const { rows: older } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE pid <> pg_backend_pid() AND backend_xmin IS NOT NULL
        AND (datname = current_database() OR datname IS NULL)
        AND age(backend_xmin) > age(${now}::xid)`.execute(db)
    return older[0]!.n === 0
  })
}
