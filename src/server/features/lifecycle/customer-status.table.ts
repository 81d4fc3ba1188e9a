import type { Generated, Selectable } from 'kysely'
import type { LifecycleStatus } from '../../../shared/lifecycle'
import type { PersonalData } from '../../db/personal-data'

/** The current classification of each customer, written by classifyCustomers. */
export interface CustomerStatusTable {
  customer_id: number
  as_of: string
  status: LifecycleStatus
  /** rule code, see shared/lifecycle.ts */
  rule: string
  /** JSON object with the numbers behind the rule, for the explanation in words */
  rule_params: string
  /** JSON array of sub-types */
  sub_types: string
  /** JSON array of churn signals with their numbers */
  signals: string
  status_since: string | null
  first_purchase_on: string | null
  last_purchase_on: string | null
  purchase_count: number
  typical_interval_days: number | null
  revenue_total_cents: number
  revenue_12m_cents: number
  /** net revenue in the 365 days up to the last purchase: what a lost customer used to bring per year */
  annual_revenue_cents: number
  /**
   * the last day through which this row stays true apart from the days since the last purchase
   * (lifecycle/stability.ts); the nightly job classifies only customers past it
   */
  stable_through: string | null
  /**
   * the scoring round in which the customer's purchases last changed (scoring-rounds.ts): the nightly
   * update predicts again the customers whose purchases changed since the last scoring run began reading
   */
  scoring_round: Generated<number>
  /**
   * the scoring round read by the classification that wrote this row (every row it writes): the
   * nightly early warning works out again the customers whose row was written since it last began
   */
  written_round: Generated<number>
}

/** Monthly status history, run-length encoded: one row for each month-end at which the status changed. */
export interface CustomerStatusChangeTable {
  customer_id: number
  /** "YYYY-MM" */
  month: string
  status: LifecycleStatus
  previous_status: LifecycleStatus | null
}

/**
 * A customer's purchase ledger as their last classification built it (classify-batch.ts), kept
 * only when no document of theirs was dated after `as_of`: then it is their ledger as of any later
 * day too, and the scoring need not read their documents again.
 */
export interface PurchaseLedgerTable {
  customer_id: number
  as_of: string
  /** the purchase events (day, net cents), encoded by encodeLedgerEvents */
  events: Uint8Array
}

export type CustomerStatusRow = Selectable<CustomerStatusTable>

export const lifecyclePersonalData: readonly PersonalData[] = [
  {
    table: 'customer_status',
    section: 'status',
    single: true,
    json: ['rule_params', 'sub_types', 'signals'],
    erase: { action: 'delete' },
  },
  // derived from the documents, which the access export lists themselves
  { table: 'purchase_ledgers', section: 'purchaseLedger', exported: false, erase: { action: 'delete' } },
  {
    table: 'customer_status_changes',
    section: 'statusHistory',
    orderBy: ['month'],
    erase: { action: 'delete' },
  },
]
