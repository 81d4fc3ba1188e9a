import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'
import { type LifecycleStatus, lifecycleStatuses } from '../../../shared/lifecycle'
import type { OrderKind } from '../../../shared/orders'
import type { Db } from '../../db/database'
import { customerKeysAfter, forEachPageByCustomer, idRangeIfClose } from '../../db/keyset-pages'
import { customersWithoutRow, rowsByStatus } from '../../db/per-customer-rows'
import type { Database } from '../../db/schema'
import { selectArrays } from '../../db/select-arrays'
import { NumbersById } from '../../lib/compact-sets'
import type { IsoDate } from '../../lib/dates'
import { readSetting, writeSystemState } from '../settings/settings.repository'
import type { ContractFacts } from './contracts'
import type { SalesDocument } from './purchases'

type Executor = Kysely<Database> | Transaction<Database>

export interface CustomerHistoryInput {
  id: number
  segment: string | null
  isProjectCustomer: boolean
  documents: SalesDocument[]
  contracts: ContractFacts[]
}

/** A page of customers (by id) with all their documents and contracts, for classification. */
export async function loadCustomerHistories(
  db: Db,
  options: { afterId: number; limit: number; ids?: readonly number[] },
): Promise<CustomerHistoryInput[]> {
  let query = db.kysely
    .selectFrom('customers')
    .select(['id', 'segment', 'is_project_customer'])
    .where('erased_at', 'is', null)
    .where('id', '>', options.afterId)
    .orderBy('id')
    .limit(options.limit)
  if (options.ids) query = query.where('id', 'in', options.ids)
  const customers = await query.execute()
  if (customers.length === 0) return []
  const ids = customers.map((c) => c.id)
  // a page of the whole base is one range; the range's other customers' rows are left out below
  const range = options.ids ? idRangeIfClose(ids) : { first: ids[0]!, last: ids.at(-1)! }
  const inRange = (eb: ExpressionBuilder<Database, 'orders' | 'contracts'>) =>
    range ? eb.between('customer_id', range.first, range.last) : eb('customer_id', 'in', ids)
  const byId = new Map<number, CustomerHistoryInput>(
    customers.map((c) => [
      c.id,
      {
        id: c.id,
        segment: c.segment,
        isProjectCustomer: c.is_project_customer === 1,
        documents: [],
        contracts: [],
      },
    ]),
  )
  // every document of these customers: as arrays (a million customers' ledgers are ten million rows)
  const documents = await selectArrays(
    db,
    db.kysely
      .selectFrom('orders')
      .select([
        'customer_id',
        'ordered_on',
        'kind',
        'net_cents',
        'counts_as_purchase',
        'number',
        'reference_number',
      ])
      .where(inRange)
      .orderBy('customer_id')
      .orderBy('ordered_on'),
  )
  for (const d of documents) {
    byId.get(d[0] as number)?.documents.push({
      date: d[1] as IsoDate,
      kind: d[2] as OrderKind,
      netCents: d[3] as number,
      countsAsPurchase: d[4] === 1,
      number: d[5] as string | null,
      referenceNumber: d[6] as string | null,
    })
  }
  const contracts = await db.kysely
    .selectFrom('contracts')
    .select(['customer_id', 'started_on', 'ends_on', 'cancelled_on'])
    .where(inRange)
    .execute()
  for (const c of contracts) {
    byId
      .get(c.customer_id)
      ?.contracts.push({ startedOn: c.started_on, endsOn: c.ends_on, cancelledOn: c.cancelled_on })
  }
  return [...byId.values()]
}

/**
 * A page of customers not erased (by id, from `afterId`; of `ids` only, if given), each with their stored purchase ledger
 * where it is their ledger as of `asOf`: stored as of that day or before with no later document
 * (customer-status.table.ts). `events` is null for the others (never classified, or classified as
 * of a later day): their documents must be read.
 */
export async function loadStoredLedgers(
  db: Executor,
  options: { afterId: number; limit: number; asOf: IsoDate; ids?: readonly number[] },
): Promise<{ id: number; events: Uint8Array | null }[]> {
  let query = db
    .selectFrom('customers as c')
    .leftJoin('purchase_ledgers as l', (join) =>
      join
        .onRef('l.customer_id', '=', 'c.id')
        .on((eb) => customerKeysAfter(eb, options.afterId, ['l.customer_id'])),
    )
    .select(['c.id', 'l.as_of', 'l.events'])
    .where('c.erased_at', 'is', null)
    .where((eb) => customerKeysAfter(eb, options.afterId, ['c.id']))
    .orderBy('c.id')
    .limit(options.limit)
  if (options.ids) query = query.where('c.id', 'in', options.ids.length > 0 ? [...options.ids] : [0])
  const rows = await query.execute()
  return rows.map((r) => ({
    id: r.id,
    events: r.events !== null && r.as_of !== null && r.as_of <= options.asOf ? r.events : null,
  }))
}

