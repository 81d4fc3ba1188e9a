import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { CustomerList, CustomerListQuery } from '../../../shared/api/customers'
import { type LifecycleStatus, lifecycleStatuses } from '../../../shared/lifecycle'
import type { Db } from '../../db/database'
import { createReadCache } from '../../lib/read-cache'
import {
  classificationDay,
  customersWithoutStatus,
  statusRowsByStatus,
} from '../lifecycle/lifecycle.repository'
import { customersWithoutScore, scoreRowsByStatus } from '../scoring/scores.repository'
import { customerFilter, customerListQuery, selectListColumns } from './customer-query'
import { type CustomerListRow, toListItem } from './customer-rows'
import type { CustomerScope } from './customer-scope'
import { type LandmarkSort, type PageStart, pageStart, sortKey } from './list-landmarks'
import { type ListPart, listPart, mergedPart, pageAcross } from './list-parts'

/** a count by status, owner, segment and contact channel (a segment changes with an import only), and of a list's parts */
const cachedCounts = createReadCache<number>(15_000, { groupsOnly: true })

/** The customer list's order of the statuses: the ones to act on first. Must stay as the index has it. */
export const STATUS_RANK_SQL =
  "case status when 'lost' then 1 when 'sleeping' then 2 when 'at_risk' then 3 when 'reactivated' then 4 when 'new' then 5 when 'active' then 6 else 7 end"

/** Sort keys on `customers` alone (a column or an indexed expression): the page needs no join. */
const onCustomers = new Set<CustomerListQuery['sort']>(['customerNumber', 'name', 'city'])
const isOnCustomers = (sort: CustomerListQuery['sort']): sort is 'customerNumber' | 'name' | 'city' =>
  onCustomers.has(sort)
/** Sort keys that are never null (then the id): a page of them can start after a landmark (list-landmarks.ts). */
const isLandmarkSort = (sort: CustomerListQuery['sort']): sort is LandmarkSort =>
  sort === 'customerNumber' || sort === 'name'

/**
 * How many customers have no row in a sort's table, kept until the groups change: status rows are
 * written by classifications and erasures (which say so), score rows by model runs (jobs, after
 * which every kept result is forgotten) and erasures, customers by imports (the same).
 */
const cachedWithoutRow = createReadCache<number>(15_000, { groupsOnly: true })
/** The statuses with customers that have no score, kept alike (a status is copied onto the scores). */
const cachedUnscoredStatuses = createReadCache<UnscoredStatus[]>(15_000, { groupsOnly: true })

interface UnscoredStatus {
  status: LifecycleStatus
  /** none of its customers has a score (the prospects: no purchases, no score) */
  none: boolean
}

/** The statuses with more customers than scores: counted from the two tables' indexes of the status. */
async function statusesWithUnscored(db: Db): Promise<UnscoredStatus[]> {
  const [statuses, scores] = await Promise.all([statusRowsByStatus(db.kysely), scoreRowsByStatus(db.kysely)])
  return lifecycleStatuses
    .filter((status) => (statuses.get(status) ?? 0) > (scores.get(status) ?? 0))
    .map((status) => ({ status, none: (scores.get(status) ?? 0) === 0 }))
}

/** Every other sort key is a column (or the status's rank) of one per-customer table: the customers that have a value there… */
function sortSource(query: CustomerListQuery): {
  table: 'customer_status' | 'customer_scores'
  key: RawBuilder<unknown>
  /** the column may be null in a row (else only a customer without a row has no value) */
  nullable: boolean
  /** where the customers without a row (or a value) come: as NULLS LAST/FIRST, or as the last rank */
  withoutValueFirst: boolean
} {
  const byValue = (table: 'customer_status' | 'customer_scores', column: string, nullable = false) => ({
    table,
    key: sql.ref(`t.${column}`),
    nullable,
    withoutValueFirst: query.dir === 'asc',
  })
  switch (query.sort) {
    case 'status':
      // a customer not classified yet (between an import's commit and its classification) comes
      // beside the last rank: after it ascending, before it descending
      return {
        table: 'customer_status',
        key: sql.raw(STATUS_RANK_SQL.replace('case status', 'case t.status')),
        nullable: false,
        withoutValueFirst: query.dir === 'desc',
      }
    case 'lastPurchase':
      // a customer without purchases (a lead from a customer file) has a status and no date
      return byValue('customer_status', 'last_purchase_on', true)
    case 'revenue12m':
      return byValue('customer_status', 'revenue_12m_cents')
    case 'annualRevenue':
      return byValue('customer_status', 'annual_revenue_cents')
    // within a status, from the status copied onto the scores: one index holds the status and the value
    case 'pAlive':
      return byValue('customer_scores', 'p_alive')
    case 'clv':
      return byValue('customer_scores', 'clv_cents')
    default:
      throw new Error(`sort ${query.sort} is on customers`)
  }
}

