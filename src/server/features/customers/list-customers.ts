import { sql } from 'kysely'
import type { CustomerList, CustomerListQuery } from '../../../shared/api/customers'
import type { Db } from '../../db/database'
import { customerFilter, customerListQuery, selectListColumns } from './customer-query'
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

/** Sort keys on `customers` alone (a column or an indexed expression): the page needs no join. */
const onCustomers = new Set<CustomerListQuery['sort']>(['customerNumber', 'name', 'city'])
/** Sort keys that are never null: they sort without a NULLS clause, which PostgreSQL's indexes serve. */
const neverNull = new Set<CustomerListQuery['sort']>(['customerNumber', 'name'])

/**
 * One page of the customer list with filters, sorting and the total; server-side for large bases.
 * The page's ids are found first from the customers (and the tables its sort needs), so a deep
 * page skips index entries instead of joined rows; then only those rows are joined for display.
 * The count needs no join at all.
 */
export async function listCustomers(options: {
  db: Db
  scope: CustomerScope
  query: CustomerListQuery
}): Promise<CustomerList> {
  const { db, scope, query } = options
  const filter = customerFilter(scope, query)
  const direction = query.dir === 'desc' ? sql`desc` : sql`asc`
  const nulls = neverNull.has(query.sort) ? sql`` : query.dir === 'desc' ? sql`nulls last` : sql`nulls first`
  const order = sql`${orderColumn(query.sort)} ${direction} ${nulls}`
  const offset = (query.page - 1) * query.pageSize
  const page = onCustomers.has(query.sort)
    ? await db.kysely
        .selectFrom('customers')
        .select('customers.id')
        .where(filter)
        .orderBy(order)
        .orderBy('customers.id')
        .limit(query.pageSize)
        .offset(offset)
        .execute()
    : await db.kysely
        .selectFrom('customers')
        .leftJoin('customer_status as cs', 'cs.customer_id', 'customers.id')
        .leftJoin('customer_scores as sc', 'sc.customer_id', 'customers.id')
        .select('customers.id')
        // the status joined anyway: filtered on the join, not by a subquery per customer
        .where(customerFilter(scope, { ...query, status: undefined }))
        .$if(query.status !== undefined, (qb) => qb.where('cs.status', '=', query.status!))
        .orderBy(order)
        .orderBy('customers.id')
        .limit(query.pageSize)
        .offset(offset)
        .execute()
  const ids = page.map((r) => r.id)
  const rows =
    ids.length === 0
      ? []
      : ((await selectListColumns(customerListQuery(db.kysely, scope, { includeErased: true }))
          .where('customers.id', 'in', ids)
          .execute()) as CustomerListRow[])
  const byId = new Map(rows.map((r) => [r.id, r]))
  const total = await db.kysely
    .selectFrom('customers')
    .where(filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const asOf = await db.kysely
    .selectFrom('customer_status')
    .select((eb) => eb.fn.max('as_of').as('as_of'))
    .executeTakeFirst()
  return {
    items: ids.flatMap((id) => {
      const row = byId.get(id)
      return row ? [toListItem(row)] : []
    }),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
    asOf: asOf?.as_of ?? null,
  }
}
