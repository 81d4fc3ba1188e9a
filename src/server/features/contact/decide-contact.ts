import type {
  ConsentSource,
  ContactBasis,
  ContactBlocker,
  ContactChannel,
  ContactEvidence,
  ContactPurpose,
  ObjectionScope,
} from '../../../shared/contact'
import type { CustomerType } from '../../../shared/customers'
import { addMonths, type IsoDate } from '../../lib/dates'
import type { ContactCondition, ContactNorm, ContactProfile, GlobalCondition } from './profile'

/** One consent record as the engine sees it (dates are ISO days). */
export interface ConsentFact {
  id?: number
  channel: ContactChannel
  status: 'granted' | 'withdrawn'
  grantedAt: IsoDate | null
  source: ConsentSource
  textVersion: string | null
  textHash: string | null
  doiConfirmedAt: IsoDate | null
  callReference: string | null
  collectedBy: string | null
  withdrawnAt: IsoDate | null
  lastUsedAt: IsoDate | null
}

export interface ObjectionFact {
  scope: ObjectionScope
  /** an objection under GDPR Art. 21 stops all direct marketing, whatever its scope */
  gdpr: boolean
  receivedAt: IsoDate
}

/** Everything about one customer that decides whether they may be contacted. */
export interface ContactFacts {
  customerType: CustomerType
  addresses: { email: boolean; phone: boolean; postal: boolean }
  consents: ConsentFact[]
  objections: ObjectionFact[]
  /** businesses: the documented concrete grounds for presuming consent to calls */
  presumedConsent: { text: string; reviewer: string; reviewedOn: IsoDate } | null
  /** the e-mail address was obtained in connection with a sale (§ 7 Abs. 3 Nr. 1 UWG) */
  emailFromSale: boolean
  /** the version of the opt-out notice shown when the address was collected */
  optOutNoticeVersion: string | null
  robinson: { checkedOn: IsoDate; listed: boolean } | null
  /** entries of the suppression list that match this person */
  suppressed: { scope: ObjectionScope }[]
  erased: boolean
}

export interface ContactRequest {
  facts: ContactFacts
  channel: ContactChannel
  purpose: { kind: ContactPurpose; ownSimilarGoods: boolean }
  profile: ContactProfile
  asOf: IsoDate
  /** overrides the profile's consent renewal period (a company setting) */
  consentRenewalMonths?: number
}

export interface Blocker {
  code: ContactBlocker
  /** the basis whose condition is unmet; absent for conditions that apply to every basis */
  basis?: ContactBasis
  norm?: ContactNorm
}

export interface ContactDecision {
  allowed: boolean
  channel: ContactChannel
  purpose: ContactPurpose
  /** unknown customers are treated as consumers */
  customerType: 'consumer' | 'business'
  profile: { id: string; version: string }
  /** the basis that allows the contact (the first one met, in the profile's order) */
  basis: { basis: ContactBasis; norm: ContactNorm; consentId?: number } | null
  /** every reason against the contact; empty when allowed */
  blockers: Blocker[]
  /** per basis the profile knows for this case: what is missing (empty for the basis that applies) */
  alternatives: { basis: ContactBasis; norm: ContactNorm; missing: ContactBlocker[] }[]
  /** what must be done and kept when the contact happens */
  evidence: { code: ContactEvidence; years?: number }[]
  asOf: IsoDate
}

const consentSourcesWithProof: readonly ConsentSource[] = ['form', 'import', 'call', 'paper']

/** Decides one contact: allowed or not, on which legal basis, every blocker, and what must be recorded. */
export function decideContact(request: ContactRequest): ContactDecision {
  const { facts, channel, profile, asOf } = request
  const customerType = facts.customerType === 'business' ? 'business' : 'consumer'
  const renewalMonths = request.consentRenewalMonths ?? profile.consentRenewalMonths

  const blockers: Blocker[] = []
  for (const g of profile.global) {
    const code = checkGlobal(g.condition, facts, channel, asOf)
    if (code) blockers.push(g.norm ? { code, norm: g.norm } : { code })
  }

  const rule = profile.rules.find((r) => r.channel === channel && r.customerTypes.includes(customerType))
  const alternatives: ContactDecision['alternatives'] = []
  let chosen: ContactDecision['basis'] = null
  let evidence: ContactDecision['evidence'] = []
  const basisBlockers: Blocker[] = []
  for (const b of rule?.bases ?? []) {
    const missing: ContactBlocker[] = []
    let consentId: number | undefined
    for (const condition of b.conditions) {
      const result = checkCondition(condition, request, renewalMonths)
      if (result.blocker) missing.push(result.blocker)
      if (result.consentId !== undefined) consentId = result.consentId
    }
    alternatives.push({ basis: b.basis, norm: b.norm, missing })
    if (missing.length === 0 && !chosen) {
      chosen =
        consentId === undefined
          ? { basis: b.basis, norm: b.norm }
          : { basis: b.basis, norm: b.norm, consentId }
      evidence = b.evidence.map((e) => (e.years ? { code: e.code, years: e.years } : { code: e.code }))
    }
    for (const code of missing) basisBlockers.push({ code, basis: b.basis, norm: b.norm })
  }
  if (!rule || rule.bases.length === 0) blockers.push({ code: 'channel_not_permitted' })
  else if (!chosen) blockers.push(...basisBlockers)

  const allowed = blockers.length === 0 && chosen !== null
  return {
    allowed,
    channel,
    purpose: request.purpose.kind,
    customerType,
    profile: { id: profile.id, version: profile.version },
    basis: allowed ? chosen : null,
    blockers,
    alternatives,
    evidence: allowed ? evidence : [],
    asOf,
  }
}

