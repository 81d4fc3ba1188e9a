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
