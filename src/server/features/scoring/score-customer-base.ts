import type { LifecycleStatus } from '../../../shared/lifecycle'
import type { Db } from '../../db/database'
import { lockForRewrite, rewriteTable } from '../../db/rewrite-table'
import { refreshPlannerStatistics } from '../../db/statistics'
import { fromEpochDay, type IsoDate, toEpochDay } from '../../lib/dates'
import { currentStatuses } from '../lifecycle/lifecycle.repository'
import { DEFAULT_MONTHLY_DISCOUNT_RATE, wonBackMonthsOf } from '../winback/winback-settings'
import { loadLedgers } from './load-ledgers'
import {
  type FitStarts,
  laterPurchaseWarnings,
  type ScoredBase,
  type ScoredCustomer,
  type ScoreOptions,
} from './score'
import { scoreBaseWithModel } from './score-discrete'
import type { ScoringModel } from './scorer'
import { beginScoringRound, previousPAlive } from './scores.repository'
import type { TimeUnit } from './summary'

export interface ScoreBaseOptions {
  db: Db
  calibrationEnd: IsoDate
  holdoutEnd?: IsoDate
  unit: TimeUnit
  model: 'auto' | ScoringModel
  horizon: number
  clvMonths?: number
  monthlyDiscountRate?: number
  /** the horizon of the value if won back; default: the win-back settings' expected lifetime */
  wonBackMonths?: number
  userId?: number | null
  clock?: () => Date
  /** today in the company's time zone: purchases after it are reported as dated in the future */
  today?: IsoDate
  onProgress?: (phase: 'loading' | 'fitting' | 'saving', done: number, total: number) => void
  /** where the fits start (the nightly rescore: the last run's parameters) */
  starts?: FitStarts
  /** the model is an earlier comparison's choice, fitted again without comparing (ScoreOptions) */
  keptChoice?: boolean
}

export interface StoredScoreRun {
  runId: number
  /** the run; a customer's predictions are made again when read (`customerAt`) */
  result: ScoredBase
}

export const SCORE_COLUMNS = [
  'customer_id',
  'run_id',
  'x',
  'tx',
  't',
  'p_alive',
  'previous_p_alive',
  'expected_purchases',
  'expected_spend_cents',
  'clv_cents',
  'won_back_purchases',
  'won_back_value_cents',
  'mean_interval_days',
  'days_since_last',
  'status',
] as const

/**
 * Loads every customer's purchases (as the lifecycle sees them: credit notes netted, same-day
 * purchases merged), scores the base, and stores the run and the customers' latest scores.
 */
export async function scoreCustomerBase(options: ScoreBaseOptions): Promise<StoredScoreRun> {
  const { db } = options
  const started = Date.now()
  const asOf = options.holdoutEnd ?? options.calibrationEnd
  const scoreOptions: ScoreOptions = {
    unit: options.unit,
    calibrationEnd: toEpochDay(options.calibrationEnd),
    holdoutEnd: options.holdoutEnd ? toEpochDay(options.holdoutEnd) : undefined,
    model: options.model,
    horizon: options.horizon,
    clvMonths: options.clvMonths ?? 12,
    monthlyDiscountRate: options.monthlyDiscountRate ?? DEFAULT_MONTHLY_DISCOUNT_RATE,
    wonBackMonths: options.wonBackMonths ?? (await wonBackMonthsOf(db.kysely)),
    starts: options.starts,
    keptChoice: options.keptChoice,
  }
  // the ledgers are only reachable inside this call: they are let go before the scores are saved, and
  // each customer's predictions are made as their row is written (a million at once took 400 MB)
  // counted up before reading: the customers whose purchases change from now on are the next update's
  const round = await beginScoringRound(db.kysely)
  const { result, later } = await loadLedgers(db, asOf, options.onProgress).then(({ packed, later }) => {
    options.onProgress?.('fitting', 0, 1)
    return { result: scoreBaseWithModel(packed.customers, scoreOptions), later }
  })
  result.warnings.push(
    ...laterPurchaseWarnings(later, toEpochDay(asOf), options.today ? toEpochDay(options.today) : undefined),
  )
  const now = (options.clock ?? (() => new Date()))().toISOString()
  const runId = await db.kysely.transaction().execute(async (trx) => {
    // a classification's statuses written to the scores after they are read below would be lost
    await lockForRewrite(trx, 'customer_scores')
    const run = await trx
      .insertInto('model_runs')
      .values({
        created_at: now,
        model: result.model,
        time_unit: result.timeUnit,
        calibration_end: options.calibrationEnd,
        holdout_end: options.holdoutEnd ?? null,
        as_of: fromEpochDay(result.asOf),
        horizon: result.horizon,
        clv_months: scoreOptions.clvMonths,
        monthly_discount_rate: scoreOptions.monthlyDiscountRate,
        won_back_months: scoreOptions.wonBackMonths ?? scoreOptions.clvMonths,
        params: JSON.stringify(result.params),
        standard_errors: JSON.stringify(result.standardErrors),
        log_likelihood: result.logLikelihood,
        bic: result.bic,
        chosen_by: result.chosenBy,
        candidates: JSON.stringify(result.candidates),
        spend: JSON.stringify(result.spend),
        holdout: result.holdout ? JSON.stringify(result.holdout) : null,
        warnings: JSON.stringify(result.warnings),
        customers: result.customerCount,
        duration_ms: Date.now() - started,
        user_id: options.userId ?? null,
        scoring_round: round,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    // the P(alive) of the run before, for the early warning: whose risk rose since
    const previous = await previousPAlive(trx)
    // the statuses go onto the scores (the list's orders of a status by value): read in this transaction
    const statusOf = await currentStatuses(trx)
    const runId = run.id
    const count = result.customerCount
    // every row is replaced, in an order random for the list indexes (by P(alive), by CLV): built
    // after; filled value by value, not an object per row (a million rows at once would not fit in 1 GiB)
    await rewriteTable(db, trx, 'customer_scores', SCORE_COLUMNS, count, (values, at, row) => {
      const c = result.customerAt(row)
      const id = Number(c.id)
      fillScoreRow(values, at, c, { runId, previousPAlive: previous(id), status: statusOf(id) })
      if ((row + 1) % 5000 === 0 || row + 1 === count) options.onProgress?.('saving', row + 1, count)
    })
    return run.id
  })
  await refreshPlannerStatistics(db, ['customer_scores'], result.customerCount)
  return { runId, result }
}

/** A customer's score row's values, in the order of SCORE_COLUMNS, from `at` on. */
export function fillScoreRow(
  values: unknown[],
  at: number,
  c: ScoredCustomer,
  row: { runId: number; previousPAlive: number | null; status: LifecycleStatus | null },
): void {
  values[at] = Number(c.id)
  values[at + 1] = row.runId
  values[at + 2] = c.x
  values[at + 3] = c.tx
  values[at + 4] = c.T
  values[at + 5] = c.pAlive
  values[at + 6] = row.previousPAlive
  values[at + 7] = c.expectedPurchases
  values[at + 8] = Math.round(c.expectedSpendCents)
  values[at + 9] = Math.round(c.clvCents)
  values[at + 10] = finiteOrZero(c.wonBackPurchases)
  values[at + 11] = Math.round(finiteOrZero(c.wonBackValueCents))
  values[at + 12] = c.meanIntervalDays
  values[at + 13] = c.daysSinceLastPurchase
  values[at + 14] = row.status
}

/** A value the model could not compute is stored as 0, which the win-back list does not use. */
function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0
}
