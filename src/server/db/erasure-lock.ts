import { type Kysely, sql } from 'kysely'
import { AppError, say } from '../lib/errors'
import { isPostgres } from './dialect-helpers'
import type { Database } from './schema'

/** One advisory lock key for "a person's data is being written in bulk or erased". */
const ERASURE_LOCK = 7_202_612

/**
 * An import holds this for its whole transaction (shared: imports do not wait for each other), so an
 * erasure can never commit in the middle of it and be undone by the rows the import writes after.
 * On SQLite the single writer serialises the two anyway (every transaction begins with the write
 * lock, see database.ts); there this does nothing.
 */
export async function holdImportLock(trx: Kysely<Database>): Promise<void> {
  if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock_shared(${ERASURE_LOCK})`.execute(trx)
}

/**
 * An erasure takes the lock alone: it waits for running imports to finish, at most `waitMs`, and
 * then refuses with a conflict instead of keeping the request open for the length of an import.
 */
export async function takeErasureLock(trx: Kysely<Database>, waitMs: number): Promise<void> {
  if (!isPostgres(trx)) return
  await sql`SELECT set_config('lock_timeout', ${`${Math.max(1, Math.round(waitMs))}ms`}, true)`.execute(trx)
  try {
    await sql`SELECT pg_advisory_xact_lock(${ERASURE_LOCK})`.execute(trx)
  } catch (error) {
    if ((error as { code?: string }).code === '55P03')
      throw new AppError('conflict', say('erasureWaitsForImport'))
    throw error
  }
  await sql`SELECT set_config('lock_timeout', '0', true)`.execute(trx)
}
