import { type Kysely, sql } from 'kysely'
import { isPostgres } from './dialect-helpers'
import type { Database } from './schema'

/** The advisory lock space of per-customer writes (the second key is the customer id). */
const CUSTOMER_WRITES = 7_202_613

/**
 * Serialises the transactions that change one customer's records by hand (consents, objections,
 * attempts, reasons, erasure) on PostgreSQL until they commit. An advisory lock, not a row lock:
 * an import updating many customer rows for minutes does not hold these requests up.
 */
export async function lockCustomerWrites(trx: Kysely<Database>, customerId: number): Promise<void> {
  if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock(${CUSTOMER_WRITES}, ${customerId})`.execute(trx)
}
