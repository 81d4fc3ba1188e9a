import type { Db } from '../db/database'
import { reasonModelIsStale, trainReasons } from '../features/assist/reason-model'
import { refreshDueEligibility } from '../features/contact/eligibility'
import { deriveQueued, hasQueuedDerivations } from '../features/imports/derived-data'
import { classifyCustomers } from '../features/lifecycle/classify-customers'
import { classificationDay } from '../features/lifecycle/lifecycle.repository'
import {
  earlyWarningsAreStale,
  refreshEarlyWarningsForNight,
} from '../features/prevention/refresh-early-warnings'
import type { FitStarts, SpendModel } from '../features/scoring/score'
import { scoreCustomerBase } from '../features/scoring/score-customer-base'
import { type ScoringModel, type TransactionModel, transactionModels } from '../features/scoring/scorer'
import { customersScoredSince, fitDayOf, latestRunId } from '../features/scoring/scores.repository'
import type { ModelRunRow } from '../features/scoring/scoring.table'
import type { TimeUnit } from '../features/scoring/summary'
import { updateChangedScores } from '../features/scoring/update-scores'
import { attributeWinbacks } from '../features/winback/attribute-winbacks'
import { wonBackMonthsOf } from '../features/winback/winback-settings'
import { addDays, type IsoDate, toEpochDay, weekdayOf } from '../lib/dates'
import type { Logger } from '../logger'
import type { JobQueue } from './job-queue'
import { enqueue, purgeSucceededJobs } from './queue'

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
 * The nightly rescore. Within a week of the latest fit (and with the value's horizon unchanged) it
 * only predicts again, with that fit, the customers whose data changed (updateChangedScores); once a
 * week, or where an update cannot stand in, it repeats the settings of the latest run as of today:
 * the same holdout length, unit and horizon, and the same model if one was asked for.
 */
export async function rescore(
  options: { db: Db; logger: Logger; clock: () => Date },
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
    if (await fitIsCurrent(options.db, last, today)) {
      const updated = await updateChangedScores({
        db: options.db,
        last,
        today,
        onProgress: report,
        clock: options.clock,
      })
      if (updated) return
    }
  } catch (error) {
    options.logger.warn({ err: error }, 'nightly update of the scores failed; the model is fitted again')
  }
  await fitAgain(options, last, today, report)
}

/**
 * The rescore's fit: the latest run's settings as of today. A model asked for stays; an automatic
 * choice is kept for a week, then the models are compared again. A failure keeps the old scores.
 */
export async function fitAgain(
  options: { db: Db; logger: Logger },
  last: ModelRunRow,
  today: IsoDate,
  report: (phase: string, done: number, total: number) => void,
): Promise<void> {
  const compared = await lastComparison(options.db)
  const keptChoice =
    last.chosen_by !== 'requested' &&
    compared !== undefined &&
    compared.as_of >= addDays(today, -MODEL_CHOICE_DAYS)
  try {
    const holdoutDays = last.holdout_end ? toEpochDay(last.holdout_end) - toEpochDay(last.calibration_end) : 0
    await scoreCustomerBase({
      db: options.db,
      calibrationEnd: holdoutDays > 0 ? addDays(today, -holdoutDays) : today,
      holdoutEnd: holdoutDays > 0 ? today : undefined,
      unit: last.time_unit as TimeUnit,
      model: last.chosen_by === 'requested' || keptChoice ? (last.model as ScoringModel) : 'auto',
      keptChoice,
      horizon: last.horizon,
      clvMonths: last.clv_months,
      monthlyDiscountRate: last.monthly_discount_rate,
      today,
      onProgress: report,
      starts: startsOf(last, compared),
    })
  } catch (error) {
    options.logger.warn({ err: error }, 'nightly rescoring failed; the previous scores stay')
  }
}

/**
 * How long the nightly rescore keeps the model an automatic comparison chose: a day's purchases do
 * not change which model describes a base, and comparing means fitting every candidate (Pareto/NBD's
 * fit alone is most of a night's scoring).
 */
const MODEL_CHOICE_DAYS = 7

/**
 * How long the nightly rescore predicts with the latest fit before it fits again: a day's purchases
 * move the parameters little, and a week's are seen by the weekly fit (which also compares the
 * models again when the choice was automatic).
 */
const REFIT_DAYS = MODEL_CHOICE_DAYS

/** Whether tonight's rescore may predict with the latest run's fit: made within REFIT_DAYS, same horizon. */
async function fitIsCurrent(db: Db, last: ModelRunRow, today: IsoDate): Promise<boolean> {
  if (last.as_of > today || last.won_back_months !== (await wonBackMonthsOf(db.kysely))) return false
  const fitted = await fitDayOf(db.kysely, last)
  return fitted !== null && fitted >= addDays(today, -REFIT_DAYS)
}

