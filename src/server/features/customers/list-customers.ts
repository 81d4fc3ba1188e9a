import { sql } from 'kysely'
import type { CustomerList, CustomerListQuery } from '../../../shared/api/customers'
import type { Db } from '../../db/database'
import { customerListQuery, selectListColumns } from './customer-query'
import { type CustomerListRow, toListItem } from './customer-rows'
import type { CustomerScope } from './customer-scope'

const statusOrder = sql<number>`case cs.status when 'lost' then 1 when 'sleeping' then 2 when 'at_risk' then 3 when 'reactivated' then 4 when 'new' then 5 when 'active' then 6 else 7 end`

function orderColumn(sort: CustomerListQuery['sort']) {
  switch (sort) {
    case 'customerNumber':
      return sql.ref('customers.customer_number')
    case 'name':
      return sql`lower(coalesce(customers.company_name, customers.last_name, customers.customer_number))`
    case 'status':
      return statusOrder
    case 'lastPurchase':
      return sql.ref('cs.last_purchase_on')
    case 'revenue12m':
      return sql.ref('cs.revenue_12m_cents')
    case 'annualRevenue':
      return sql.ref('cs.annual_revenue_cents')
    case 'city':
      return sql.ref('customers.city')
    case 'pAlive':
      return sql.ref('sc.p_alive')
    case 'clv':
      return sql.ref('sc.clv_cents')
  }
}

/** One page of the customer list with filters, sorting and the total; server-side for large bases. */
export async function listCustomers(options: {
  db: Db
  scope: CustomerScope
  query: CustomerListQuery
}): Promise<CustomerList> {
  const { db, scope, query } = options
  const base = customerListQuery(db.kysely, scope, query)
  const direction = query.dir === 'desc' ? sql`desc` : sql`asc`
  const nulls = query.dir === 'desc' ? sql`nulls last` : sql`nulls first`
  const rows = (await selectListColumns(base)
    .orderBy(sql`${orderColumn(query.sort)} ${direction} ${nulls}`)
    .orderBy('customers.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute()) as CustomerListRow[]
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const asOf = await db.kysely
    .selectFrom('customer_status')
    .select((eb) => eb.fn.max('as_of').as('as_of'))
    .executeTakeFirst()
  return {
    items: rows.map(toListItem),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
    asOf: asOf?.as_of ?? null,
  }
}
