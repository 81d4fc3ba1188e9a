import type { AnyKysely } from '../dialect-helpers'

/**
 * The nightly rescore predicts again only the customers whose data changed since the last run began
 * reading (scoring/update-scores.ts), instead of a million each night.
 *
 * - `scoring_round`: one row, the number of the scoring run that last began reading. A run counts
 *   it up before it reads; a classification stamps the status rows it writes with the number it
 *   reads in its transaction (on PostgreSQL under a share lock of the row, so a run's count waits for
 *   classifications in flight and those after it see the new number).
 * - `customer_status.scoring_round`: that stamp (kept where the customer's purchase ledger did not
 *   change), with an index: the customers whose purchases changed since a run began are read from
 *   it, not looked for.
 * - `model_runs.scoring_round`: the number the run counted up to; `fit_run_id`: for an update, the
 *   run whose fit it repeats (null for a run that fitted); `predicted`: how many customers an update
 *   predicted again (null: every customer).
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable('scoring_round')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('round', 'integer', (c) => c.notNull())
    .execute()
  await db.insertInto('scoring_round').values({ id: 1, round: 0 }).execute()
  await db.schema
    .alterTable('customer_status')
    .addColumn('scoring_round', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('customer_status_scoring_round')
    .on('customer_status')
    .columns(['scoring_round', 'customer_id'])
    .execute()
  await db.schema.alterTable('model_runs').addColumn('scoring_round', 'integer').execute()
  await db.schema.alterTable('model_runs').addColumn('fit_run_id', 'integer').execute()
  await db.schema.alterTable('model_runs').addColumn('predicted', 'integer').execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('model_runs').dropColumn('predicted').execute()
  await db.schema.alterTable('model_runs').dropColumn('fit_run_id').execute()
  await db.schema.alterTable('model_runs').dropColumn('scoring_round').execute()
  await db.schema.dropIndex('customer_status_scoring_round').execute()
  await db.schema.alterTable('customer_status').dropColumn('scoring_round').execute()
  await db.schema.dropTable('scoring_round').execute()
}