/** The latest run that compared the models (chosen by BIC or holdout; an update only repeats it). */
async function lastComparison(db: Db) {
  return db.kysely
    .selectFrom('model_runs')
    .select(['as_of', 'candidates'])
    .where('chosen_by', 'in', ['bic', 'holdout'])
    .where('fit_run_id', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The last run's fitted parameters, where tonight's fits start (a day's data move them little). */
function startsOf(
  last: { model: string; params: string; candidates: string; spend: string },
  compared: { candidates: string } | undefined,
): FitStarts {
  const calibration: FitStarts['calibration'] = {}
  // every candidate from the last comparison (a kept choice's run fitted one), then the last run's
  for (const run of [compared, last])
    for (const c of JSON.parse(run?.candidates ?? '[]') as {
      model: string
      params: Record<string, number>
    }[])
      if ((transactionModels as readonly string[]).includes(c.model))
        calibration[c.model as TransactionModel] = c.params
  const spend = JSON.parse(last.spend) as SpendModel
  return {
    calibration,
    final: { model: last.model as ScoringModel, params: JSON.parse(last.params) as Record<string, number> },
    spend: spend.model === 'gamma-gamma' ? spend.params : undefined,
  }
}

/** What is out of date as of a day; a nightly job does exactly that (and nothing when all is current). */
export async function staleWork(db: Db, today: IsoDate) {
  const classifiedAsOf = await classificationDay(db.kysely)
  return {
    reclassify: classifiedAsOf !== null && classifiedAsOf < today,
    rescore: await scoresAreStale(db, today),
    // work an import left unfinished (the process stopped after its commit) is finished first
    resume: await hasQueuedDerivations(db.kysely),
    warn: await earlyWarningsAreStale(db, today),
  }
}

/**
 * The nightly job: whenever the stored classification or the latest model run is older than
 * today (after midnight, or after the server was down), every customer whose classification can
 * have changed is reclassified (lifecycle/stability.ts: the others' rows stay true), the contact
 * answers that can have changed are refreshed (contact/eligibility-stability.ts), and the
 * base rescored as of today (between the weekly fits only the customers whose purchases changed:
 * rescore); the base is also rescored when the horizon of the value if won back was changed. A
 * failed rescore keeps the old scores. Last, the early-warning list is brought to the new day (the
 * customers whose signals can have changed worked out again), and the call assistant learns the
 * reasons confirmed since its last training. Each part checks whether it is still needed, so the job
 * can run twice. Says which customers' statuses, scores, contact answers and win-back attempts it
 * changed (null: anybody's), so the win-back list is brought up to date for those alone.
 */
export async function runNightly(
  options: { db: Db; logger: Logger; clock: () => Date },
  today: IsoDate,
  report: (phase: string, done: number, total: number) => void,
): Promise<{ changedCustomers: readonly number[] | null }> {
  const stale = await staleWork(options.db, today)
  const changed = changedCustomers()
  if (stale.resume) {
    await deriveQueued({ db: options.db, onProgress: (done, total) => report('classifying', done, total) })
    changed.add(null)
  }
  if (stale.reclassify) {
    // only the customers whose classification can have changed since the last night
    const classified = await classifyCustomers({
      db: options.db,
      asOf: today,
      dueOnly: true,
      onProgress: (done, total) => report('classifying', done, total),
    })
    changed.add(classified.customerIds)
    // consents age: one unused too long needs renewal from today on (only the customers whose
    // answers can have changed, unless what they rest on changed: contact/eligibility.ts)
    const answers = await refreshDueEligibility(options.db, today, (done, total) =>
      report('contact', done, total),
    )
    changed.add(answers.customerIds)
    changed.add((await attributeWinbacks({ db: options.db.kysely, today })).changedCustomerIds)
  }
  if (stale.rescore) {
    const runBefore = await latestRunId(options.db.kysely)
    await rescore(options, today, report)
    // an update predicted some customers again; a fit, everybody
    changed.add(await customersScoredSince(options.db.kysely, runBefore))
  }
  // last: it reads the day's statuses and the P(alive) before and after the rescoring
  const now = options.clock().toISOString()
  await refreshEarlyWarningsForNight({ db: options.db, today, now, onProgress: report })
  // the day's confirmed reasons teach the call assistant (a second or two even for many notes)
  if (await reasonModelIsStale(options.db.kysely))
    await trainReasons({ db: options.db.kysely, now, userId: null })
  await purgeSucceededJobs(
    options.db.kysely,
    new Date(options.clock().getTime() - 30 * 24 * HOUR).toISOString(),
  )
  // the week's early-warning digest to the managers, once a week (the first night of the week)
  const monday = addDays(today, -((weekdayOf(today) + 6) % 7))
  await enqueue(options.db.kysely, 'early_warning_digest', { week: monday }, now, { key: `digest:${monday}` })
  return { changedCustomers: changed.ids() }
}

/** The customers a job changed, part by part; null once a part changed anybody's. */
function changedCustomers() {
  let ids: Set<number> | null = new Set()
  return {
    add(part: readonly number[] | null) {
      if (part === null) ids = null
      else if (ids) for (const id of part) ids.add(id)
    },
    ids: (): number[] | null => (ids ? [...ids] : null),
  }
}

export interface NightlySchedule {
  stop(): void
  /** checks at once (after a settings change) instead of at the next hourly check */
  checkNow(): void
}

/**
 * Checks every hour (and at once after a settings change) whether anything is stale as of today,
 * and if so queues the nightly job, unless one is queued or running already.
 */
export function scheduleNightlyClassification(options: {
  db: Db
  jobs: JobQueue
  logger: Logger
  today: () => IsoDate
}): NightlySchedule {
  const check = async () => {
    const today = options.today()
    if (await options.jobs.active(['nightly', 'classify'])) return
    const stale = await staleWork(options.db, today)
    if (!stale.reclassify && !stale.rescore && !stale.resume && !stale.warn) return
    options.logger.info({ today, ...stale }, 'updating classification and scores as of today')
    await options.jobs.enqueue('nightly', { day: today }, { ref: today })
  }
  // checks one after another: two at once would both find no job queued and queue two
  let last: Promise<void> = Promise.resolve()
  const run = () => {
    last = last
      .then(check)
      .catch((error) => options.logger.error({ err: error }, 'checking for nightly work failed'))
  }
  void run()
  const timer = setInterval(run, HOUR)
  timer.unref()
  return { stop: () => clearInterval(timer), checkNow: run }
}
