import { z } from 'zod'
import {
  consentSources,
  contactBases,
  contactBlockers,
  contactChannels,
  contactEvidence,
  contactPurposes,
  objectionScopes,
  objectionVias,
} from '../contact'

/** Dates as people type them: 2026-03-01 or 01.03.2026 (checked on the server). */
const dateText = z.string().trim().min(1).max(20)
const optionalText = (max: number) => z.string().trim().max(max).optional()

export const consentInputSchema = z.object({
  channel: z.enum(contactChannels),
  grantedAt: dateText,
  source: z.enum(consentSources),
  textVersion: optionalText(100),
  /** the consent text the person saw; only its SHA-256 is stored */
  text: optionalText(10_000),
  scope: optionalText(500),
  doiToken: optionalText(200),
  doiConfirmedAt: dateText.optional(),
  ip: optionalText(60),
  callReference: optionalText(200),
  collectedBy: optionalText(200),
})
export type ConsentInput = z.infer<typeof consentInputSchema>

export const objectionInputSchema = z.object({
  scope: z.enum(objectionScopes),
  gdpr: z.boolean(),
  receivedAt: dateText,
  via: z.enum(objectionVias),
  wording: optionalText(5_000),
})
export type ObjectionInput = z.infer<typeof objectionInputSchema>

export const contactFactsInputSchema = z.object({
  jurisdiction: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/)
    .nullable()
    .optional(),
  emailOrigin: z.string().trim().max(200).nullable().optional(),
  optOutNoticeVersion: z.string().trim().max(100).nullable().optional(),
  presumedConsentText: z.string().trim().max(5_000).nullable().optional(),
  presumedConsentReviewer: z.string().trim().max(200).nullable().optional(),
  presumedConsentOn: dateText.nullable().optional(),
  robinsonCheckedOn: dateText.nullable().optional(),
  robinsonListed: z.boolean().nullable().optional(),
})
export type ContactFactsInput = z.infer<typeof contactFactsInputSchema>

const normSchema = z.object({ citation: z.string(), version: z.string() })

export const contactDecisionSchema = z.object({
  allowed: z.boolean(),
  channel: z.enum(contactChannels),
  purpose: z.enum(contactPurposes),
  customerType: z.enum(['consumer', 'business']),
  profile: z.object({ id: z.string(), version: z.string() }),
  basis: z
    .object({ basis: z.enum(contactBases), norm: normSchema, consentId: z.number().optional() })
    .nullable(),
  blockers: z.array(
    z.object({
      code: z.enum(contactBlockers),
      basis: z.enum(contactBases).optional(),
      norm: normSchema.optional(),
    }),
  ),
  alternatives: z.array(
    z.object({ basis: z.enum(contactBases), norm: normSchema, missing: z.array(z.enum(contactBlockers)) }),
  ),
  evidence: z.array(z.object({ code: z.enum(contactEvidence), years: z.number().optional() })),
  asOf: z.string(),
})
export type ContactDecisionDto = z.infer<typeof contactDecisionSchema>

export const consentSchema = z.object({
  id: z.number().int(),
  channel: z.enum(contactChannels),
  status: z.enum(['granted', 'withdrawn']),
  grantedAt: z.string().nullable(),
  source: z.enum(consentSources),
  textVersion: z.string().nullable(),
  textHash: z.string().nullable(),
  scope: z.string().nullable(),
  doiConfirmedAt: z.string().nullable(),
  callReference: z.string().nullable(),
  collectedBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
})

export const objectionSchema = z.object({
  id: z.number().int(),
  scope: z.enum(objectionScopes),
  gdpr: z.boolean(),
  receivedAt: z.string(),
  via: z.enum(objectionVias),
  wording: z.string().nullable(),
  createdAt: z.string(),
})

export const contactOverviewSchema = z.object({
  customerId: z.number().int(),
  erasedAt: z.string().nullable(),
  jurisdiction: z.string(),
  profileName: z.object({ de: z.string(), en: z.string() }),
  decisions: z.array(contactDecisionSchema),
  consents: z.array(consentSchema),
  objections: z.array(objectionSchema),
  facts: z.object({
    jurisdiction: z.string().nullable(),
    emailOrigin: z.string().nullable(),
    optOutNoticeVersion: z.string().nullable(),
    presumedConsentText: z.string().nullable(),
    presumedConsentReviewer: z.string().nullable(),
    presumedConsentOn: z.string().nullable(),
    robinsonCheckedOn: z.string().nullable(),
    robinsonListed: z.boolean().nullable(),
  }),
})
export type ContactOverview = z.infer<typeof contactOverviewSchema>

export const erasureResultSchema = z.object({
  customerNumber: z.string(),
  removed: z.record(z.string(), z.number()),
  kept: z.array(z.object({ what: z.string(), count: z.number(), until: z.string(), norm: z.string() })),
  suppressionEntries: z.number().int(),
})
export type ErasureResult = z.infer<typeof erasureResultSchema>

export const auditLogSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string().nullable(),
      userId: z.number().int().nullable(),
      userName: z.string().nullable(),
      customerNumber: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  total: z.number().int(),
})

export const contactDecisionLogSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      decidedAt: z.string(),
      userName: z.string().nullable(),
      customerId: z.number().int().nullable(),
      customerNumber: z.string().nullable(),
      channel: z.string(),
      context: z.string(),
      decision: contactDecisionSchema,
    }),
  ),
  total: z.number().int(),
})

export const contactImportResultSchema = z.object({
  consents: z.number().int(),
  objections: z.number().int(),
  unchanged: z.number().int(),
})
export type ContactImportResultDto = z.infer<typeof contactImportResultSchema>

export const contactSettingsInputSchema = z.object({
  /** the company's own jurisdiction: the profile for customers without a known one */
  jurisdiction: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/),
  /** months after which an unused consent needs renewal; null: the profile's default */
  consentRenewalMonths: z.number().int().min(1).max(120).nullable(),
})
export type ContactSettingsInput = z.infer<typeof contactSettingsInputSchema>

export const contactSettingsSchema = contactSettingsInputSchema.extend({
  profiles: z.array(
    z.object({
      id: z.string(),
      name: z.object({ de: z.string(), en: z.string() }),
      version: z.string(),
      consentRenewalMonths: z.number().int(),
    }),
  ),
})
export type ContactSettingsDto = z.infer<typeof contactSettingsSchema>
