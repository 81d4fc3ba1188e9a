import type { Kysely } from 'kysely'
import { chunks } from '../../db/bulk'
import type { Db } from '../../db/database'
import type { Database } from '../../db/schema'
import { withIndexesSetAside } from '../../db/set-aside-indexes'
import { statisticsRefresher } from '../../db/statistics'
import type { IsoDate } from '../../lib/dates'
import { refreshEligibilityInBatches } from '../contact/eligibility'
import { countCustomers } from '../customers/customer.repository'
import {
  type ClassifyRun,
  type StartedBatch,
  startBatch,
  startClassifyRun,
} from '../lifecycle/classify-customers'
import { recordClassificationDay } from '../lifecycle/lifecycle.repository'
import { attributeWinbacks } from '../winback/attribute-winbacks'

/**
 * Queues customers whose derived data must be rebuilt, in the transaction that changed them: if the
 * process dies after the commit, the queue still says what is left to do.
 */
export async function queueDerivation(
  trx: Kysely<Database>,
  customerIds: readonly number[],
  asOf: IsoDate,
  now: string,
): Promise<void> {
  for (const ids of chunks(customerIds, 1000))
    await trx
      .insertInto('derivation_queue')
      .values(ids.map((customer_id) => ({ customer_id, as_of: asOf, queued_at: now })))
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ as_of: asOf, queued_at: now }))
      .execute()
}

export async function hasQueuedDerivations(db: Kysely<Database>): Promise<boolean> {
  return (
    (await db.selectFrom('derivation_queue').select('customer_id').limit(1).executeTakeFirst()) !== undefined
  )
}

const BATCH = 2000

/**
 * From how many queued customers the derived tables' indexes are set aside and built once after
 * (when they are also a quarter of all customers): a first import of a million customers, not a
 * night's few thousand. At a million: 207 s of derivation became 147 s and 21 s of building on
 * PostgreSQL, 210-238 s became 116 s on SQLite (docs/benchmarks.md).
 */
const SET_ASIDE_FROM = 50_000

/** The tables a derivation writes batch by batch, keyed by customer. */
const DERIVED_TABLES = [
  'customer_status',
  'customer_status_changes',
  'purchase_ledgers',
  'customer_scores',
  'contact_eligibility',
] as const

type QueueRow = { customer_id: number; as_of: IsoDate; queued_at: string }

/** The next queued customers after `afterId`, in the order of their ids. */
function queuedAfter(db: Kysely<Database>, afterId: number): Promise<QueueRow[]> {
  return db
    .selectFrom('derivation_queue')
    .select(['customer_id', 'as_of', 'queued_at'])
    .where('customer_id', '>', afterId)
    .orderBy('customer_id')
    .limit(BATCH)
    .execute()
}

/** A queue batch read, its customers' classification started (one group per day it is as of). */
async function startDerivation(run: ClassifyRun, rows: readonly QueueRow[]) {
  const groups: { asOf: IsoDate; ids: number[]; classification: StartedBatch | null }[] = []
  for (const [asOf, ids] of customersBy(rows, 'as_of'))
    groups.push({ asOf, ids, classification: await startBatch(run, asOf, { afterId: 0, ids }) })
  return { rows, groups }
}

/**
 * Rebuilds what follows from a customer's data for every queued customer, batch by batch: status and
 * history, contact eligibility (new people may match an objection), and the purchases that prove
 * win-back attempts. A batch leaves the queue only once rebuilt, so work cut off by a crash is
 * resumed by the next run, and doing a batch twice gives the same result. The next batch is read
 * and classified (in a worker, for many customers) while one is written.
 */
type DeriveOptions = {
  db: Db
  onProgress?: (done: number, total: number) => void
  /** classify in a worker thread; by default for many customers (classifyCustomers) */
  inWorker?: boolean
  /** set the derived tables' indexes aside while deriving; by default for many customers */
  setAsideIndexes?: boolean
}

export async function deriveQueued(options: DeriveOptions): Promise<{ derived: number }> {
  const { db } = options
  const total = Number(
    (
      await db.kysely
        .selectFrom('derivation_queue')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  options.onProgress?.(0, total)
  const setAside = options.setAsideIndexes ?? (await manyOfAllCustomers(db.kysely, total))
  return withIndexesSetAside(db.kysely, setAside ? DERIVED_TABLES : [], new Date().toISOString(), () =>
    deriveInBatches(options, total),
  )
}

async function deriveInBatches({ db, inWorker, onProgress }: DeriveOptions, total: number) {
  let derived = 0
  const run = await startClassifyRun(db, total, inWorker)
  const refreshStatistics = statisticsRefresher(db, DERIVED_TABLES)
  try {
    let current = await startDerivation(run, await queuedAfter(db.kysely, 0))
    while (current.rows.length > 0) {
      // the customers after these are read and classified while these are written
      const following = await queuedAfter(db.kysely, current.rows.at(-1)!.customer_id)
      const next = following.length > 0 ? await startDerivation(run, following) : null
      for (const { asOf, ids, classification } of current.groups) {
        await classification?.write()
        await recordClassificationDay(db.kysely, asOf, { wholeBase: false })
        await refreshEligibilityInBatches(db, ids, asOf)
        await attributeWinbacks({ db: db.kysely, customerIds: ids, today: asOf })
      }
      // only what was rebuilt leaves the queue: a customer queued again meanwhile stays
      for (const [queuedAt, ids] of customersBy(current.rows, 'queued_at'))
        await db.kysely
          .deleteFrom('derivation_queue')
          .where('queued_at', '=', queuedAt)
          .where('customer_id', 'in', ids)
          .execute()
      derived += current.rows.length
      await refreshStatistics(derived)
      onProgress?.(Math.min(derived, total), Math.max(total, derived))
      // at the end, from the start again: customers queued again while the queue was worked through
      current = next ?? (await startDerivation(run, await queuedAfter(db.kysely, 0)))
    }
  } finally {
    await run.classifier.close()
  }
  return { derived }
}

/** Whether a derivation of `queued` of `customers` customers sets the derived tables' indexes aside. */
export function worthSettingIndexesAside(queued: number, customers: number): boolean {
  return queued >= SET_ASIDE_FROM && queued * 4 >= customers
}

async function manyOfAllCustomers(db: Kysely<Database>, queued: number): Promise<boolean> {
  return queued >= SET_ASIDE_FROM && worthSettingIndexesAside(queued, await countCustomers(db))
}

/** The customer ids of queue rows, grouped by one of their columns (usually a single group). */
function customersBy(rows: readonly QueueRow[], column: 'as_of' | 'queued_at'): Map<string, number[]> {
  const groups = new Map<string, number[]>()
  for (const row of rows) {
    const ids = groups.get(row[column])
    if (ids) ids.push(row.customer_id)
    else groups.set(row[column], [row.customer_id])
  }
  return groups
}
