import { z } from 'zod'
import {
  attemptChannels,
  attemptOutcomes,
  attemptStates,
  exclusionReasons,
  winbackStatuses,
} from '../winback'
import { plannedChannels } from '../worklist'

/** Which customers the list is about (the list, its export and its curve). */
export const winbackFilterSchema = z.object({
  status: z.enum(winbackStatuses).default('lost'),
  sort: z.enum(['net_value', 'ease']).default('net_value'),
  segment: z.string().max(200).optional(),
  owner: z.union([z.literal('none'), z.coerce.number().int().positive()]).optional(),
  reasonId: z.coerce.number().int().positive().optional(),
})
export type WinbackFilter = z.infer<typeof winbackFilterSchema>

/** The list comes in pages: the first rows are what the team works on; totals and the curve are whole. */
export const winbackQuerySchema = winbackFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  sortedOutLimit: z.coerce.number().int().min(0).max(500).default(50),
  sortedOutOffset: z.coerce.number().int().min(0).default(0),
})
export type WinbackQuery = z.infer<typeof winbackQuerySchema>

const factorSchema = z.object({ factor: z.string(), value: z.number(), logOdds: z.number() })

export const winbackItemSchema = z.object({
  customerId: z.number().int(),
  customerNumber: z.string(),
  displayName: z.string(),
  segment: z.string().nullable(),
  ownerName: z.string().nullable(),
  lastPurchase: z.string().nullable(),
  monthsSinceLoss: z.number(),
  reasons: z.array(z.object({ de: z.string(), en: z.string(), kind: z.string() })),
  /** revenue of the 12 months before the loss */
  annualRevenueCents: z.number().int(),
  /** the contribution margin of those months: from the import, else the segment's default rate */
  annualMarginCents: z.number().int(),
  marginFromImport: z.boolean(),
  /** the share of revenue that is contribution margin */
  marginRate: z.number(),
  /** the value if won back: contribution margin over the horizon, discounted */
  valueCents: z.number().int(),
  /** from the customer-base model (their own rate and spend, as if alive), or the margin of the year before the loss */
  valueMethod: z.enum(['model', 'historical_margin']),
  horizonMonths: z.number().int(),
  /** model only: expected purchases over the horizon and revenue per purchase */
  wonBackPurchases: z.number().nullable(),
  spendCents: z.number().int().nullable(),
  probability: z.number(),
  probabilityFactors: z.array(factorSchema),
  costCents: z.number().int(),
  effortMinutes: z.number(),
  expectedNetCents: z.number().int(),
  costRatio: z.number().nullable(),
  verdict: z.enum(['worth_it', 'too_costly', 'no_value']),
  exclusion: z.enum(exclusionReasons).nullable(),
  ease: z.number().int().nullable(),
  /** the latest win-back attempt, if any */
  lastAttempt: z
    .object({ outcome: z.enum(attemptStates), startedOn: z.string(), wonOn: z.string().nullable() })
    .nullable(),
  /** after the "stop here" point of the effort curve: the next hour no longer pays */
  pastStop: z.boolean(),
  /** who would contact them by which channel (routing rules and contact law); on the list's pages only */
  plan: z
    .object({
      assigneeName: z.string().nullable(),
      channel: z.enum(plannedChannels).nullable(),
      /** why nobody is planned: no channel the rules name is allowed, or nobody to give them to */
      blocker: z.enum(['no_lawful_channel', 'no_assignee']).nullable(),
    })
    .nullable()
    .optional(),
})
export type WinbackItem = z.infer<typeof winbackItemSchema>

const pointSchema = z.object({
  contacts: z.number().int(),
  hours: z.number(),
  cumulativeNetCents: z.number().int(),
})

export const winbackListSchema = z.object({
  /** a page of the prioritised list: not excluded, past the CRC/CLV gate */
  items: z.array(winbackItemSchema),
  /** customers on the whole list, and where this page starts in it */
  total: z.number().int(),
  offset: z.number().int(),
  /** a page of the customers not on the list, with the reason */
  sortedOut: z.array(winbackItemSchema),
  sortedOutTotal: z.number().int(),
  /** over the whole list; at most a few hundred points, the 80 % and stop points exact */
  curve: z.object({
    points: z.array(pointSchema),
    totalNetCents: z.number().int(),
    eightyPercent: pointSchema.nullable(),
    stopHere: pointSchema.nullable(),
  }),
  model: z.enum(['default', 'learned']),
  asOf: z.string(),
})
export type WinbackList = z.infer<typeof winbackListSchema>

export const winbackAssessmentInputSchema = z.object({
  ease: z.number().int().min(1).max(5).nullable().optional(),
  insolventOrClosed: z.boolean().optional(),
  switchedForGood: z.boolean().optional(),
  refusals: z.number().int().min(0).max(100).optional(),
  positiveResponses: z.number().int().min(0).max(100).optional(),
  manualDecision: z.enum(['include', 'exclude']).nullable().optional(),
  manualNote: z.string().trim().max(2_000).nullable().optional(),
  plannedMeasureCents: z.number().int().min(0).max(10_000_000_00).nullable().optional(),
})
export type WinbackAssessmentInput = z.infer<typeof winbackAssessmentInputSchema>

