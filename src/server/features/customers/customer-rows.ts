import type { CustomerListItem } from '../../../shared/api/customers'
import type { CustomerType } from '../../../shared/customers'
import type { ChurnSignal, LifecycleStatus, SubType } from '../../../shared/lifecycle'
import type { IsoDate } from '../../lib/dates'
import { storedAsOf } from '../lifecycle/stability'

/** The columns every customer listing selects (customers ⟕ customer_status ⟕ users). */
export interface CustomerListRow {
  id: number
  customer_number: string
  type: CustomerType
  company_name: string | null
  first_name: string | null
  last_name: string | null
  segment: string | null
  city: string | null
  owner_user_id: number | null
  owner_name: string | null
  status: LifecycleStatus | null
  /** the day the status row was classified as of (older than the base's when it did not change since) */
  status_as_of: string | null
  rule: string | null
  rule_params: string | null
  sub_types: string | null
  signals: string | null
  last_purchase_on: string | null
  purchase_count: number | null
  revenue_12m_cents: number | null
  annual_revenue_cents: number | null
  p_alive: number | null
  clv_cents: number | null
}

export function displayName(row: {
  customer_number: string
  company_name: string | null
  first_name: string | null
  last_name: string | null
}): string {
  if (row.company_name) return row.company_name
  const person = [row.first_name, row.last_name].filter(Boolean).join(' ')
  return person || row.customer_number
}

/**
 * Database row → API item: the one boundary where customer rows become domain objects. A status
 * row older than the day the base is classified as of is shown as of that day (its days since the
 * last purchase moved on; everything else in it still holds, see lifecycle/stability.ts).
 */
export function toListItem(row: CustomerListRow, classifiedAsOf: IsoDate | null): CustomerListItem {
  const stored = {
    ruleParams: row.rule_params ? (JSON.parse(row.rule_params) as Record<string, number | string>) : {},
    signals: row.signals ? (JSON.parse(row.signals) as ChurnSignal[]) : [],
  }
  const shown = row.status_as_of ? storedAsOf({ asOf: row.status_as_of, ...stored }, classifiedAsOf) : stored
  return {
    id: row.id,
    customerNumber: row.customer_number,
    displayName: displayName(row),
    type: row.type,
    segment: row.segment,
    city: row.city,
    ownerId: row.owner_user_id,
    ownerName: row.owner_name,
    status: row.status,
    rule: row.rule,
    ruleParams: row.rule_params ? shown.ruleParams : null,
    subTypes: row.sub_types ? (JSON.parse(row.sub_types) as SubType[]) : [],
    signals: shown.signals,
    lastPurchase: row.last_purchase_on,
    purchaseCount: row.purchase_count ?? 0,
    revenue12mCents: row.revenue_12m_cents ?? 0,
    annualRevenueCents: row.annual_revenue_cents ?? 0,
    pAlive: row.p_alive,
    clvCents: row.clv_cents,
  }
}
