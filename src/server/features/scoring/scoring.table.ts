import type { Generated, Selectable } from 'kysely'
import type { LifecycleStatus } from '../../../shared/lifecycle'
import type { PersonalData } from '../../db/personal-data'

/** One scoring run: the model chosen, its fit, how it did on the holdout, and its warnings. */
export interface ModelRunTable {
  id: Generated<number>
  created_at: string
  model: string
  time_unit: string
  calibration_end: string
  holdout_end: string | null
  as_of: string
  horizon: number
  clv_months: number
  monthly_discount_rate: number
  /** the horizon of the customers' value if won back; 0 for runs that did not compute it */
  won_back_months: number
  /** JSON objects */
  params: string
  standard_errors: string
  log_likelihood: number
  bic: number
  chosen_by: string
  candidates: string
  spend: string
  holdout: string | null
  warnings: string
  customers: number
  duration_ms: number
  user_id: number | null
  /** the scoring round the run counted up to before reading (null for runs before rounds were kept) */
  scoring_round: number | null
  /** an update (update-scores.ts): the run whose fit it repeats; null for a run that fitted */
  fit_run_id: number | null
  /** an update: how many customers it predicted again; null for a run that predicted every customer */
  predicted: number | null
}

/** The number of the scoring run that last began reading (one row, id 1). */
export interface ScoringRoundTable {
  id: number
  round: number
}

/** The latest scores of each customer (replaced by every run). */
export interface CustomerScoreTable {
  customer_id: number
  run_id: number
  x: number
  tx: number
  t: number
  p_alive: number
  /** the customer's P(alive) in the scoring before this one; null for a customer new to it */
  previous_p_alive: number | null
  expected_purchases: number
  expected_spend_cents: number
  clv_cents: number
  /** if won back (alive, buying as before): expected purchases and discounted revenue over the run's won-back horizon */
  won_back_purchases: number
  won_back_value_cents: number
  mean_interval_days: number | null
  days_since_last: number
  /**
   * the customer's status, copied from customer_status (by the scoring, and by each classification
   * for the customers it classified): the customer list orders one status by P(alive) or CLV
   */
  status: LifecycleStatus | null
}

export type ModelRunRow = Selectable<ModelRunTable>
export type CustomerScoreRow = Selectable<CustomerScoreTable>

export const scoringPersonalData: readonly PersonalData[] = [
  { table: 'customer_scores', section: 'score', single: true, erase: { action: 'delete' } },
]