function checkGlobal(
  condition: GlobalCondition,
  facts: ContactFacts,
  channel: ContactChannel,
  asOf: IsoDate,
): ContactBlocker | null {
  switch (condition) {
    case 'not_erased':
      return facts.erased ? 'erased' : null
    case 'not_suppressed':
      return facts.suppressed.some((s) => covers(s.scope, channel)) ? 'suppressed' : null
    case 'no_gdpr_objection':
      return facts.objections.some((o) => o.gdpr && o.receivedAt <= asOf) ? 'gdpr_objection' : null
    case 'has_address':
      return hasAddress(facts, channel) ? null : 'no_address'
  }
}

function hasAddress(facts: ContactFacts, channel: ContactChannel): boolean {
  switch (channel) {
    case 'email':
      return facts.addresses.email
    case 'phone':
    case 'sms':
      return facts.addresses.phone
    case 'letter':
      return facts.addresses.postal
  }
}

function covers(scope: ObjectionScope, channel: ContactChannel): boolean {
  return scope === 'all' || scope === channel
}

interface ConditionResult {
  blocker: ContactBlocker | null
  consentId?: number
}

function checkCondition(
  condition: ContactCondition,
  request: ContactRequest,
  renewalMonths: number,
): ConditionResult {
  const { facts, channel, asOf } = request
  switch (condition.kind) {
    case 'consent':
      return checkConsent(facts.consents, channel, condition.grade, asOf, renewalMonths)
    case 'presumed_consent': {
      const p = facts.presumedConsent
      const documented = p && p.text.trim() !== '' && p.reviewer.trim() !== '' && p.reviewedOn <= asOf
      return { blocker: documented ? null : 'no_presumed_consent_basis' }
    }
    case 'no_objection':
      return {
        blocker: facts.objections.some((o) => covers(o.scope, channel) && o.receivedAt <= asOf)
          ? 'objected'
          : null,
      }
    case 'email_from_sale':
      return { blocker: facts.emailFromSale ? null : 'email_not_from_sale' }
    case 'own_similar_goods':
      return { blocker: request.purpose.ownSimilarGoods ? null : 'not_own_similar_goods' }
    case 'optout_notice_at_collection':
      return { blocker: facts.optOutNoticeVersion ? null : 'no_optout_notice_at_collection' }
    case 'not_on_robinson_list': {
      const r = facts.robinson
      if (r?.listed) return { blocker: 'robinson_listed' }
      return { blocker: condition.requireCheck && !r ? 'robinson_not_checked' : null }
    }
  }
}

type ConsentGrade = 'express' | 'double_opt_in' | 'documented'

/** The strongest consent for the channel decides; the blocker says what is wrong with the best there is. */
function checkConsent(
  consents: ConsentFact[],
  channel: ContactChannel,
  grade: ConsentGrade,
  asOf: IsoDate,
  renewalMonths: number,
): ConditionResult {
  const forChannel = consents.filter(
    (c) => c.channel === channel && c.grantedAt !== null && c.grantedAt <= asOf,
  )
  if (forChannel.length === 0) return { blocker: 'no_consent' }
  const active = forChannel.filter((c) => c.status === 'granted' && !(c.withdrawnAt && c.withdrawnAt <= asOf))
  if (active.length === 0) return { blocker: 'consent_withdrawn' }
  const sufficient = active.filter((c) => meetsGrade(c, grade))
  if (sufficient.length === 0) {
    if (active.every((c) => c.source === 'shop_flag')) return { blocker: 'consent_only_shop_flag' }
    if (grade === 'double_opt_in') return { blocker: 'consent_not_double_opt_in' }
    return { blocker: 'consent_undocumented' }
  }
  const renewalCutoff = addMonths(asOf, -renewalMonths)
  const fresh = sufficient.find((c) => lastActivity(c) >= renewalCutoff)
  if (!fresh) return { blocker: 'consent_needs_renewal' }
  return fresh.id === undefined ? { blocker: null } : { blocker: null, consentId: fresh.id }
}

function meetsGrade(c: ConsentFact, grade: ConsentGrade): boolean {
  if (!consentSourcesWithProof.includes(c.source)) return false
  switch (grade) {
    case 'express':
      return true
    case 'double_opt_in':
      return c.doiConfirmedAt !== null
    case 'documented':
      return (
        (c.textVersion !== null || c.textHash !== null) &&
        (c.doiConfirmedAt !== null || c.callReference !== null || c.collectedBy !== null)
      )
  }
}

/** A consent is "used" when granted, confirmed or relied on for a contact ('' for none of these). */
export function lastActivity(c: ConsentFact): IsoDate {
  let latest = c.grantedAt ?? ''
  for (const d of [c.doiConfirmedAt, c.lastUsedAt]) if (d && d > latest) latest = d
  return latest
}
