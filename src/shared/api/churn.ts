import { z } from 'zod'
import { reasonConfidences, reasonKinds, reasonSources } from '../churn'

export const churnReasonSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.object({ de: z.string(), en: z.string() }),
  kind: z.enum(reasonKinds),
  position: z.number().int(),
  retiredAt: z.string().nullable(),
})
export type ChurnReasonDto = z.infer<typeof churnReasonSchema>

export const churnReasonInputSchema = z.object({
  nameDe: z.string().trim().min(1).max(120),
  nameEn: z.string().trim().min(1).max(120),
  kind: z.enum(reasonKinds),
})
export type ChurnReasonInput = z.infer<typeof churnReasonInputSchema>

export const churnReasonUpdateSchema = churnReasonInputSchema.partial().extend({
  retired: z.boolean().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
})
export type ChurnReasonUpdate = z.infer<typeof churnReasonUpdateSchema>

export const customerReasonInputSchema = z.object({
  reasonId: z.number().int().positive(),
  source: z.enum(reasonSources),
  confidence: z.enum(reasonConfidences),
  /** ISO or DD.MM.YYYY; today when left out */
  recordedOn: z.string().trim().max(20).optional(),
  note: z.string().trim().max(2_000).optional(),
  /** euros as typed, "1.234,50" or "1234.50" */
  remediationCost: z.string().trim().max(30).optional(),
})
export type CustomerReasonInput = z.infer<typeof customerReasonInputSchema>

export const customerReasonSchema = z.object({
  id: z.number().int(),
  reason: churnReasonSchema,
  source: z.enum(reasonSources),
  confidence: z.enum(reasonConfidences),
  recordedOn: z.string(),
  note: z.string().nullable(),
  remediationCostCents: z.number().int().nullable(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
})
export type CustomerReasonDto = z.infer<typeof customerReasonSchema>

export const causeOverviewRowSchema = z.object({
  reason: churnReasonSchema,
  /** customers with this reason who are lost now */
  lostCustomers: z.number().int(),
  /** their revenue in the 12 months before their last purchase */
  lostAnnualRevenueCents: z.number().int(),
  remediationCostCents: z.number().int(),
  /** customers with this reason who bought again (status reactivated or active) */
  cameBack: z.number().int(),
  /** customers with this reason whose win-back a purchase proved */
  wonBack: z.number().int(),
  /** what their win-back attempts earned: margin in the windows minus offers and staff time */
  winbackProfitCents: z.number().int(),
  /** this reason's share of all lost annual revenue, and the running total in Pareto order */
  share: z.number(),
  cumulativeShare: z.number(),
})

export const causeOverviewSchema = z.object({
  rows: z.array(causeOverviewRowSchema),
  totalLostAnnualRevenueCents: z.number().int(),
  /** share of the lost revenue with a controllable reason */
  controllableShare: z.number(),
  customersWithReason: z.number().int(),
})
export type CauseOverview = z.infer<typeof causeOverviewSchema>
