/** The channels a win-back attempt can use (a visit has a cost but no contact-law profile of its own). */
export const attemptChannels = ['email', 'phone', 'letter', 'sms', 'visit'] as const
export type AttemptChannel = (typeof attemptChannels)[number]

/** How an attempt ended; `open` while it runs. Only decided outcomes teach the learned model. */
export const attemptOutcomes = ['open', 'won_back', 'declined', 'no_response'] as const
export type AttemptOutcome = (typeof attemptOutcomes)[number]

/** The statuses the win-back list can show: lost by default, also the ones being lost. */
export const winbackStatuses = ['lost', 'sleeping', 'at_risk'] as const
export type WinbackStatus = (typeof winbackStatuses)[number]
