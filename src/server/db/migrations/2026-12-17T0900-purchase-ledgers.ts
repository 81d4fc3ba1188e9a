import type { AnyKysely } from '../dialect-helpers'
import { dateType, isPostgres } from '../dialect-helpers'

/**
 * Each customer's purchase ledger as the classification built it (lifecycle/classify-batch.ts):
 * the nightly rescore read all ten million documents of a million customers again to build the
 * same ledgers. Filled by the classification; empty after this migration until customers are
 * classified again (the scoring reads documents for customers without one).
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable('purchase_ledgers')
    .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('as_of', dateType(db), (c) => c.notNull())
    .addColumn('events', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('purchase_ledgers').execute()
}
