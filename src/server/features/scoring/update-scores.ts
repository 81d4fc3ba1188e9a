import type { LifecycleStatus } from '../../../shared/lifecycle'
import { chunks, createBulkWriter } from '../../db/bulk'
import type { Db } from '../../db/database'
import { lockForRewrite } from '../../db/rewrite-table'
import { type IsoDate, toEpochDay } from '../../lib/dates'
import { queuedForDerivationBetween } from '../imports/import-run.repository'
import { customersWithPurchasesChangedSince } from '../lifecycle/lifecycle.repository'
import { loadLedgers } from './load-ledgers'
import {
  type FittedModel,
  laterPurchaseWarnings,
  predictWithFit,
  type ScoredCustomer,
  type ScoreOptions,
  type ScoreWarning,
  type SpendModel,
} from './score'
import { fillScoreRow, SCORE_COLUMNS } from './score-customer-base'
import { type TransactionModel, transactionModels } from './scorer'
import { beginScoringRound } from './scores.repository'
import type { ModelRunRow } from './scoring.table'
import type { TimeUnit } from './summary'

/**
 * Above this share of the scored customers an update is not worth it: a whole run, which fits the
 * model on the changed data too, costs little more (an import of new customers, a first night).
 */
const MAX_UPDATE_SHARE = 0.25

/** The largest id an integer column holds (the derivation queue read whole). */
const LAST_ID = 2_147_483_647

/** Score rows written at once by an update. */
const WRITE_CHUNK = 5000

export interface UpdateScoresOptions {
  db: Db
  /** the latest run: the update repeats its fit and settings */
  last: ModelRunRow
  today: IsoDate
  onProgress?: (phase: 'loading' | 'saving', done: number, total: number) => void
  clock?: () => Date
}

/**
 * The nightly update between the weekly fits: the customers whose purchases changed since the latest
 * run began reading (they bought, a document was corrected, they are new: the scoring round on their
 * status row, lifecycle/scoring-rounds.ts) are predicted again as of today with the latest run's
 * fit; every other customer keeps the scores of the run that last predicted them (their row names
 * it, with its day). Stored as a run of its own that repeats the fit (`fit_run_id`), so the pages
 * show today's day and how many were predicted. Returns null where it cannot stand in for a whole
 * run: BG/BB (periods), a run from before rounds were kept, or too many customers changed.
 */
export async function updateChangedScores(
  options: UpdateScoresOptions,
): Promise<{ runId: number; predicted: number } | null> {
  const { db, last, today } = options
  if (!(transactionModels as readonly string[]).includes(last.model) || last.scoring_round === null)
    return null
  const started = Date.now()
  const round = await beginScoringRound(db.kysely)
  const changed = await changedCustomers(db, last.scoring_round)
  if (changed.length > MAX_UPDATE_SHARE * Math.max(last.customers, 1)) return null
  const fitted: FittedModel = {
    model: last.model as TransactionModel,
    params: JSON.parse(last.params) as Record<string, number>,
    spend: JSON.parse(last.spend) as SpendModel,
  }
  const scoreOptions: ScoreOptions = {
    unit: last.time_unit as TimeUnit,
    calibrationEnd: toEpochDay(today),
    model: fitted.model,
    horizon: last.horizon,
    clvMonths: last.clv_months,
    monthlyDiscountRate: Number(last.monthly_discount_rate),
    wonBackMonths: last.won_back_months,
  }
  const { packed, later } = await loadLedgers(db, today, options.onProgress, changed)
  const predictions = predictWithFit(packed.customers, fitted, scoreOptions)
  const warnings = [
    // the fit's warnings stay; those about the days scored are made for today's customers
    ...(JSON.parse(last.warnings) as ScoreWarning[]).filter((w) => !datedWarnings.has(w.code)),
    ...laterPurchaseWarnings(later, toEpochDay(today), toEpochDay(today)),
  ]
  const now = (options.clock ?? (() => new Date()))().toISOString()
  const runId = await db.kysely.transaction().execute(async (trx) => {
    // as a whole run: no classification writes a status onto the scores meanwhile (PostgreSQL)
    await lockForRewrite(trx, 'customer_scores')
    const { id: _id, created_at: _created, ...fit } = last
    const run = await trx
      .insertInto('model_runs')
      .values({
        ...fit,
        created_at: now,
        as_of: today,
        warnings: JSON.stringify(warnings),
        duration_ms: 0,
        user_id: null,
        scoring_round: round,
        fit_run_id: last.fit_run_id ?? last.id,
        predicted: predictions.customerCount,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const bulk = createBulkWriter(db, trx)
    let removed = 0
    let next = 0
    let pending: ScoredCustomer | undefined
    for (const part of chunks(changed, WRITE_CHUNK)) {
      const previous = new Map(
        (
          await trx
            .selectFrom('customer_scores')
            .select(['customer_id', 'p_alive'])
            .where('customer_id', 'in', part)
            .execute()
        ).map((r) => [r.customer_id, Number(r.p_alive)]),
      )
      const statusOf = new Map<number, LifecycleStatus>(
        (
          await trx
            .selectFrom('customer_status')
            .select(['customer_id', 'status'])
            .where('customer_id', 'in', part)
            .execute()
        ).map((r) => [r.customer_id, r.status]),
      )
      removed += previous.size
      await trx.deleteFrom('customer_scores').where('customer_id', 'in', part).execute()
      // the predictions are in the order of the ids, as the chunks are
      const predicted: ScoredCustomer[] = []
      for (; next < predictions.customerCount; next++) {
        pending ??= predictions.customerAt(next)
        if (Number(pending.id) > part.at(-1)!) break
        predicted.push(pending)
        pending = undefined
      }
      await bulk.insertRows('customer_scores', SCORE_COLUMNS, predicted.length, (values, at, row) => {
        const c = predicted[row]!
        const id = Number(c.id)
        const before = previous.get(id)
        fillScoreRow(values, at, c, {
          runId: run.id,
          // a value that is no number (PostgreSQL keeps NaN) says nothing about the risk before
          previousPAlive: before === undefined || Number.isNaN(before) ? null : before,
          status: statusOf.get(id) ?? null,
        })
      })
      options.onProgress?.('saving', Math.min(next, predictions.customerCount), predictions.customerCount)
    }
    await trx
      .updateTable('model_runs')
      .set({
        customers: last.customers - removed + predictions.customerCount,
        duration_ms: Date.now() - started,
      })
      .where('id', '=', run.id)
      .execute()
    return run.id
  })
  return { runId, predicted: predictions.customerCount }
}

/** Warnings about the day scored: made again for the customers an update predicts. */
const datedWarnings = new Set<ScoreWarning['code']>(['purchases_after_as_of', 'future_purchases'])

/**
 * The customers whose purchases changed since the run that counted up to `round` began reading, and those
 * whose documents changed but are not derived yet (the nightly job derives them first: usually
 * none), in the order of their ids.
 */
async function changedCustomers(db: Db, round: number): Promise<number[]> {
  const reclassified = await customersWithPurchasesChangedSince(db.kysely, round)
  const queued = await queuedForDerivationBetween(db.kysely, { afterId: 0, throughId: LAST_ID })
  if (queued.size === 0) return reclassified
  return [...new Set([...reclassified, ...queued])].sort((a, b) => a - b)
}
