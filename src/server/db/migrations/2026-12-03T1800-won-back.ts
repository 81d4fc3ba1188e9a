import type { AnyKysely } from '../dialect-helpers'
import { dateType } from '../dialect-helpers'

/**
 * What a customer is worth if won back (per customer, from the model run, over the run's won-back
 * horizon), and the purchase that proved a win-back attempt.
 */
export async function up(db: AnyKysely): Promise<void> {
  // 0 for runs made before: their customers have no won-back value, the list uses the margin method
  await db.schema
    .alterTable('model_runs')
    .addColumn('won_back_months', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('customer_scores')
    .addColumn('won_back_purchases', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('customer_scores')
    .addColumn('won_back_value_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('winback_attempts')
    .addColumn('won_order_id', 'integer', (c) => c.references('orders.id').onDelete('set null'))
    .execute()
  await db.schema.alterTable('winback_attempts').addColumn('won_on', dateType(db)).execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('winback_attempts').dropColumn('won_on').execute()
  await db.schema.alterTable('winback_attempts').dropColumn('won_order_id').execute()
  await db.schema.alterTable('customer_scores').dropColumn('won_back_value_cents').execute()
  await db.schema.alterTable('customer_scores').dropColumn('won_back_purchases').execute()
  await db.schema.alterTable('model_runs').dropColumn('won_back_months').execute()
}
