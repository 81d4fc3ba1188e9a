import type { AnyKysely } from '../dialect-helpers'

/**
 * The nightly early warning works out again only the customers whose status row was written since
 * its last refresh began (prevention/refresh-early-warnings.ts), instead of every watched customer.
 *
 * - `customer_status.written_round`: the scoring round a classification read in the transaction
 *   that wrote the row (every row it writes, changed purchases or not; `scoring_round` keeps the
 *   round of the last purchase change). The refresh counts the round up before it reads, as a
 *   scoring run does, so the rows written after it began carry its number or a later one. With an
 *   index: those customers are read from it, not looked for.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .alterTable('customer_status')
    .addColumn('written_round', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('customer_status_written_round')
    .on('customer_status')
    .columns(['written_round', 'customer_id'])
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('customer_status_written_round').execute()
  await db.schema.alterTable('customer_status').dropColumn('written_round').execute()
}
