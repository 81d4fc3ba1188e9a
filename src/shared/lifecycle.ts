export const lifecycleStatuses = ['new', 'active', 'at_risk', 'sleeping', 'lost', 'reactivated'] as const
export type LifecycleStatus = (typeof lifecycleStatuses)[number]

export const subTypes = ['one_time_buyer', 'stock_up_buyer', 'project_customer'] as const
export type SubType = (typeof subTypes)[number]

export const signalCodes = [
  'intervals_lengthening',
  'order_value_falling',
  'contract_cancelled',
  'overdue',
] as const
export type SignalCode = (typeof signalCodes)[number]

export interface ChurnSignal {
  code: SignalCode
  /** the numbers behind the signal, named for the explanation text */
  params: Record<string, number | string>
}

/**
 * The rule that decided a status. Each has a sentence in the i18n catalogue under `rules.<code>`
 * that is filled with the rule's params.
 */
export const ruleCodes = [
  'no_purchases',
  'new_first_purchase',
  'active_recent_purchase',
  'active_contract',
  'at_risk_overdue',
  'at_risk_signals',
  'sleeping_overdue_long',
  'sleeping_no_purchase',
  'lost_no_purchase',
  'lost_contract_ended',
  'reactivated_after_pause',
] as const
export type RuleCode = (typeof ruleCodes)[number]
