import { z } from 'zod'
import { cancellationOutcomes } from '../churn'
import { churnReasonSchema } from './churn'

export const cancellationInputSchema = z.object({
  contractId: z.number().int().positive(),
  /** ISO or DD.MM.YYYY */
  receivedOn: z.string().trim().min(1).max(20),
  /** the day the contract would end; may lie in the future */
  effectiveOn: z.string().trim().max(20).optional(),
  reasonId: z.number().int().positive().optional(),
  note: z.string().trim().max(2_000).optional(),
})
export type CancellationInput = z.infer<typeof cancellationInputSchema>

export const retentionInputSchema = z.object({
  offer: z.string().trim().min(1).max(500),
  /** euros as typed, "1.234,50" or "1234.50" */
  offerValue: z.string().trim().max(30).optional(),
  attemptedOn: z.string().trim().max(20).optional(),
})
export type RetentionInput = z.infer<typeof retentionInputSchema>

export const cancellationOutcomeInputSchema = z.object({
  outcome: z.enum(['withdrawn', 'effective']),
  decidedOn: z.string().trim().max(20).optional(),
})
export type CancellationOutcomeInput = z.infer<typeof cancellationOutcomeInputSchema>

export const cancellationSchema = z.object({
  id: z.number().int(),
  contractId: z.number().int(),
  contractNumber: z.string().nullable(),
  product: z.string().nullable(),
  receivedOn: z.string(),
  effectiveOn: z.string().nullable(),
  reason: churnReasonSchema.nullable(),
  note: z.string().nullable(),
  retentionOffer: z.string().nullable(),
  retentionOfferCents: z.number().int().nullable(),
  retentionOn: z.string().nullable(),
  outcome: z.enum(cancellationOutcomes),
  outcomeOn: z.string().nullable(),
  recordedBy: z.string().nullable(),
})
export type CancellationDto = z.infer<typeof cancellationSchema>

export const retentionSummarySchema = z.object({
  received: z.number().int(),
  pending: z.number().int(),
  withRetentionOffer: z.number().int(),
  withdrawn: z.number().int(),
  effective: z.number().int(),
  /** withdrawn ÷ decided (withdrawn + effective); null before the first decision */
  retentionRate: z.number().nullable(),
  /** monthly value kept by withdrawn cancellations */
  keptMonthlyValueCents: z.number().int(),
  byOffer: z.array(
    z.object({
      offer: z.string(),
      attempts: z.number().int(),
      withdrawn: z.number().int(),
      effective: z.number().int(),
      retentionRate: z.number().nullable(),
    }),
  ),
  byReason: z.array(
    z.object({
      reason: churnReasonSchema.nullable(),
      received: z.number().int(),
      withdrawn: z.number().int(),
      effective: z.number().int(),
    }),
  ),
})
export type RetentionSummary = z.infer<typeof retentionSummarySchema>
