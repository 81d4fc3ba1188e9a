/** Warning signs people notice and record on a customer (PRODUCT.md step 8). */
export const warningSignKinds = [
  'complaint',
  'cancelled_visit',
  'competitor_mentioned',
  'contact_person_left',
  'other',
] as const
export type WarningSignKind = (typeof warningSignKinds)[number]

/** What raises a customer onto the early-warning list, besides the lifecycle's churn signals. */
export const warningCodes = [
  'p_alive_fell',
  'overdue',
  'intervals_lengthening',
  'order_value_falling',
  'contract_cancelled',
  ...warningSignKinds,
] as const
export type WarningCode = (typeof warningCodes)[number]

export interface WarningSignal {
  code: WarningCode
  /** the numbers behind the signal, named for the text (signal.<code>.text) */
  params: Record<string, number | string>
}
