import { z } from 'zod'
import { customerTypes } from '../customers'
import { winbackStatuses } from '../winback'
import { hookKinds, measureKinds, plannedChannels, routingAssignees, valueTiers } from '../worklist'

const euros = z.string().trim().max(30)

export const measureSchema = z.object({
  id: z.number().int(),
  reasonId: z.number().int().nullable(),
  kind: z.enum(measureKinds),
  name: z.object({ de: z.string(), en: z.string() }),
  costCents: z.number().int(),
  talkingPoints: z.object({ de: z.string(), en: z.string() }),
  defaultOffer: z.string().nullable(),
  maxOfferCents: z.number().int().nullable(),
  position: z.number().int(),
  retiredAt: z.string().nullable(),
  /** what the measure achieved on customers with its reason (any reason for a general one): settled attempts */
  observed: z
    .object({
      attempts: z.number().int(),
      won: z.number().int(),
      rate: z.number(),
      low: z.number(),
      high: z.number(),
    })
    .nullable()
    .optional(),
})
export type MeasureDto = z.infer<typeof measureSchema>

export const measureInputSchema = z.object({
  reasonId: z.number().int().positive().nullable(),
  kind: z.enum(measureKinds),
  nameDe: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  /** euros as typed */
  cost: euros,
  talkingPointsDe: z.string().trim().max(5_000).default(''),
  talkingPointsEn: z.string().trim().max(5_000).default(''),
  defaultOffer: z.string().trim().max(500).nullable().optional(),
  maxOffer: euros.nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  retired: z.boolean().optional(),
})
export type MeasureInput = z.infer<typeof measureInputSchema>

export const hookSchema = z.object({
  id: z.number().int(),
  kind: z.enum(hookKinds),
  title: z.string(),
  description: z.string(),
  reasonIds: z.array(z.number().int()),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  /** valid today */
  current: z.boolean(),
})
export type HookDto = z.infer<typeof hookSchema>

export const hookInputSchema = z.object({
  kind: z.enum(hookKinds),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5_000).default(''),
  reasonIds: z.array(z.number().int().positive()).max(100).default([]),
  /** ISO or DD.MM.YYYY */
  validFrom: z.string().trim().min(1).max(20),
  validUntil: z.string().trim().max(20).nullable().optional(),
})
export type HookInput = z.infer<typeof hookInputSchema>

export const routingConditionsSchema = z.object({
  tiers: z.array(z.enum(valueTiers)).max(3).optional(),
  segments: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  reasonCodes: z.array(z.string().trim().min(1).max(60)).max(100).optional(),
  customerTypes: z.array(z.enum(customerTypes)).max(5).optional(),
  postalPrefixes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[0-9A-Za-z]{1,10}$/),
    )
    .max(100)
    .optional(),
  countries: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2}$/),
    )
    .max(50)
    .optional(),
  statuses: z.array(z.enum(winbackStatuses)).max(3).optional(),
})
export type RoutingConditionsDto = z.infer<typeof routingConditionsSchema>

export const routingRuleSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  name: z.object({ de: z.string(), en: z.string() }),
  conditions: routingConditionsSchema,
  assignee: z.enum(routingAssignees),
  assigneeUserId: z.number().int().nullable(),
  assigneeName: z.string().nullable(),
  channels: z.array(z.enum(plannedChannels)),
  active: z.boolean(),
})
export type RoutingRuleDto = z.infer<typeof routingRuleSchema>

export const routingRuleInputSchema = z.object({
  nameDe: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  conditions: routingConditionsSchema,
  assignee: z.enum(routingAssignees),
  assigneeUserId: z.number().int().positive().nullable().optional(),
  channels: z.array(z.enum(plannedChannels)).min(1).max(5),
  active: z.boolean().default(true),
  position: z.number().int().min(0).max(100_000).optional(),
})
export type RoutingRuleInput = z.infer<typeof routingRuleInputSchema>

/** How many new customers a day each user gets, value tiers, and how long a called customer rests. */
export const worklistSettingsSchema = z.object({
  newPerDay: z.number().int().min(0).max(50),
  /** per user id, overriding newPerDay */
  newPerDayByUser: z.record(z.string().regex(/^\d+$/), z.number().int().min(0).max(50)),
  premiumCents: z.number().int().min(0),
  midCents: z.number().int().min(0),
  /** a customer called within this many days is not picked as new again */
  restDays: z.number().int().min(0).max(365),
  /** days after a proved win-back the owner checks in (0: no check-in) */
  checkInDays: z.number().int().min(0).max(365),
})
export type WorklistSettings = z.infer<typeof worklistSettingsSchema>
