import { z } from 'zod'

/**
 * The closed set of jobs the durable queue runs, each with its payload's schema. A job is declared
 * here and handled in queue-handlers.ts; nothing else may be enqueued.
 */
export const jobPayloadSchemas = {
  /** send one stored e-mail (outbound_messages), at most once */
  send_message: z.object({ messageId: z.number().int().positive() }),
  /** write the e-mails of a campaign step (contact law asked per member) and queue their sending */
  campaign_email_step: z.object({
    campaignId: z.number().int().positive(),
    step: z.number().int().min(0),
    userId: z.number().int().nullable(),
  }),
  /** the week's early-warning digest to every manager */
  early_warning_digest: z.object({ week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
} as const

export type JobType = keyof typeof jobPayloadSchemas
export type JobPayload<T extends JobType> = z.infer<(typeof jobPayloadSchemas)[T]>
export const jobTypes = Object.keys(jobPayloadSchemas) as JobType[]

/** The wait before the next attempt: 30 s, 1 min, 2 min, … up to an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1))
}
