import { z } from 'zod'
import { scoringModels } from '../features/scoring/scorer'
import { allTimeUnits } from '../features/scoring/summary'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const id = z.number().int().positive()

/**
 * The closed set of jobs the durable queue runs, each with its payload's schema. A job is declared
 * here and handled in queue-handlers.ts; nothing else may be enqueued.
 */
export const jobPayloadSchemas = {
  /** send one stored e-mail (outbound_messages), at most once */
  send_message: z.object({ messageId: id }),
  /** write the e-mails of a campaign step (contact law asked per member) and queue their sending */
  campaign_email_step: z.object({
    campaignId: id,
    step: z.number().int().min(0),
    userId: z.number().int().nullable(),
  }),
  /** the week's early-warning digest to every manager */
  early_warning_digest: z.object({ week: day }),
  /** read the bounce mailbox: returned mail marks the e-mail it is about as bounced */
  read_bounces: z.object({}),
  /** an uploaded file (kept under the data directory until it succeeded) into the database */
  import_file: z.object({ runId: id }),
  /** every customer's lifecycle status as of a day (after a change of the thresholds, or asked for) */
  classify: z.object({ asOf: day }),
  /** fit the models and score every customer */
  score: z.object({
    calibrationEnd: day,
    holdoutEnd: day.nullable(),
    unit: z.enum(allTimeUnits),
    model: z.enum(['auto', ...scoringModels]),
    horizon: z.number().positive(),
    userId: z.number().int().nullable(),
  }),
  /** whom the contact law lets winback contact how, for every customer (after a settings change) */
  refresh_eligibility: z.object({ today: day }),
  /** the early-warning list worked out again (asked for, or after a settings change) */
  early_warnings: z.object({ today: day }),
  /** learn the churn reasons from the confirmed notes again (after new confirmations, or asked for) */
  train_reasons: z.object({ userId: z.number().int().nullable() }),
  /** whatever is stale as of the day: classification, consents, won-back, scores, early warnings */
  nightly: z.object({ day }),
} as const

export type JobType = keyof typeof jobPayloadSchemas
export type JobPayload<T extends JobType> = z.infer<(typeof jobPayloadSchemas)[T]>
export const jobTypes = Object.keys(jobPayloadSchemas) as JobType[]

/**
 * Jobs run in two lanes, each one job at a time in a process: sending is never held up by an hour's
 * import, and the long work that rewrites the customer base (imports, classification, scoring)
 * never interleaves with itself.
 */
export type JobLane = 'messages' | 'work'
export const jobLanes: Record<JobLane, readonly JobType[]> = {
  messages: ['send_message', 'campaign_email_step', 'early_warning_digest', 'read_bounces'],
  work: [
    'import_file',
    'classify',
    'score',
    'refresh_eligibility',
    'early_warnings',
    'train_reasons',
    'nightly',
  ],
}

/** How often a job is tried before it is listed as failed for a person to retry. */
export const maxAttemptsOf: Record<JobType, number> = {
  send_message: 5,
  campaign_email_step: 5,
  early_warning_digest: 5,
  // the next quarter hour's check tries again; an unreachable mailbox is shown in the settings
  read_bounces: 1,
  import_file: 3,
  classify: 3,
  score: 2,
  refresh_eligibility: 3,
  early_warnings: 3,
  train_reasons: 3,
  nightly: 3,
}

/** The wait before the next attempt: 30 s, 1 min, 2 min, … up to an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1))
}
