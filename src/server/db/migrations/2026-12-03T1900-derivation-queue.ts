import type { AnyKysely } from '../dialect-helpers'
import { dateType, timestampType } from '../dialect-helpers'

/**
 * Customers whose derived data (status, history, contact eligibility, win-back proof) must be
 * rebuilt: queued in the same transaction as the change, removed once rebuilt. A process killed in
 * between leaves them queued, and the next start finishes the work.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable('derivation_queue')
    .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('as_of', dateType(db), (c) => c.notNull())
    .addColumn('queued_at', timestampType(db), (c) => c.notNull())
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('derivation_queue').execute()
}
