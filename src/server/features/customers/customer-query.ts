import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely'
import type { CustomerListQuery } from '../../../shared/api/customers'
import type { Dialect } from '../../db/database'
import { isPostgres } from '../../db/dialect-helpers'
import type { Database } from '../../db/schema'
import type { CustomerScope } from './customer-scope'

export type CustomerFilters = Pick<
  CustomerListQuery,
  'status' | 'segment' | 'owner' | 'q' | 'contactable'
> & {
  /** erased people are in no list; their detail page still shows what was kept */
  includeErased?: boolean
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
}

/**
 * One search word as a condition on `customers`: anywhere in its search text. On SQLite a word of
 * three characters or more is found in the trigram index (customers_search, as one FTS5 phrase:
 * its characters taken as they are), not by reading every customer.
 */
function searchCondition(term: string, dialect: Dialect): Expression<SqlBool> {
  if (dialect === 'sqlite' && [...term].length >= 3)
    return sql<SqlBool>`${sql.ref('customers.id')} in (select rowid from customers_search where customers_search match ${`"${term.replaceAll('"', '""')}"`})`
  return sql<SqlBool>`${sql.ref('customers.search_text')} like ${likePattern(term)} escape '\\'`
}

/**
 * The scope and the list filters as one condition on `customers` (the status through a subquery), so
 * the count and the page's ids need no join the filters do not ask for.
 */
export function customerFilter(scope: CustomerScope, filters: CustomerFilters, dialect: Dialect) {
  return (eb: ExpressionBuilder<Database, 'customers'>) => {
    const conditions: Expression<SqlBool>[] = []
    if (!filters.includeErased) conditions.push(eb('customers.erased_at', 'is', null))
    if (scope.ownerId !== null) conditions.push(eb('customers.owner_user_id', '=', scope.ownerId))
    if (filters.status)
      conditions.push(
        eb.exists(
          eb
            .selectFrom('customer_status as fs')
            .select('fs.customer_id')
            .whereRef('fs.customer_id', '=', 'customers.id')
            .where('fs.status', '=', filters.status),
        ),
      )
    if (filters.segment) conditions.push(eb('customers.segment', '=', filters.segment))
    if (filters.owner === 'none') conditions.push(eb('customers.owner_user_id', 'is', null))
    else if (filters.owner !== undefined) conditions.push(eb('customers.owner_user_id', '=', filters.owner))
    if (filters.contactable)
      conditions.push(
        eb.exists(
          eb
            .selectFrom('contact_eligibility as ce')
            .select('ce.customer_id')
            .whereRef('ce.customer_id', '=', 'customers.id')
            .where('ce.channel', '=', filters.contactable)
            .where('ce.allowed', '=', 1),
        ),
      )
    for (const term of (filters.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5))
      conditions.push(searchCondition(term, dialect))
    return eb.and(conditions)
  }
}

/** customers ⟕ customer_status ⟕ users ⟕ customer_scores, with the scope and the list filters applied. */
export function customerListQuery(db: Kysely<Database>, scope: CustomerScope, filters: CustomerFilters) {
  return db
    .selectFrom('customers')
    .leftJoin('customer_status as cs', 'cs.customer_id', 'customers.id')
    .leftJoin('users as owner', 'owner.id', 'customers.owner_user_id')
    .leftJoin('customer_scores as sc', 'sc.customer_id', 'customers.id')
    .where(customerFilter(scope, filters, isPostgres(db) ? 'postgres' : 'sqlite'))
}

export type CustomerListBuilder = ReturnType<typeof customerListQuery>

export function selectListColumns<QB extends CustomerListBuilder>(query: QB) {
  return query.select([
    'customers.id',
    'customers.customer_number',
    'customers.type',
    'customers.company_name',
    'customers.first_name',
    'customers.last_name',
    'customers.segment',
    'customers.city',
    'customers.owner_user_id',
    'owner.name as owner_name',
    'cs.status',
    'cs.as_of as status_as_of',
    'cs.rule',
    'cs.rule_params',
    'cs.sub_types',
    'cs.signals',
    'cs.last_purchase_on',
    'cs.purchase_count',
    'cs.revenue_12m_cents',
    'cs.annual_revenue_cents',
    'sc.p_alive',
    'sc.clv_cents',
  ])
}
