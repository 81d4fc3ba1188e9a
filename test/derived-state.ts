import type { Db } from '../src/server/db/database'

/**
 * Everything an import writes and derives, without the ids and times that differ between two
 * databases: what a crashed-and-finished import must equal a clean import in.
 */
export async function importedState(db: Db) {
  const number = new Map(
    (await db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute()).map((r) => [
      r.id,
      r.customer_number,
    ]),
  )
  const customers = await db.kysely
    .selectFrom('customers')
    .select(['customer_number', 'company_name', 'city', 'erased_at'])
    .execute()
  const orders = await db.kysely
    .selectFrom('orders')
    .select(['customer_id', 'source', 'external_key', 'kind', 'net_cents', 'counts_as_purchase', 'quantity'])
    .execute()
  const status = await db.kysely
    .selectFrom('customer_status')
    .select(['customer_id', 'status', 'rule', 'rule_params', 'status_since', 'last_purchase_on'])
    .execute()
  const history = await db.kysely
    .selectFrom('customer_status_changes')
    .select(['customer_id', 'month', 'status', 'previous_status'])
    .execute()
  const eligibility = await db.kysely
    .selectFrom('contact_eligibility')
    .select(['customer_id', 'channel', 'allowed', 'blockers'])
    .execute()
  const named = <T extends { customer_id: number | null }>(rows: T[]) =>
    rows
      .map(({ customer_id, ...rest }) => JSON.stringify({ customer: number.get(customer_id ?? -1), ...rest }))
      .sort()
  return {
    customers: customers.map((c) => JSON.stringify(c)).sort(),
    orders: named(orders),
    status: named(status),
    history: named(history),
    eligibility: named(eligibility),
  }
}
