import type { Db } from '../db/database'
import { refreshAllEligibility } from '../features/contact/eligibility'
import { deriveQueued, hasQueuedDerivations } from '../features/imports/derived-data'
import { classifyCustomers } from '../features/lifecycle/classify-customers'
import { earlyWarningsAreStale, refreshEarlyWarnings } from '../features/prevention/refresh-early-warnings'
import { scoreCustomerBase } from '../features/scoring/score-customer-base'
import type { TransactionModel } from '../features/scoring/scorer'
import type { TimeUnit } from '../features/scoring/summary'
import { attributeWinbacks } from '../features/winback/attribute-winbacks'
import { wonBackMonthsOf } from '../features/winback/winback-settings'
import { addDays, type IsoDate, toEpochDay, weekdayOf } from '../lib/dates'
import type { Logger } from '../logger'
import type { JobRegistry } from './job-registry'
import { enqueue } from './queue'

const HOUR = 3_600_000

/**
 * Whether the latest model run describes a day before today, or values customers if won back over
 * another horizon than the win-back settings now ask for.
 */
async function scoresAreStale(db: Db, today: IsoDate): Promise<boolean> {
  const last = await db.kysely
    .selectFrom('model_runs')
    .select(['as_of', 'won_back_months'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (last === undefined) return false
  return last.as_of < today || last.won_back_months !== (await wonBackMonthsOf(db.kysely))
}

/**
 * The nightly rescore repeats the settings of the latest run, as of today: the same holdout
 * length, unit and horizon, and the same model if one was asked for.
 */
async function rescore(
  options: { db: Db; logger: Logger },
  today: IsoDate,
  report: (phase: string, done: number, total: number) => void,
): Promise<void> {
  const last = await options.db.kysely
    .selectFrom('model_runs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!last) return
  try {
    const holdoutDays = last.holdout_end ? toEpochDay(last.holdout_end) - toEpochDay(last.calibration_end) : 0
    await scoreCustomerBase({
      db: options.db,
      calibrationEnd: holdoutDays > 0 ? addDays(today, -holdoutDays) : today,
      holdoutEnd: holdoutDays > 0 ? today : undefined,
      unit: last.time_unit as TimeUnit,
      model: last.chosen_by === 'requested' ? (last.model as TransactionModel) : 'auto',
      horizon: last.horizon,
      clvMonths: last.clv_months,
      monthlyDiscountRate: last.monthly_discount_rate,
      onProgress: report,
    })
  } catch (error) {
    options.logger.warn({ err: error }, 'nightly rescoring failed; the previous scores stay')
  }
}

export interface NightlySchedule {
  stop(): void
  /** checks at once (after a settings change) instead of at the next hourly check */
  checkNow(): void
}

/**
 * Keeps the classification and the scores current: whenever the stored classification or the
 * latest model run is older than today (after midnight, or after the server was down), every
 * customer is reclassified and the base rescored as of today; the base is also rescored when the
 * horizon of the value if won back was changed. A failed rescore keeps the old scores. Last, the
 * early-warning list is worked out again for the new day.
 */
export function scheduleNightlyClassification(options: {
  db: Db
  jobs: JobRegistry
  logger: Logger
  today: () => IsoDate
}): NightlySchedule {
  const check = async () => {
    const row = await options.db.kysely
      .selectFrom('customer_status')
      .select((eb) => eb.fn.max('as_of').as('as_of'))
      .executeTakeFirst()
    const today = options.today()
    if (options.jobs.isRunning('classify')) return
    const reclassify = row?.as_of != null && row.as_of < today
    const rescoreToo = await scoresAreStale(options.db, today)
    // work an import left unfinished (the process stopped after its commit) is finished first
    const resume = await hasQueuedDerivations(options.db.kysely)
    const warnToo = await earlyWarningsAreStale(options.db, today)
    if (!reclassify && !rescoreToo && !resume && !warnToo) return
    options.logger.info({ from: row?.as_of, to: today }, 'updating classification and scores as of today')
    options.jobs.start('classify', today, async (report) => {
      if (resume)
        await deriveQueued({
          db: options.db,
          onProgress: (done, total) => report('classifying', done, total),
        })
      if (reclassify) {
        await classifyCustomers({
          db: options.db,
          asOf: today,
          onProgress: (done, total) => report('classifying', done, total),
        })
        // consents age: one unused too long needs renewal from today on
        await refreshAllEligibility(options.db, today, (done, total) => report('contact', done, total))
        await attributeWinbacks({ db: options.db.kysely, today })
      }
      if (rescoreToo) await rescore(options, today, report)
      // last: it reads the day's statuses and the P(alive) before and after the rescoring
      await refreshEarlyWarnings({
        db: options.db,
        today,
        now: new Date().toISOString(),
        onProgress: report,
      })
      // the week's early-warning digest to the managers, once a week (the first night of the week)
      const monday = addDays(today, -((weekdayOf(today) + 6) % 7))
      await enqueue(options.db.kysely, 'early_warning_digest', { week: monday }, new Date().toISOString(), {
        key: `digest:${monday}`,
      })
    })
  }
  const run = () =>
    check().catch((error) => options.logger.error({ err: error }, 'nightly classification failed'))
  void run()
  const timer = setInterval(run, HOUR)
  timer.unref()
  return { stop: () => clearInterval(timer), checkNow: () => void run() }
}
