import type { CustomerListItem } from '../../../shared/api/customers'
import type { CustomerType } from '../../../shared/customers'
import type { ChurnSignal, LifecycleStatus, SubType } from '../../../shared/lifecycle'

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

/** Database row → API item: the one boundary where customer rows become domain objects. */
export function toListItem(row: CustomerListRow): CustomerListItem {
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
    ruleParams: row.rule_params ? JSON.parse(row.rule_params) : null,
    subTypes: row.sub_types ? (JSON.parse(row.sub_types) as SubType[]) : [],
    signals: row.signals ? (JSON.parse(row.signals) as ChurnSignal[]) : [],
    lastPurchase: row.last_purchase_on,
    purchaseCount: row.purchase_count ?? 0,
    revenue12mCents: row.revenue_12m_cents ?? 0,
    annualRevenueCents: row.annual_revenue_cents ?? 0,
    pAlive: row.p_alive,
    clvCents: row.clv_cents,
  }
}
