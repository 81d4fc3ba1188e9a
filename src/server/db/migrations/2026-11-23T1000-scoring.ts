import type { AnyKysely } from '../dialect-helpers'
import { dateType, idColumn, idColumnType, timestampType } from '../dialect-helpers'

export async function up(db: AnyKysely): Promise<void> {
  const date = dateType(db)
  await db.schema
    .createTable('model_runs')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('created_at', timestampType(db), (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('time_unit', 'text', (c) => c.notNull())
    .addColumn('calibration_end', date, (c) => c.notNull())
    .addColumn('holdout_end', date)
    .addColumn('as_of', date, (c) => c.notNull())
    .addColumn('horizon', 'double precision', (c) => c.notNull())
    .addColumn('clv_months', 'integer', (c) => c.notNull())
    .addColumn('monthly_discount_rate', 'double precision', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('standard_errors', 'text', (c) => c.notNull())
    .addColumn('log_likelihood', 'double precision', (c) => c.notNull())
    .addColumn('bic', 'double precision', (c) => c.notNull())
    .addColumn('chosen_by', 'text', (c) => c.notNull())
    .addColumn('candidates', 'text', (c) => c.notNull())
    .addColumn('spend', 'text', (c) => c.notNull())
    .addColumn('holdout', 'text')
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('customers', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()

  await db.schema
    .createTable('customer_scores')
    .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('model_runs.id').onDelete('cascade'))
    .addColumn('x', 'integer', (c) => c.notNull())
    .addColumn('tx', 'double precision', (c) => c.notNull())
    .addColumn('t', 'double precision', (c) => c.notNull())
    .addColumn('p_alive', 'double precision', (c) => c.notNull())
    .addColumn('expected_purchases', 'double precision', (c) => c.notNull())
    .addColumn('expected_spend_cents', 'bigint', (c) => c.notNull())
    .addColumn('clv_cents', 'bigint', (c) => c.notNull())
    .addColumn('mean_interval_days', 'double precision')
    .addColumn('days_since_last', 'double precision', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('customer_scores_p_alive').on('customer_scores').column('p_alive').execute()
  await db.schema.createIndex('customer_scores_clv').on('customer_scores').column('clv_cents').execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('customer_scores').execute()
  await db.schema.dropTable('model_runs').execute()
}