/** The monthly status history of every customer not erased, and the month each first bought in. */
export async function loadStatusHistory(db: Executor): Promise<{
  changes: { customerId: number; month: string; status: LifecycleStatus }[]
  firstMonthOf: Map<number, string>
}> {
  const changes = (
    await db
      .selectFrom('customer_status_changes as s')
      .innerJoin('customers as c', 'c.id', 's.customer_id')
      .select(['s.customer_id', 's.month', 's.status'])
      .where('c.erased_at', 'is', null)
      .execute()
  ).map((r) => ({ customerId: r.customer_id, month: r.month, status: r.status }))
  const firstMonthOf = new Map<number, string>()
  for (const r of await db
    .selectFrom('customer_status')
    .select(['customer_id', 'first_purchase_on'])
    .where('first_purchase_on', 'is not', null)
    .execute())
    firstMonthOf.set(r.customer_id, String(r.first_purchase_on).slice(0, 7))
  return { changes, firstMonthOf }
}

/** Status rows read at once by currentStatuses. */
const STATUS_PAGE = 10_000

/**
 * Every classified customer's status, for the copy on their scores (the list's orders of a status by
 * value): read page by page into a byte per customer (a Map of a million took 160 MB).
 */
export async function currentStatuses(
  db: Executor,
  pageSize = STATUS_PAGE,
): Promise<(customerId: number) => LifecycleStatus | null> {
  const codes = new NumbersById()
  await forEachPageByCustomer(
    (afterId, limit) =>
      db
        .selectFrom('customer_status')
        .select(['customer_id', 'status'])
        .where('customer_id', '>', afterId)
        .orderBy('customer_id')
        .limit(limit)
        .execute(),
    pageSize,
    (r) => codes.set(r.customer_id, lifecycleStatuses.indexOf(r.status)),
  )
  return (customerId) => {
    const code = codes.get(customerId)
    return code === null ? null : lifecycleStatuses[code]!
  }
}

const CLASSIFICATION_DAY = 'lifecycle.classifiedAsOf'

/**
 * The day the customer base is classified as of: the day of the last run over every customer
 * (before the first such run was recorded, the latest day of any status row). Status rows of
 * customers whose classification did not change are older; they are shown as of this day.
 */
export async function classificationDay(db: Executor): Promise<IsoDate | null> {
  const recorded = await readSetting(db, CLASSIFICATION_DAY)
  if (typeof recorded === 'string') return recorded
  const row = await db
    .selectFrom('customer_status')
    .select((eb) => eb.fn.max('as_of').as('as_of'))
    .executeTakeFirst()
  return row?.as_of ?? null
}

/**
 * Records the day the whole base was classified as of. A run over some customers only (an import's)
 * records its day only when none is recorded yet: the first import classifies everybody there is.
 */
export async function recordClassificationDay(
  db: Executor,
  day: IsoDate,
  options: { wholeBase: boolean },
): Promise<void> {
  if (!options.wholeBase && (await readSetting(db, CLASSIFICATION_DAY)) !== undefined) return
  await writeSystemState(db, CLASSIFICATION_DAY, day, new Date().toISOString())
}

/**
 * The customers whose classification may differ as of a day: their row stays true only through an
 * earlier day, or they have none yet (and are not erased). Read from an index: a night costs what
 * the customers that changed cost, not the whole base.
 */
export async function customersDueForClassification(db: Executor, asOf: IsoDate): Promise<number[]> {
  const due = await db
    .selectFrom('customer_status')
    .select('customer_id')
    .where('stable_through', '<', asOf)
    .execute()
  if ((await customersWithoutStatus(db)) === 0) return due.map((r) => r.customer_id)
  const unclassified = await db
    .selectFrom('customers as c')
    .select('c.id')
    .where('c.erased_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('customer_status as s')
            .select('s.customer_id')
            .whereRef('s.customer_id', '=', 'c.id'),
        ),
      ),
    )
    .execute()
  return [...due.map((r) => r.customer_id), ...unclassified.map((r) => r.id)]
}

/**
 * How many customers not erased have no status row (between an import's commit and its
 * classification; counted, not looked for: see customersWithoutRow).
 */
export function customersWithoutStatus(db: Executor): Promise<number> {
  return customersWithoutRow(db, 'customer_status')
}

/** How many status rows there are of each status (counted from the index of the status). */
export function statusRowsByStatus(db: Executor): Promise<Map<string, number>> {
  return rowsByStatus(db, 'customer_status')
}

/**
 * The customers whose status row is stamped with a scoring round or a later one (scoring-rounds.ts):
 * their purchases changed since the scoring run that counted up to it began reading. Read from an
 * index, in the order of their ids.
 */
export function customersWithPurchasesChangedSince(db: Executor, round: number): Promise<number[]> {
  return customersStampedSince(db, 'scoring_round', round)
}

/**
 * The customers whose status row was written in a scoring round or a later one (every row a
 * classification writes carries its round: scoring-rounds.ts), read from an index in the order of
 * their ids.
 */
export function customersWrittenSince(db: Executor, round: number): Promise<number[]> {
  return customersStampedSince(db, 'written_round', round)
}

async function customersStampedSince(
  db: Executor,
  stamp: 'scoring_round' | 'written_round',
  round: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('customer_status')
    .select('customer_id')
    .where(stamp, '>=', round)
    .orderBy('customer_id')
    .execute()
  return rows.map((r) => r.customer_id)
}
