import { z } from 'zod'
import { contactBlockers } from '../contact'
import {
  callOutcomes,
  callReached,
  followupPriorities,
  followupSources,
  measureKinds,
  pickReasons,
  plannedChannels,
} from '../worklist'

export const pickWhySchema = z.object({
  source: z.enum(['campaign', 'winback_list']),
  campaignId: z.number().int().nullable(),
  campaignName: z.string().nullable(),
  rank: z.number().int(),
  expectedNetCents: z.number().int(),
  probability: z.number(),
  ease: z.number().int().nullable(),
})

const channelLightSchema = z.object({
  channel: z.enum(plannedChannels),
  allowed: z.boolean(),
  blockers: z.array(z.enum(contactBlockers)),
})

export const worklistItemSchema = z.object({
  kind: z.enum(pickReasons),
  customerId: z.number().int(),
  customerNumber: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  city: z.string().nullable(),
  followupId: z.number().int().nullable(),
  /** where the Wiedervorlage came from (null for the day's new customers) */
  source: z.enum(followupSources).nullable(),
  dueOn: z.string(),
  dueTime: z.string().nullable(),
  priority: z.enum(followupPriorities),
  channel: z.enum(plannedChannels),
  note: z.string().nullable(),
  campaign: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  why: pickWhySchema.nullable(),
  /** one sentence in the user's language: why this customer is on today's list */
  whyText: z.string(),
  reasons: z.array(z.object({ id: z.number().int(), code: z.string(), de: z.string(), en: z.string() })),
  measure: z
    .object({
      id: z.number().int(),
      kind: z.enum(measureKinds),
      name: z.object({ de: z.string(), en: z.string() }),
      talkingPoints: z.object({ de: z.string(), en: z.string() }),
      defaultOffer: z.string().nullable(),
      maxOfferCents: z.number().int().nullable(),
    })
    .nullable(),
  hooks: z.array(z.object({ id: z.number().int(), title: z.string(), description: z.string() })),
  lastOffer: z
    .object({ on: z.string(), offer: z.string().nullable(), offerCents: z.number().int().nullable() })
    .nullable(),
  lastCall: z
    .object({ on: z.string(), reached: z.enum(callReached), outcome: z.enum(callOutcomes).nullable() })
    .nullable(),
  /** the legal traffic light: each channel and whether the law allows it today */
  channels: z.array(channelLightSchema),
  valueCents: z.number().int().nullable(),
  /** a call has been logged for this item today */
  done: z.boolean(),
})
export type WorklistItem = z.infer<typeof worklistItemSchema>

export const worklistSchema = z.object({
  date: z.string(),
  userId: z.number().int(),
  items: z.array(worklistItemSchema),
})
export type Worklist = z.infer<typeof worklistSchema>

export const worklistQuerySchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** managers and admins: someone else's list */
  userId: z.coerce.number().int().positive().optional(),
})

export const nextFollowupInputSchema = z.object({
  /** ISO or DD.MM.YYYY, today or later */
  dueOn: z.string().trim().min(1).max(20),
  /** HH:MM */
  dueTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable()
    .optional(),
  priority: z.enum(followupPriorities).default('normal'),
  channel: z.enum(plannedChannels).optional(),
  note: z.string().trim().max(2_000).optional(),
  /** another user (managers); the caller by default */
  assigneeUserId: z.number().int().positive().optional(),
})
export type NextFollowupInput = z.infer<typeof nextFollowupInputSchema>

export const callInputSchema = z
  .object({
    channel: z.enum(['phone', 'visit']).default('phone'),
    reached: z.enum(callReached),
    outcome: z.enum(callOutcomes).nullable().optional(),
    offer: z.string().trim().max(500).optional(),
    /** euros as typed */
    offerValue: z.string().trim().max(30).optional(),
    /** the reason the customer gave, recorded as a stated reason */
    reasonId: z.number().int().positive().nullable().optional(),
    note: z.string().trim().max(5_000).optional(),
    /** a competitor the customer named */
    competitor: z.string().trim().max(200).optional(),
    /** the Wiedervorlage this call works off */
    followupId: z.number().int().positive().optional(),
    /** the playbook measure used (the one the Tagesliste suggested), so the playbook learns */
    measureId: z.number().int().positive().nullable().optional(),
    next: nextFollowupInputSchema.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reached === 'reached' && !v.outcome)
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'A call that reached the customer needs an outcome',
      })
    if (v.reached !== 'reached' && v.outcome)
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'A call that reached nobody has no outcome',
      })
  })
export type CallInput = z.infer<typeof callInputSchema>

export const callResultSchema = z.object({
  callId: z.number().int(),
  attemptId: z.number().int().nullable(),
  followupId: z.number().int().nullable(),
  objectionId: z.number().int().nullable(),
})
export type CallResult = z.infer<typeof callResultSchema>

export const followupSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerNumber: z.string(),
  displayName: z.string(),
  assigneeUserId: z.number().int(),
  assigneeName: z.string(),
  dueOn: z.string(),
  dueTime: z.string().nullable(),
  priority: z.enum(followupPriorities),
  channel: z.enum(plannedChannels),
  note: z.string().nullable(),
  source: z.enum(followupSources),
  campaignId: z.number().int().nullable(),
  snoozed: z.number().int(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
})
export type FollowupDto = z.infer<typeof followupSchema>

export const followupQuerySchema = z.object({
  /** open (default), overdue, done */
  state: z.enum(['open', 'overdue', 'done']).default('open'),
  /** managers: everyone's (default for them) or one user's */
  userId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
})

export const followupInputSchema = nextFollowupInputSchema.extend({
  channel: z.enum(plannedChannels).default('phone'),
})
export type FollowupInput = z.infer<typeof followupInputSchema>

export const followupUpdateSchema = z.object({
  /** move it to a later day */
  snoozeTo: z.string().trim().max(20).optional(),
  dueTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable()
    .optional(),
  priority: z.enum(followupPriorities).optional(),
  assigneeUserId: z.number().int().positive().optional(),
  note: z.string().trim().max(2_000).optional(),
  done: z.boolean().optional(),
})
export type FollowupUpdate = z.infer<typeof followupUpdateSchema>

export const timelineEntrySchema = z.object({
  at: z.string(),
  kind: z.enum([
    'purchase',
    'credit_note',
    'call',
    'attempt',
    'reason',
    'status',
    'followup',
    'consent',
    'objection',
    'owner',
    'campaign',
    'warning_sign',
    'message',
  ]),
  /** a short structured summary; the web app words it */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
})
export type TimelineEntry = z.infer<typeof timelineEntrySchema>

export const calendarFeedSchema = z.object({
  /** the path of the feed, secret: whoever has it sees the list */
  path: z.string().nullable(),
  createdAt: z.string().nullable(),
})
export type CalendarFeedDto = z.infer<typeof calendarFeedSchema>

export const ownerInputSchema = z.object({
  ownerUserId: z.number().int().positive().nullable(),
  note: z.string().trim().max(500).optional(),
})
export type OwnerInput = z.infer<typeof ownerInputSchema>
