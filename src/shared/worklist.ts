/** What a playbook measure is: how the customer is approached. */
export const measureKinds = ['call', 'visit', 'letter', 'email', 'offer'] as const
export type MeasureKind = (typeof measureKinds)[number]

/** Company news a rep can open a conversation with (Anknüpfungspunkte, seeds 000 and 002). */
export const hookKinds = [
  'new_product',
  'improved_product',
  'new_prices',
  'payment_terms',
  'repair_service',
  'test_buyers',
  'other',
] as const
export type HookKind = (typeof hookKinds)[number]

/** The channels routing and the Tagesliste plan with: the contact channels and a visit. */
export const plannedChannels = ['phone', 'email', 'letter', 'sms', 'visit'] as const
export type PlannedChannel = (typeof plannedChannels)[number]

/** Who a routing rule hands a customer to. */
export const routingAssignees = ['owner', 'user', 'management'] as const
export type RoutingAssignee = (typeof routingAssignees)[number]

/** Value tiers of the value if won back (thresholds in the routing settings). */
export const valueTiers = ['premium', 'mid', 'low'] as const
export type ValueTier = (typeof valueTiers)[number]

/** Whether the call reached anybody; separate from what came of it. */
export const callReached = ['reached', 'not_reached', 'busy', 'voicemail', 'wrong_number'] as const
export type CallReached = (typeof callReached)[number]

/** What came of a call that reached the customer. */
export const callOutcomes = [
  'won_back',
  'offer_made',
  'interested',
  'call_back',
  'no_interest',
  'objects_to_advertising',
] as const
export type CallOutcome = (typeof callOutcomes)[number]

/** Outcomes after which nothing more is planned: everything else needs a next Wiedervorlage. */
export const finalCallOutcomes: readonly CallOutcome[] = ['won_back', 'no_interest', 'objects_to_advertising']

export const followupPriorities = ['normal', 'high', 'urgent'] as const
export type FollowupPriority = (typeof followupPriorities)[number]

/** Where a Wiedervorlage came from. */
/** `check_in`: a won-back customer is called after some weeks, so they stay (seed 003, second loyalty). */
export const followupSources = ['call', 'retry', 'campaign', 'manual', 'check_in', 'survey'] as const
export type FollowupSource = (typeof followupSources)[number]

export const campaignStates = ['draft', 'running', 'closed'] as const
export type CampaignState = (typeof campaignStates)[number]

export const campaignArms = ['treatment', 'control'] as const
export type CampaignArm = (typeof campaignArms)[number]

/** Why a customer is on today's list. */
export const pickReasons = ['followup_due', 'followup_overdue', 'campaign', 'winback_list'] as const
export type PickReason = (typeof pickReasons)[number]

/**
 * Seed 002's situations and the strategy for each, shown as guidance in the call view; the texts
 * are in the i18n catalogue under `worklist.guidance.<code>`.
 */
export const guidanceSituations = [
  'status_unclear',
  'unexpected_reaction',
  'hesitant',
  'disinterest',
  'criticism',
  'price_objection',
  'new_contact_person',
] as const
export type GuidanceSituation = (typeof guidanceSituations)[number]

/** Churn reasons about the relationship: someone other than the previous owner makes the call. */
export const relationshipReasonCodes: readonly string[] = ['salesperson_disliked', 'contact_person_changed']