/**
 * …are read from that table in the order of its index on the column (an inner join from it, so
 * the database can walk the index and stop after the page, instead of joining and sorting every
 * customer); the customers without a value (no status or score yet) come last when descending and
 * first when ascending, in the order of their ids, as NULLS LAST/FIRST would put them (without a
 * status: with the last rank). Nearly always every customer has a row: then those are the rows
 * whose value is null (from an index of the value), and not every customer looked for in the table
 * (2–4 s at a million on SQLite before the first page of a list that starts with them).
 */
async function partsByOneTable(db: Db, scope: CustomerScope, query: CustomerListQuery): Promise<ListPart[]> {
  const { table, key, nullable, withoutValueFirst } = sortSource(query)
  const filter = customerFilter(scope, query, db.dialect)
  // the status filter on the table read itself (the status rows, or the scores with their copy of it)
  const statusOnTable = query.status !== undefined
  const otherFilters = customerFilter(scope, { ...query, status: undefined }, db.dialect)
  // the rows of the table whose value is (not) null, of the customers the filters let through
  const tableRows = (value: 'is' | 'is not') => () =>
    db.kysely
      .selectFrom(`${table} as t` as 'customer_status as t')
      .innerJoin('customers', 'customers.id', 't.customer_id')
      .where(statusOnTable ? otherFilters : filter)
      .$if(statusOnTable, (qb) => qb.where('t.status', '=', query.status!))
      .where(key, value, null)
  const direction = query.dir === 'desc' ? 'desc' : 'asc'
  // a run's customers probed one by one in the run's order; on PostgreSQL with the key hidden (+ 0),
  // or it may merge-join every customer in the order of the ids to the run (the prospects, imported
  // last: 0.36 s before the first of them)
  const customerOfRow =
    db.dialect === 'postgres'
      ? sql<SqlBool>`customers.id = t.customer_id + 0`
      : sql<SqlBool>`customers.id = t.customer_id`
  // the status rows of one status, of the customers the other filters let through: a run
  const statusRun = (status: LifecycleStatus) =>
    db.kysely
      .selectFrom('customer_status as t')
      .innerJoin('customers', (join) => join.on(customerOfRow))
      .where(otherFilters)
      .where('t.status', '=', status)
  // a value of the status rows: from the index of (status, value, customer), each status's run of
  // it (or the one filtered to) merged
  const statusRuns = (value: 'is' | 'is not') =>
    (query.status ? [query.status] : lifecycleStatuses).map((status) =>
      statusRun(status)
        .where(key, value, null)
        .select(['customers.id as id', key.as('v'), 't.customer_id as cid']),
    )
  // the customers of a status or a value (a lost customer's revenue of 12 months is mostly 0, and
  // so is many a CLV) tie: by id in the sort's direction, so an index of (status or value, id) read
  // backwards gives the descending order (by id ascending, the tied ones were sorted first: a
  // status's in 0.2–0.3 s on PostgreSQL, half a million lost customers' revenues before the first page)
  const byRank = query.sort === 'status'
  const byStatusRuns = table === 'customer_status' && !byRank
  const withValue = byStatusRuns
    ? mergedPart(db.kysely, statusRuns('is not'), (merged) =>
        merged.orderBy('v', direction).orderBy('cid', direction),
      )
    : listPart(tableRows('is not'), (rows) =>
        rows
          // filtered to one status, the rank is the same for all: the status's index gives the order
          .$if(!(byRank && statusOnTable), (qb) => qb.orderBy(key, direction))
          // the same id as customers.id, but the index's own column: the index gives the whole order
          .orderBy('t.customer_id', direction),
      )

  /** The customers without a value, by id; null when there are none. */
  const withoutValuePart = async (): Promise<ListPart | null> => {
    const withoutStatus = await cachedWithoutRow(db.kysely, 'customer_status', () =>
      customersWithoutStatus(db.kysely),
    )
    const lacking =
      table === 'customer_status'
        ? withoutStatus
        : await cachedWithoutRow(db.kysely, table, () => customersWithoutScore(db.kysely))
    if (lacking === 0) {
      if (!nullable) return null
      // by the value too (null in all): the order of the index, which PostgreSQL then reads instead
      // of the table in the order of the ids, looking for a null in every status
      if (byStatusRuns)
        return mergedPart(db.kysely, statusRuns('is'), (merged) => merged.orderBy('v').orderBy('cid'))
      return listPart(tableRows('is'), (rows) => rows.orderBy('t.customer_id'))
    }
    if (table === 'customer_scores' && withoutStatus === 0) {
      // every customer has a status but not every one a score (a customer without purchases has
      // none): those of each status that has such customers, from the index of the status, merged
      const unscored = (
        await cachedUnscoredStatuses(db.kysely, 'statuses', () => statusesWithUnscored(db))
      ).filter(({ status }) => query.status === undefined || status === query.status)
      if (unscored.length === 0) return null
      const runs = unscored.map(({ status, none }) =>
        statusRun(status)
          // a status none of whose customers has a score is read without looking (PostgreSQL
          // looked for all the prospects' scores at once: 0.3–0.5 s)
          .$if(!none, (qb) =>
            qb.where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('customer_scores as s')
                    .select('s.customer_id')
                    .whereRef('s.customer_id', '=', 't.customer_id'),
                ),
              ),
            ),
          )
          .select(['customers.id as id', 't.customer_id as cid']),
      )
      return mergedPart(db.kysely, runs, (merged) => merged.orderBy('cid'))
    }
    // some customers have no row (an import's, before their classification): looked for
    return listPart(
      () =>
        db.kysely
          .selectFrom('customers')
          .where(filter)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom(`${table} as t` as 'customer_status as t')
                  .select('t.customer_id')
                  .whereRef('t.customer_id', '=', 'customers.id')
                  .where(key, 'is not', null),
              ),
            ),
          ),
      (rows) => rows.orderBy('customers.id'),
    )
  }

  const withoutValue = await withoutValuePart()
  const parts = withoutValueFirst ? [withoutValue, withValue] : [withValue, withoutValue]
  return parts.filter((p) => p !== null)
}

