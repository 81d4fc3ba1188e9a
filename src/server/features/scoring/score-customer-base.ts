import { isPurchaseKind } from '../../../shared/orders'
import { createBulkWriter } from '../../db/bulk'
import type { Db } from '../../db/database'
import { refreshPlannerStatistics } from '../../db/statistics'
import { fromEpochDay, type IsoDate, toEpochDay } from '../../lib/dates'
import { currentStatuses, loadCustomerHistories } from '../lifecycle/lifecycle.repository'
import { buildPurchaseLedger } from '../lifecycle/purchases'
import { DEFAULT_MONTHLY_DISCOUNT_RATE, wonBackMonthsOf } from '../winback/winback-settings'
import {
  type CustomerTransactions,
  type FitStarts,
  laterPurchaseWarnings,
  type ScoreOptions,
  type ScoreResult,
} from './score'
import { scoreWithModel } from './score-discrete'
import type { ScoringModel } from './scorer'
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
  result: ScoreResult
  /** customer id → customer number, for output */
  numbers: Map<number, string>
}

/**
 * Loads every customer's purchases (as the lifecycle sees them: credit notes netted, same-day
 * purchases merged), scores the base, and stores the run and the customers' latest scores.
 */
export async function scoreCustomerBase(options: ScoreBaseOptions): Promise<StoredScoreRun> {
  const { db } = options
  const started = Date.now()
  const asOf = options.holdoutEnd ?? options.calibrationEnd
  const total = Number(
    (
      await db.kysely
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const customers: CustomerTransactions[] = []
  // purchases the ledger leaves out because they come after the day scored
  const later: { customer: string; day: number }[] = []
  for (let afterId = 0; ; ) {
    const batch = await loadCustomerHistories(db.kysely, { afterId, limit: 5000 })
    if (batch.length === 0) break
    for (const h of batch) {
      for (const d of h.documents)
        if (d.date > asOf && isPurchaseKind(d.kind) && d.countsAsPurchase)
          later.push({ customer: String(h.id), day: toEpochDay(d.date) })
      const ledger = buildPurchaseLedger(h.documents, asOf)
      if (ledger.events.length > 0) {
        customers.push({
          id: String(h.id),
          transactions: ledger.events.map((e) => ({ day: e.day, amountCents: e.netCents })),
        })
      }
    }
    afterId = batch.at(-1)!.id
    options.onProgress?.('loading', Math.min(total, customers.length), total)
  }
  options.onProgress?.('fitting', 0, 1)
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
  const result = scoreWithModel(customers, scoreOptions)
  result.warnings.push(
    ...laterPurchaseWarnings(later, toEpochDay(asOf), options.today ? toEpochDay(options.today) : undefined),
  )
  const now = (options.clock ?? (() => new Date()))().toISOString()
  const runId = await db.kysely.transaction().execute(async (trx) => {
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
        customers: result.customers.length,
        duration_ms: Date.now() - started,
        user_id: options.userId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    // the P(alive) of the run before, for the early warning: whose risk rose since
    const previous = new Map<number, number>()
    for (const r of await trx.selectFrom('customer_scores').select(['customer_id', 'p_alive']).execute())
      previous.set(r.customer_id, Number(r.p_alive))
    // the statuses go onto the scores (the list's orders of a status by value): read in this transaction
    const statuses = await currentStatuses(trx)
    await trx.deleteFrom('customer_scores').execute()
    let saved = 0
    await createBulkWriter(db, trx).insert(
      'customer_scores',
      result.customers.map((c) => ({
        customer_id: Number(c.id),
        run_id: run.id,
        x: c.x,
        tx: c.tx,
        t: c.T,
        p_alive: c.pAlive,
        previous_p_alive: previous.get(Number(c.id)) ?? null,
        expected_purchases: c.expectedPurchases,
        expected_spend_cents: Math.round(c.expectedSpendCents),
        clv_cents: Math.round(c.clvCents),
        won_back_purchases: finiteOrZero(c.wonBackPurchases),
        won_back_value_cents: Math.round(finiteOrZero(c.wonBackValueCents)),
        mean_interval_days: c.meanIntervalDays,
        days_since_last: c.daysSinceLastPurchase,
        status: statuses.get(Number(c.id)) ?? null,
      })),
      (n) => {
        saved += n
        options.onProgress?.('saving', saved, result.customers.length)
      },
    )
    return run.id
  })
  await refreshPlannerStatistics(db, ['customer_scores'], result.customers.length)
  const numbers = new Map<number, string>()
  const rows = await db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute()
  for (const r of rows) numbers.set(r.id, r.customer_number)
  return { runId, result, numbers }
}

/** A value the model could not compute is stored as 0, which the win-back list does not use. */
function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0
}
