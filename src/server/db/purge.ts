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
 * images, is checkpointed and truncated. PostgreSQL keeps dead
 * row versions and their bytes in the table files until they are rewritten: the tables are rewritten
 * (VACUUM FULL, a short exclusive lock on each). Old WAL segments and backups are outside its reach.
 */
export async function purgeDeletedData(
  db: Kysely<Database>,
  tables: readonly (keyof Database)[],
): Promise<void> {
  if (isPostgres(db)) {
    for (const table of new Set(tables)) await sql`VACUUM FULL ${sql.table(table)}`.execute(db)
    return
  }
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db)
}
