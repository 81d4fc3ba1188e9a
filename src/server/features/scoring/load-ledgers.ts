import { isPurchaseKind } from '../../../shared/orders'
import type { Db } from '../../db/database'
import { type IsoDate, toEpochDay } from '../../lib/dates'
import { countCustomers } from '../customers/customer.repository'
import { queuedForDerivationBetween } from '../imports/import-run.repository'
import { loadCustomerHistories, loadStoredLedgers } from '../lifecycle/lifecycle.repository'
import { buildPurchaseLedger } from '../lifecycle/purchases'
import { PackedTransactions } from './packed-transactions'

/** Customers read at once while the ledgers are loaded. */
const LOAD_PAGE = 5000

export interface LoadedLedgers {
  packed: PackedTransactions
  /** purchases dated after the day scored, for the run's warnings */
  later: { customer: string; day: number }[]
}

/**
 * Every customer's purchases as the lifecycle sees them, up to the day scored, packed (a million
 * customers' ledgers as objects would not fit in 1 GiB), and the purchases after that day; or only
 * those of `ids` (sorted ascending: the nightly update's customers). A customer's ledger stored by
 * their classification is used where it is their ledger as of that day and their documents have not
 * changed since (not queued for derivation); only the others' documents are read: after a night,
 * those of the customers who bought or were never classified.
 */
export async function loadLedgers(
  db: Db,
  asOf: IsoDate,
  onProgress?: (phase: 'loading', done: number, total: number) => void,
  ids?: readonly number[],
): Promise<LoadedLedgers> {
  const total = ids ? ids.length : await countCustomers(db.kysely)
  const packed = new PackedTransactions()
  const later: LoadedLedgers['later'] = []
  /** the page after `afterId`: of every customer, or of the next LOAD_PAGE of `ids` (null when none is left) */
  const readPage = async (afterId: number) => {
    const only = ids ? idsAfter(ids, afterId, LOAD_PAGE) : undefined
    if (only?.length === 0) return null
    const page = await loadStoredLedgers(db.kysely, { afterId, limit: LOAD_PAGE, asOf, ids: only })
    const last = only ? only.at(-1)! : page.at(-1)?.id
    if (last === undefined) return null
    // the queue is read for the page's range of ids: usually empty after a night's classification
    const changed = await queuedForDerivationBetween(db.kysely, { afterId, throughId: last })
    return { page, changed, last }
  }
  // the next page is read while this one is unpacked (on PostgreSQL the server works meanwhile)
  let next = readPage(0)
  for (let read = 0; ; ) {
    const current = await next
    if (!current) break
    const { page, changed } = current
    next = readPage(current.last)
    // a failure is met where the page is awaited, not as an unhandled rejection meanwhile
    next.catch(() => {})
    const unstored = page.filter((c) => c.events === null || changed.has(c.id)).map((c) => c.id)
    const histories = new Map(
      unstored.length === 0
        ? []
        : (await loadCustomerHistories(db, { afterId: 0, limit: unstored.length, ids: unstored })).map(
            (h) => [h.id, h],
          ),
    )
    // in the order of the customers' ids, as when every ledger was built from documents
    for (const c of page) {
      const h = histories.get(c.id)
      if (!h) {
        if (c.events !== null && c.events.byteLength > 0) packed.addEncoded(String(c.id), c.events)
        continue
      }
      for (const d of h.documents)
        if (d.date > asOf && isPurchaseKind(d.kind) && d.countsAsPurchase)
          later.push({ customer: String(h.id), day: toEpochDay(d.date) })
      const ledger = buildPurchaseLedger(h.documents, asOf)
      if (ledger.events.length > 0)
        packed.add(
          String(h.id),
          ledger.events.map((e) => ({ day: e.day, amountCents: e.netCents })),
        )
    }
    read = ids ? indexAfter(ids, current.last) : read + page.length
    onProgress?.('loading', Math.min(total, read), total)
  }
  return { packed, later }
}

/** Up to `limit` of the sorted ids after `afterId`. */
function idsAfter(ids: readonly number[], afterId: number, limit: number): readonly number[] {
  const from = indexAfter(ids, afterId)
  return ids.slice(from, from + limit)
}

/** The index of the first of the sorted ids after `afterId`. */
function indexAfter(ids: readonly number[], afterId: number): number {
  let lo = 0
  let hi = ids.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (ids[mid]! <= afterId) lo = mid + 1
    else hi = mid
  }
  return lo
}
