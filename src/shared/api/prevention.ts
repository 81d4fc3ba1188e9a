import { z } from 'zod'
import { lifecycleStatuses } from '../lifecycle'
import { warningCodes, warningSignKinds } from '../prevention'

export const warningSignalSchema = z.object({
  code: z.enum(warningCodes),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
})

export const earlyWarningSchema = z.object({
  customerId: z.number().int(),
  customerNumber: z.string(),
  name: z.string(),
  owner: z.string().nullable(),
  status: z.enum(lifecycleStatuses),
  signals: z.array(warningSignalSchema),
  /** 0–1 */
  risk: z.number(),
  /** net revenue of the last 12 months */
  valueCents: z.number().int(),
  firstSeenOn: z.string(),
  /** came onto the list in the last seven days */
  isNew: z.boolean(),
  /** the playbook's retention step for the signals (and any reasons recorded) */
  suggestion: z
    .object({
      measureId: z.number().int(),
      kind: z.string(),
      name: z.object({ de: z.string(), en: z.string() }),
      talkingPoints: z.object({ de: z.string(), en: z.string() }),
    })
    .nullable(),
})
export type EarlyWarningDto = z.infer<typeof earlyWarningSchema>

export const earlyWarningQuerySchema = z.object({
  /** only those new on the list this week (the weekly digest) */
  onlyNew: z.enum(['true', 'false']).optional(),
})

export const earlyWarningListSchema = z.object({
  /** the day the list was last worked out; null before the first time */
  refreshedOn: z.string().nullable(),
  /** the first day of "this week": customers on the list since then are new */
  newSince: z.string(),
  total: z.number().int(),
  newThisWeek: z.number().int(),
  /** the summed annual value of the customers on the list: what is at stake */
  valueAtStakeCents: z.number().int(),
  items: z.array(earlyWarningSchema),
})
export type EarlyWarningListDto = z.infer<typeof earlyWarningListSchema>

export const earlyWarningSettingsSchema = z.object({
  pAliveDrop: z.number().min(0.01).max(1),
  signDays: z.number().int().min(1).max(730),
})
export type EarlyWarningSettingsDto = z.infer<typeof earlyWarningSettingsSchema>

export const warningSignInputSchema = z.object({
  kind: z.enum(warningSignKinds),
  /** YYYY-MM-DD or DD.MM.YYYY; not in the future */
  notedOn: z.string().trim().min(1).max(10).optional(),
  note: z.string().trim().max(1000).optional(),
})
export type WarningSignInput = z.infer<typeof warningSignInputSchema>

export const warningSignSchema = z.object({
  id: z.number().int(),
  kind: z.enum(warningSignKinds),
  notedOn: z.string(),
  note: z.string().nullable(),
  by: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
})
export type WarningSignDto = z.infer<typeof warningSignSchema>