export const winbackAssessmentSchema = z.object({
  ease: z.number().int().nullable(),
  insolventOrClosed: z.boolean(),
  switchedForGood: z.boolean(),
  refusals: z.number().int(),
  positiveResponses: z.number().int(),
  manualDecision: z.enum(['include', 'exclude']).nullable(),
  manualNote: z.string().nullable(),
  plannedMeasureCents: z.number().int().nullable(),
})
export type WinbackAssessmentDto = z.infer<typeof winbackAssessmentSchema>

export const attemptInputSchema = z.object({
  channel: z.enum(attemptChannels),
  /** what was offered, as typed ("10 % auf die nächste Bestellung") */
  offer: z.string().trim().max(500).optional(),
  /** the offer's cost in euros as typed */
  offerValue: z.string().trim().max(30).optional(),
  /** ISO or DD.MM.YYYY; today when left out */
  startedOn: z.string().trim().max(20).optional(),
  note: z.string().trim().max(2_000).optional(),
})
export type AttemptInput = z.infer<typeof attemptInputSchema>

export const attemptOutcomeInputSchema = z.object({
  outcome: z.enum(['won_back', 'declined', 'no_response']),
  decidedOn: z.string().trim().max(20).optional(),
  note: z.string().trim().max(2_000).optional(),
})
export type AttemptOutcomeInput = z.infer<typeof attemptOutcomeInputSchema>

export const attemptSchema = z.object({
  id: z.number().int(),
  startedOn: z.string(),
  channel: z.enum(attemptChannels),
  offer: z.string().nullable(),
  offerCents: z.number().int().nullable(),
  /** how the attempt stands: won back only with the purchase that proved it */
  outcome: z.enum(attemptStates),
  /** what the rep recorded */
  recorded: z.enum(attemptOutcomes),
  outcomeOn: z.string().nullable(),
  /** the proving purchase: its date and document number */
  wonOn: z.string().nullable(),
  wonDocument: z.string().nullable(),
  /** the last day a purchase counts for this attempt, and whether that day is still to come */
  windowEnds: z.string(),
  windowOpen: z.boolean(),
  note: z.string().nullable(),
  /** the probability shown when the attempt started */
  probability: z.number(),
  recordedBy: z.string().nullable(),
})
export type AttemptDto = z.infer<typeof attemptSchema>

const calibrationSchema = z.object({
  bins: z.array(
    z.object({
      from: z.number(),
      to: z.number(),
      count: z.number().int(),
      meanPredicted: z.number(),
      observedRate: z.number(),
    }),
  ),
  brier: z.number(),
})

export const winbackModelSchema = z.object({
  kind: z.enum(['default', 'learned']),
  intercept: z.number(),
  coefficients: z.record(z.string(), z.number()),
  outcomes: z.object({
    decided: z.number().int(),
    wonBack: z.number().int(),
    open: z.number().int(),
    /** the threshold from the settings; also at least 10 of each kind */
    minimum: z.number().int(),
  }),
  /** the model in use, on the recorded outcomes: cross-validated for a learned model */
  calibration: calibrationSchema.nullable(),
  /** the default model on the same outcomes, for comparison */
  defaultCalibration: calibrationSchema.nullable(),
})
export type WinbackModelReport = z.infer<typeof winbackModelSchema>

/** How the company values and costs a win-back attempt; stored as one setting. */
export const winbackSettingsSchema = z.object({
  /** what an hour of the sales team costs */
  hourlyRateCents: z.number().int().min(0).max(10_000_00),
  /** minutes one contact takes, per channel */
  minutesPerChannel: z.object({
    email: z.number().min(0).max(600),
    phone: z.number().min(0).max(600),
    letter: z.number().min(0).max(600),
    sms: z.number().min(0).max(600),
    visit: z.number().min(0).max(600),
  }),
  /** the contacts a standard attempt plans */
  plannedContacts: z.array(z.enum(['email', 'phone', 'letter', 'sms', 'visit'])).max(10),
  /** cost of the standard measure (voucher, discount) when none is planned for the customer */
  measureCents: z.number().int().min(0).max(10_000_000_00),
  /** postage of one letter (Deutsche Post Standardbrief: 0.95 € in 2025) */
  postageCents: z.number().int().min(0).max(100_00),
  defaultMarginRate: z.number().min(0).max(1),
  marginRateBySegment: z.record(z.string(), z.number().min(0).max(1)),
  /** how long a won-back customer is expected to stay: the horizon of the value if won back */
  expectedLifetimeYears: z.number().min(0).max(50),
  /** a purchase within this many days of an attempt's start proves the win-back */
  attributionDays: z.number().int().min(1).max(730),
  /** the CRC/CLV gate */
  maxCostRatio: z.number().min(0).max(10),
  /** outcomes needed before a learned model replaces the default */
  minOutcomes: z.number().int().min(10).max(100_000),
})
export type WinbackSettings = z.infer<typeof winbackSettingsSchema>
