import { z } from 'zod'
import { contactChannels } from '../contact'
import { winbackStatuses } from '../winback'
import { campaignArms, campaignStates, plannedChannels } from '../worklist'

/** The win-back list's filters a target group is taken with. */
export const campaignFilterSchema = z.object({
  status: z.enum(winbackStatuses).default('lost'),
  segment: z.string().trim().max(200).optional(),
  reasonId: z.number().int().positive().optional(),
  owner: z.union([z.literal('none'), z.number().int().positive()]).optional(),
  minValueCents: z.number().int().min(0).optional(),
  /** only customers the law allows to be contacted by this channel */
  contactableBy: z.enum(contactChannels).optional(),
  /** at most this many, from the top of the list */
  limit: z.number().int().min(1).max(100_000).optional(),
})
export type CampaignFilter = z.infer<typeof campaignFilterSchema>

export const campaignStepSchema = z.object({
  /** days after the first contact */
  offsetDays: z.number().int().min(0).max(365),
  channel: z.enum(plannedChannels),
  note: z.string().trim().max(500).optional(),
})
export type CampaignStep = z.infer<typeof campaignStepSchema>

export const campaignInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  filter: campaignFilterSchema,
  measureId: z.number().int().positive().nullable().optional(),
  steps: z.array(campaignStepSchema).min(1).max(10),
  /** euros as typed */
  budget: z.string().trim().max(30).optional(),
  attributionDays: z.number().int().min(1).max(730).optional(),
  /** share of the target group kept as a random control group, never contacted */
  controlShare: z.number().min(0).max(0.5),
  /** share expected to come back on their own, for the power preview */
  baselineRate: z.number().min(0).max(0.9).default(0.05),
  /** the difference in win-back rate (treated − control) the test is to detect */
  minDifference: z.number().min(0.005).max(0.9).default(0.05),
})
export type CampaignInput = z.infer<typeof campaignInputSchema>

export const powerPreviewSchema = z.object({
  baselineRate: z.number(),
  /** the treated members' mean win-back probability, as the model sees it */
  modelRate: z.number(),
  treatedRate: z.number(),
  alpha: z.number(),
  power: z.number(),
  requiredPerArm: z.number(),
  treated: z.number().int(),
  control: z.number().int(),
  achievedPower: z.number(),
  tooSmall: z.boolean(),
})
export type PowerPreviewDto = z.infer<typeof powerPreviewSchema>

export const campaignSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  state: z.enum(campaignStates),
  filter: campaignFilterSchema,
  measure: z
    .object({
      id: z.number().int(),
      name: z.object({ de: z.string(), en: z.string() }),
      costCents: z.number().int(),
    })
    .nullable(),
  steps: z.array(campaignStepSchema),
  budgetCents: z.number().int().nullable(),
  attributionDays: z.number().int(),
  controlShare: z.number(),
  baselineRate: z.number(),
  minDifference: z.number(),
  members: z.number().int(),
  treated: z.number().int(),
  control: z.number().int(),
  contacted: z.number().int(),
  /** measure cost and contact time for the treated members */
  plannedCostCents: z.number().int(),
  overBudget: z.boolean(),
  skipped: z.object({ notContactable: z.number().int(), noAssignee: z.number().int() }),
  launchedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  createdAt: z.string(),
  power: powerPreviewSchema,
})
export type CampaignDto = z.infer<typeof campaignSchema>

export const campaignMemberSchema = z.object({
  customerId: z.number().int(),
  customerNumber: z.string(),
  displayName: z.string(),
  arm: z.enum(campaignArms),
  stratum: z.number().int(),
  rank: z.number().int(),
  assigneeName: z.string().nullable(),
  channel: z.enum(plannedChannels),
  expectedNetCents: z.number().int(),
  probability: z.number(),
  contactedOn: z.string().nullable(),
})
export type CampaignMemberDto = z.infer<typeof campaignMemberSchema>

export const campaignDetailSchema = campaignSchema.extend({
  /** per stratum (0 = highest priority): members per arm */
  strata: z.array(
    z.object({ stratum: z.number().int(), treated: z.number().int(), control: z.number().int() }),
  ),
  memberPage: z.array(campaignMemberSchema),
  memberTotal: z.number().int(),
})
export type CampaignDetail = z.infer<typeof campaignDetailSchema>

export const campaignMembersQuerySchema = z.object({
  arm: z.enum(campaignArms).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
