/** The channels a win-back attempt can use (a visit has a cost but no contact-law profile of its own). */
export const attemptChannels = ['email', 'phone', 'letter', 'sms', 'visit'] as const
export type AttemptChannel = (typeof attemptChannels)[number]

/**
 * How an attempt ended as the rep recorded it; `open` while it runs. A recorded `won_back` is a
 * promise until a purchase within the attribution window proves it.
 */
export const attemptOutcomes = ['open', 'won_back', 'declined', 'no_response'] as const
export type AttemptOutcome = (typeof attemptOutcomes)[number]

/**
 * How an attempt stands: `won_back` only with the purchase that proved it (whatever the rep
 * recorded), `promised` when the rep recorded a win-back that no purchase has proved (yet).
 */
export const attemptStates = ['open', 'won_back', 'promised', 'declined', 'no_response'] as const
export type AttemptState = (typeof attemptStates)[number]

export function attemptState(recorded: AttemptOutcome, proved: boolean): AttemptState {
  if (proved) return 'won_back'
  return recorded === 'won_back' ? 'promised' : recorded
}

/** The statuses the win-back list can show: lost by default, also the ones being lost. */
export const winbackStatuses = ['lost', 'sleeping', 'at_risk'] as const
export type WinbackStatus = (typeof winbackStatuses)[number]

/** Why a customer is not on the win-back list. The legal ones cannot be overridden by hand. */
export const exclusionReasons = [
  'objected',
  'do_not_contact',
  'insolvent_or_closed',
  'switched_for_good',
  'refused_twice',
  'manual',
  'awaiting_order',
  'won_back',
] as const
export type ExclusionReason = (typeof exclusionReasons)[number]
