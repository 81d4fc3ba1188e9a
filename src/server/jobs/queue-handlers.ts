import type { Config } from '../config'
import type { Db } from '../db/database'
import { trainReasons } from '../features/assist/reason-model'
import { refreshAllEligibility } from '../features/contact/eligibility'
import { runImportJob } from '../features/imports/run-import-job'
import { classifyCustomers } from '../features/lifecycle/classify-customers'
import { sendEarlyWarningDigest } from '../features/messaging/digest'
import { sendMessage, writeCampaignStepMessages } from '../features/messaging/messaging.service'
import { readBounces } from '../features/messaging/read-bounces'
import { refreshEarlyWarnings } from '../features/prevention/refresh-early-warnings'
import { scoreCustomerBase } from '../features/scoring/score-customer-base'
import { companyToday } from '../lib/clock'
import type { Logger } from '../logger'
import type { JobPayload, JobType } from './job-types'
import { runNightly } from './nightly'

/** What every job may use: built once by the process that runs the queue. */
export interface JobContext {
  db: Db
  config: Config
  clock: () => Date
  logger: Logger
  /** imports write in a worker thread with a connection of their own (the server) */
  importInWorker?: boolean
}

/** A running job's progress: kept live in its process, written to the queue every few seconds. */
export type JobProgress = (phase: string, done: number, total: number) => void

type Handler<T extends JobType> = (
  ctx: JobContext,
  payload: JobPayload<T>,
  progress: JobProgress,
) => Promise<unknown>

/**
 * Jobs that write nothing a cached list reads (an e-mail sent, returned mail recorded, the weekly
 * digest, the reason model): the lists are kept after them. Every other job makes them computed
 * afresh (at a million customers the bounce check every quarter hour made the next look at the
 * win-back list take seconds).
 */
export const keepsCachedLists: ReadonlySet<JobType> = new Set<JobType>([
  'send_message',
  'read_bounces',
  'early_warning_digest',
  'train_reasons',
])

/** What each declared job does. */
export const queueHandlers: { [T in JobType]: Handler<T> } = {
  send_message: (ctx, payload) => sendMessage(ctx, payload.messageId),
  campaign_email_step: (ctx, payload, progress) =>
    writeCampaignStepMessages(ctx, payload, (done, total) => progress('writing', done, total)),
  early_warning_digest: (ctx, payload) => sendEarlyWarningDigest(ctx, payload.week),
  read_bounces: (ctx) => readBounces(ctx),
  import_file: (ctx, payload, progress) => runImportJob(ctx, payload.runId, progress),
  classify: (ctx, payload, progress) =>
    classifyCustomers({
      db: ctx.db,
      asOf: payload.asOf,
      onProgress: (done, total) => progress('classifying', done, total),
    }),
  score: (ctx, payload, progress) =>
    scoreCustomerBase({
      db: ctx.db,
      calibrationEnd: payload.calibrationEnd,
      holdoutEnd: payload.holdoutEnd ?? undefined,
      unit: payload.unit,
      model: payload.model,
      horizon: payload.horizon,
      userId: payload.userId,
      clock: ctx.clock,
      today: companyToday(ctx.clock, ctx.config.timeZone),
      onProgress: progress,
    }),
  refresh_eligibility: (ctx, payload, progress) =>
    refreshAllEligibility(ctx.db, payload.today, (done, total) => progress('contact', done, total)),
  early_warnings: (ctx, payload, progress) =>
    refreshEarlyWarnings({
      db: ctx.db,
      today: payload.today,
      now: ctx.clock().toISOString(),
      onProgress: progress,
    }),
  train_reasons: (ctx, payload) =>
    trainReasons({ db: ctx.db.kysely, now: ctx.clock().toISOString(), userId: payload.userId }),
  nightly: (ctx, payload, progress) => runNightly(ctx, payload.day, progress),
}
