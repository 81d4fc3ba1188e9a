/** `prospect`: in the customer data without any purchase (not a lost customer: never won in the first place). */
export const lifecycleStatuses = [
  'prospect',
  'new',
  'active',
  'at_risk',
  'sleeping',
  'lost',
  'reactivated',
] as const
export type LifecycleStatus = (typeof lifecycleStatuses)[number]

/** `seasonal`: buys in the same months every year and is measured against that season. */
export const subTypes = ['one_time_buyer', 'stock_up_buyer', 'project_customer', 'seasonal'] as const
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
  'seasonal_off_season',
  'seasonal_overdue',
  'seasonal_overdue_long',
  'seasonal_season_missed',
] as const
export type RuleCode = (typeof ruleCodes)[number]
