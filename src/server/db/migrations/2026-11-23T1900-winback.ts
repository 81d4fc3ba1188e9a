import type { AnyKysely } from '../dialect-helpers'
import { timestampType } from '../dialect-helpers'

export async function up(db: AnyKysely): Promise<void> {
  const ts = timestampType(db)
  await db.schema
    .createTable('winback_assessments')
    .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('ease', 'integer')
    .addColumn('insolvent_or_closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('switched_for_good', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refusals', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('positive_responses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('manual_decision', 'text')
    .addColumn('manual_note', 'text')
    .addColumn('planned_measure_cents', 'bigint')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('winback_assessments').ifExists().execute()
}
