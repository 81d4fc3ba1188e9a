import type { Kysely } from 'kysely'
import type { Database } from '../src/server/db/schema'

/**
 * A model run as tests need one to hang customer_scores on: the day, the model and the horizon of
 * the value if won back; no parameters, fits or warnings.
 */
export async function insertModelRun(
  db: Kysely<Database>,
  run: { asOf: string; model?: string; wonBackMonths?: number; customers?: number },
): Promise<number> {
  const { id } = await db
    .insertInto('model_runs')
    .values({
      created_at: `${run.asOf}T03:00:00Z`,
      model: run.model ?? 'bgnbd',
      time_unit: 'week',
      calibration_end: run.asOf,
      holdout_end: null,
      as_of: run.asOf,
      horizon: 52,
      clv_months: 12,
      monthly_discount_rate: 0.01,
      won_back_months: run.wonBackMonths ?? 36,
      params: '{}',
      standard_errors: '{}',
      log_likelihood: 0,
      bic: 0,
      chosen_by: 'requested',
      candidates: '[]',
      spend: '{}',
      holdout: null,
      warnings: '[]',
      customers: run.customers ?? 0,
      duration_ms: 1,
      user_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}
