import { z } from 'zod'

const interval = z.object({ low: z.number(), high: z.number() })
const arm = z.object({ members: z.number().int(), won: z.number().int(), rate: z.number(), interval })

export const upliftSchema = z.object({
  treatment: arm,
  control: arm,
  difference: z.number(),
  interval,
  pValue: z.number(),
  test: z.enum(['fisher', 'z']),
  probabilityBetter: z.number(),
  verdict: z.enum(['better', 'no_difference', 'worse', 'too_little_data', 'too_early']),
})

export const campaignResultsSchema = z.object({
  campaignId: z.number().int(),
  launchedOn: z.string().nullable(),
  windowEnds: z.string().nullable(),
  daysPassed: z.number().int(),
  windowDays: z.number().int(),
  requiredPerArm: z.number().int(),
  uplift: upliftSchema.nullable(),
  revenuePerMember: z.object({
    treatmentCents: z.number().int(),
    controlCents: z.number().int(),
    differenceCents: z.number().int(),
    lowCents: z.number().int(),
    highCents: z.number().int(),
  }),
  marginCents: z.object({ treatment: z.number().int(), control: z.number().int() }),
  earnedCents: z.number().int(),
  costCents: z.number().int(),
  profitCents: z.number().int(),
  roi: z.number().nullable(),
})
export type CampaignResultsDto = z.infer<typeof campaignResultsSchema>

const rateRow = z.object({
  key: z.string(),
  label: z.object({ de: z.string(), en: z.string() }).optional(),
  attempts: z.number().int(),
  won: z.number().int(),
  rate: z.number(),
  interval,
})

export const winbackReportQuerySchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
})

export const winbackReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  winbackRate: rateRow,
  byRep: z.array(rateRow),
  byChannel: z.array(rateRow),
  byReason: z.array(rateRow),
  bySegment: z.array(rateRow),
  byMeasure: z.array(rateRow),
  uplift: upliftSchema.nullable(),
  campaigns: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      uplift: upliftSchema.nullable(),
      profitCents: z.number().int(),
      roi: z.number().nullable(),
    }),
  ),
  marginCents: z.number().int(),
  costCents: z.number().int(),
  profitCents: z.number().int(),
  roi: z.number().nullable(),
  valueGoingForwardCents: z.number().int(),
  fluctuation: z.array(
    z.object({
      month: z.string(),
      base: z.number().int(),
      lost: z.number().int(),
      new: z.number().int(),
      reactivated: z.number().int(),
      churnRate: z.number(),
      winbacksToOffset: z.number().int(),
      averageTenureMonths: z.number().nullable(),
      annualValuePerCustomerCents: z.number().int().nullable(),
    }),
  ),
  secondLoyalty: z.object({
    reactivated: z.number().int(),
    observed6m: z.number().int(),
    rechurned6m: z.number().int(),
    observed12m: z.number().int(),
    rechurned12m: z.number().int(),
  }),
})
export type WinbackReportDto = z.infer<typeof winbackReportSchema>
