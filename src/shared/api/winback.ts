import { z } from 'zod'

export const winbackQuerySchema = z.object({
  sort: z.enum(['net_value', 'ease']).default('net_value'),
  segment: z.string().max(200).optional(),
  owner: z.union([z.literal('none'), z.coerce.number().int().positive()]).optional(),
  reasonId: z.coerce.number().int().positive().optional(),
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
  valueCents: z.number().int(),
  valueMethod: z.enum(['clv', 'historical_margin']),
  probability: z.number(),
  probabilityFactors: z.array(factorSchema),
  costCents: z.number().int(),
  effortMinutes: z.number(),
  expectedNetCents: z.number().int(),
  costRatio: z.number().nullable(),
  verdict: z.enum(['worth_it', 'too_costly', 'no_value']),
  exclusion: z.string().nullable(),
  ease: z.number().int().nullable(),
  /** after the "stop here" point of the effort curve: the next hour no longer pays */
  pastStop: z.boolean(),
})
export type WinbackItem = z.infer<typeof winbackItemSchema>

const pointSchema = z.object({
  contacts: z.number().int(),
  hours: z.number(),
  cumulativeNetCents: z.number().int(),
})

export const winbackListSchema = z.object({
  /** the prioritised list: not excluded, past the CRC/CLV gate */
  items: z.array(winbackItemSchema),
  /** lost customers not on the list, with the reason */
  sortedOut: z.array(winbackItemSchema),
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
