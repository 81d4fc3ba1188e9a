import type { Generated, Insertable, Selectable } from 'kysely'
import type { ConsentSource, ContactChannel, ObjectionScope, ObjectionVia } from '../../../shared/contact'
import type { PersonalData } from '../../db/personal-data'

export interface ContactConsentTable {
  id: Generated<number>
  customer_id: number
  channel: ContactChannel
  status: 'granted' | 'withdrawn'
  granted_at: string | null
  source: ConsentSource
  text_version: string | null
  /** SHA-256 of the consent text the person saw */
  text_hash: string | null
  scope: string | null
  doi_token: string | null
  doi_confirmed_at: string | null
  ip: string | null
  call_reference: string | null
  /** who collected it (a name, a form, a shop) */
  collected_by: string | null
  withdrawn_at: string | null
  last_used_at: string | null
  created_at: string
  created_by: number | null
}

export interface ContactObjectionTable {
  id: Generated<number>
  customer_id: number
  scope: ObjectionScope
  /** 0/1: an objection under GDPR Art. 21 (stops all direct marketing) */
  gdpr: number
  received_at: string
  via: ObjectionVia
  wording: string | null
  created_at: string
  created_by: number | null
}

/** Per customer: what the engine needs beyond consents and objections. */
export interface ContactFactsTable {
  customer_id: number
  /** ISO country code of the law that applies; null: the customer's country, else the company's */
  jurisdiction: string | null
  /** the sale the e-mail address came from (§ 7 Abs. 3 UWG), e.g. an order number */
  email_origin: string | null
  optout_notice_version: string | null
  presumed_consent_text: string | null
  presumed_consent_reviewer: string | null
  presumed_consent_on: string | null
  robinson_checked_on: string | null
  /** 0/1, null when not checked */
  robinson_listed: number | null
  updated_at: string
  updated_by: number | null
}

/** What survives an erasure or objection: hashed e-mail and phone, a normalised name and postal address. */
export interface SuppressionTable {
  id: Generated<number>
  kind: 'email' | 'phone' | 'postal'
  /** SHA-256 of the normalised e-mail or phone; the normalised "name|street|postal code" for letters */
  match_key: string
  scope: ObjectionScope
  reason: 'erasure' | 'objection'
  created_at: string
  created_by: number | null
}

/** The engine's current answer per customer and channel, kept so lists can filter by it. */
export interface ContactEligibilityTable {
  customer_id: number
  channel: ContactChannel
  allowed: number
  basis: string | null
  /** JSON array of blocker codes */
  blockers: string
  as_of: string
  /** the last day the answer stays true unless something new is recorded (eligibility-stability.ts) */
  stable_through: string | null
}

/** Every decision the system acted on (a contact made, logged or exported), with its reasons. */
export interface ContactDecisionTable {
  id: Generated<number>
  customer_id: number | null
  channel: ContactChannel
  purpose: string
  /** what asked: "call_list_export", "contact_logged", … */
  context: string
  allowed: number
  basis: string | null
  /** JSON of the whole ContactDecision */
  decision: string
  decided_at: string
  user_id: number | null
}

export interface DataRequestTable {
  id: Generated<number>
  kind: 'access' | 'erasure'
  customer_id: number | null
  customer_number: string
  /** JSON: for erasures what was removed, what was kept and why */
  details: string
  created_at: string
  user_id: number | null
}

export type ContactConsentRow = Selectable<ContactConsentTable>
export type ContactObjectionRow = Selectable<ContactObjectionTable>
export type ContactFactsRow = Selectable<ContactFactsTable>
export type NewContactConsent = Insertable<ContactConsentTable>
export type NewContactObjection = Insertable<ContactObjectionTable>
export type NewContactFacts = Insertable<ContactFactsTable>
export type NewContactEligibility = Insertable<ContactEligibilityTable>

/**
 * Consents, objections and contact facts go with the person (the suppression list, which holds no
 * customer_id, keeps them from being advertised to again); decisions stay as proof, unlinked; the
 * record of data-protection requests stays as it is.
 */
export const contactPersonalData: readonly PersonalData[] = [
  { table: 'contact_consents', section: 'consents', orderBy: ['id'], erase: { action: 'delete' } },
  { table: 'contact_objections', section: 'objections', orderBy: ['id'], erase: { action: 'delete' } },
  { table: 'contact_facts', section: 'contactFacts', single: true, erase: { action: 'delete' } },
  {
    table: 'contact_eligibility',
    section: 'contactEligibility',
    orderBy: ['channel'],
    json: ['blockers'],
    erase: { action: 'delete' },
  },
  {
    table: 'contact_decisions',
    section: 'contactDecisions',
    orderBy: ['id'],
    json: ['decision'],
    erase: { action: 'unlink', why: 'Art. 5 Abs. 2, Art. 7 Abs. 1 DSGVO; § 7a UWG' },
  },
  {
    table: 'data_requests',
    section: 'dataRequests',
    orderBy: ['id'],
    json: ['details'],
    erase: { action: 'keep', why: 'Art. 5 Abs. 2, Art. 17 Abs. 3 lit. b DSGVO' },
  },
]
