/** Channels the system can contact a customer through. */
export const contactChannels = ['email', 'phone', 'letter', 'sms'] as const
export type ContactChannel = (typeof contactChannels)[number]

/** Where a consent was collected. `shop_flag` is a shop's "accepts marketing" tick: kept, but never §7-grade proof. */
export const consentSources = ['form', 'import', 'call', 'paper', 'shop_flag'] as const
export type ConsentSource = (typeof consentSources)[number]

export const objectionVias = ['email', 'phone', 'letter', 'in_person', 'form', 'other'] as const
export type ObjectionVia = (typeof objectionVias)[number]

/** An objection covers one channel or all of them. */
export const objectionScopes = [...contactChannels, 'all'] as const
export type ObjectionScope = (typeof objectionScopes)[number]

/** What a contact is for. All of them are advertising in law (a satisfaction survey too: BGH VI ZR 225/17). */
export const contactPurposes = ['winback_offer', 'reactivation', 'satisfaction_survey', 'newsletter'] as const
export type ContactPurpose = (typeof contactPurposes)[number]

/** The closed set of reasons a contact can be blocked; each has a text `contact.blockers.<code>`. */
export const contactBlockers = [
  'suppressed',
  'erased',
  'gdpr_objection',
  'objected',
  'no_address',
  'no_consent',
  'consent_withdrawn',
  'consent_only_shop_flag',
  'consent_not_double_opt_in',
  'consent_undocumented',
  'consent_needs_renewal',
  'no_presumed_consent_basis',
  'email_not_from_sale',
  'not_own_similar_goods',
  'no_optout_notice_at_collection',
  'robinson_listed',
  'robinson_not_checked',
  'channel_not_permitted',
] as const
export type ContactBlocker = (typeof contactBlockers)[number]

/** The legal bases a profile can name; each has a text `contact.bases.<code>`. */
export const contactBases = [
  'express_consent',
  'existing_customer',
  'presumed_consent',
  'no_objection',
] as const
export type ContactBasis = (typeof contactBases)[number]

/** What must be done or kept when a contact happens; each has a text `contact.evidence.<code>`. */
export const contactEvidence = [
  'record_use',
  'keep_consent_proof',
  'optout_notice_in_message',
  'identify_sender',
  'keep_presumed_consent_basis',
  'honour_objection_immediately',
] as const
export type ContactEvidence = (typeof contactEvidence)[number]
