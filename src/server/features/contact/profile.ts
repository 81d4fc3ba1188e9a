import { z } from 'zod'
import { contactBases, contactChannels, contactEvidence } from '../../../shared/contact'

/**
 * A jurisdiction's contact rules as data a lawyer can review: for each channel and customer type the
 * legal bases that allow contact, each a list of conditions. The conditions are a closed set that the
 * engine (`decide-contact.ts`) knows how to check; which of them a law demands is the profile's business.
 */
const norm = z.object({ citation: z.string().min(1), version: z.string().min(1) })

const condition = z.discriminatedUnion('kind', [
  /** a consent record for the channel of at least this grade, not withdrawn and not stale */
  z.object({ kind: z.literal('consent'), grade: z.enum(['express', 'double_opt_in', 'documented']) }),
  /** for businesses: documented concrete grounds for presuming consent (text, reviewer, date) */
  z.object({ kind: z.literal('presumed_consent') }),
  /** no objection (any form) to this channel or to all channels */
  z.object({ kind: z.literal('no_objection') }),
  /** the e-mail address was obtained in connection with a sale */
  z.object({ kind: z.literal('email_from_sale') }),
  /** the contact advertises the company's own similar goods or services */
  z.object({ kind: z.literal('own_similar_goods') }),
  /** the opt-out notice was shown when the address was collected */
  z.object({ kind: z.literal('optout_notice_at_collection') }),
  /** not on the Robinson list (or ECG list); with requireCheck a clear check result must exist */
  z.object({ kind: z.literal('not_on_robinson_list'), requireCheck: z.boolean() }),
])
export type ContactCondition = z.infer<typeof condition>

/** Conditions that apply to every channel before any basis is looked at. */
const globalCondition = z.enum(['not_suppressed', 'not_erased', 'no_gdpr_objection', 'has_address'])
export type GlobalCondition = z.infer<typeof globalCondition>

const evidence = z.object({ code: z.enum(contactEvidence), years: z.number().int().positive().optional() })

const basis = z.object({
  basis: z.enum(contactBases),
  norm,
  conditions: z.array(condition),
  evidence: z.array(evidence),
})

const rule = z.object({
  channel: z.enum(contactChannels),
  customerTypes: z.array(z.enum(['consumer', 'business'])).min(1),
  bases: z.array(basis),
})

export const contactProfileSchema = z.object({
  id: z.string().regex(/^[A-Z]{2}$/),
  name: z.object({ de: z.string(), en: z.string() }),
  /** version of this profile (the date its rules were last reviewed) */
  version: z.string().min(1),
  /** a consent not used for this long needs renewal before it can be relied on */
  consentRenewalMonths: z.number().int().positive(),
  global: z.array(z.object({ condition: globalCondition, norm: norm.optional() })),
  rules: z.array(rule),
})

export type ContactProfile = z.infer<typeof contactProfileSchema>
export type ContactRule = z.infer<typeof rule>
export type ContactBasisRule = z.infer<typeof basis>
export type ContactNorm = z.infer<typeof norm>

/** Parses a profile and checks that no channel and customer type is covered twice. */
export function parseContactProfile(data: unknown): ContactProfile {
  const profile = contactProfileSchema.parse(data)
  const seen = new Set<string>()
  for (const r of profile.rules) {
    for (const type of r.customerTypes) {
      const key = `${r.channel}/${type}`
      if (seen.has(key)) throw new Error(`contact profile ${profile.id}: ${key} is covered twice`)
      seen.add(key)
    }
  }
  return profile
}