/**
 * The customers in the order of a column of theirs: by number and by name (never null), after a
 * landmark for a deep page; by city, those without one first ascending and last descending, as
 * NULLS FIRST/LAST would put them, each part from the city's index (one NULLS clause sorted every
 * customer on PostgreSQL in both directions and on SQLite descending: 0.1–0.9 s at a million).
 */
function partsOnCustomers(
  db: Db,
  filter: ReturnType<typeof customerFilter>,
  sort: 'customerNumber' | 'name' | 'city',
  dir: 'asc' | 'desc',
  start: PageStart,
): ListPart[] {
  const rows = (more?: Expression<SqlBool>) => () =>
    db.kysely
      .selectFrom('customers')
      .where(filter)
      .$if(start.after !== null, (qb) => qb.where(start.after!))
      .$if(more !== undefined, (qb) => qb.where(more!))
  const direction = dir === 'desc' ? sql`desc` : sql`asc`
  if (sort !== 'city')
    return [
      listPart(rows(), (qb) =>
        qb
          .orderBy(sql`${sortKey(sort)} ${direction}`)
          // the number is unique: no tie to break, and without customers.id the index on (number,
          // erased_at) holds everything a deep page skips (66–110 → 4 ms 100,000 customers in)
          .$if(sort !== 'customerNumber', (o) => o.orderBy('customers.id')),
      ),
    ]
  const city = sql.ref('customers.city')
  const withCity = listPart(rows(sql<SqlBool>`${city} is not null`), (qb) =>
    qb.orderBy(sql`${city} ${direction}`).orderBy('customers.id'),
  )
  const withoutCity = listPart(rows(sql<SqlBool>`${city} is null`), (qb) => qb.orderBy('customers.id'))
  return dir === 'desc' ? [withCity, withoutCity] : [withoutCity, withCity]
}

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
  /** every how many customers a deep page's landmark lies (tests: small) */
  landmarkEvery?: number
}): Promise<CustomerList> {
  const { db, scope, query } = options
  const filter = customerFilter(scope, query, db.dialect)
  const offset = (query.page - 1) * query.pageSize
  const sort = query.sort
  const filterKey = JSON.stringify([
    scope.ownerId,
    query.status,
    query.segment,
    query.owner,
    query.contactable,
  ])
  // a searched list is not kept (its terms are unbounded) and no deeper than its matches
  const start =
    isLandmarkSort(sort) && !query.q
      ? await pageStart({ db, filterKey, filter, sort, dir: query.dir, offset, every: options.landmarkEvery })
      : { after: null, skip: offset }
  const parts = isOnCustomers(sort)
    ? partsOnCustomers(db, filter, sort, query.dir, start)
    : await partsByOneTable(db, scope, query)
  // a part's size is kept like the totals (a searched list's is not: its terms are unbounded; nor
  // one after a landmark: the part starts there)
  const keptSizes = parts.map((part, i) =>
    query.q || start.after !== null
      ? part
      : {
          ...part,
          size: () => cachedCounts(db.kysely, JSON.stringify([filterKey, sort, query.dir, i]), part.size),
        },
  )
  const page = await pageAcross(keptSizes, start.skip, query.pageSize)
  const ids = page.map((r) => r.id)
  const rows =
    ids.length === 0
      ? []
      : ((await selectListColumns(customerListQuery(db.kysely, scope, { includeErased: true }))
          .where('customers.id', 'in', ids)
          .execute()) as CustomerListRow[])
  const byId = new Map(rows.map((r) => [r.id, r]))
  const countTotal = async () =>
    Number(
      (
        await db.kysely
          .selectFrom('customers')
          .where(filter)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  // the count reads every matching customer (half a million lost at a million): kept between
  // writes per scope and filter; a searched list's is counted afresh (its terms are unbounded)
  const total = query.q ? await countTotal() : await cachedCounts(db.kysely, filterKey, countTotal)
  const asOf = await classificationDay(db.kysely)
  return {
    items: ids.flatMap((id) => {
      const row = byId.get(id)
      return row ? [toListItem(row, asOf)] : []
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
    asOf,
  }
}
