import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { LifecycleStatus } from '../../../shared/lifecycle'
import { lifecycleStatuses } from '../../../shared/lifecycle'
import { createBulkWriter } from '../../db/bulk'
import type { Db } from '../../db/database'
import { refreshPlannerStatisticsIfMany, statisticsRefresher } from '../../db/statistics'
import type { IsoDate } from '../../lib/dates'
import { customerGroupsChanged } from '../../lib/read-cache'
import { countCustomers } from '../customers/customer.repository'
import { copyStatusToScores, currentScoringRound } from '../scoring/scores.repository'
import { ledgerWrites, statusChanged } from './batch-writes'
import { type Classifier, classifierInThread, classifierInWorker } from './classifier'
import {
  classificationDay,
  customersDueForClassification,
  loadCustomerHistories,
  recordClassificationDay,
} from './lifecycle.repository'
import { stampScoringRounds } from './scoring-rounds'
import { replaceStatusChanges } from './status-changes.repository'
import { loadThresholdSettings } from './threshold-settings'
import type { ThresholdSettings } from './thresholds'

export interface ClassifyCustomersOptions {
  db: Db
  asOf: IsoDate
  /** only these customers (after an import); all when absent */
  customerIds?: readonly number[]
  /**
   * the nightly run: only the customers whose stored classification may differ as of asOf (past
   * the day it stays true through, or never classified); the others' rows stay, and readers move
   * their days since the last purchase on. Every customer when the base was classified as of a
   * later day than asOf.
   */
  dueOnly?: boolean
  onProgress?: (done: number, total: number) => void
  /** classify in a worker thread beside the reading and writing; by default from CLASSIFY_IN_WORKER_FROM customers */
  inWorker?: boolean
}

const BATCH = 2000

/**
 * From how many customers a classification runs in a worker thread beside the reading and writing:
 * below, starting the thread (a tenth of a second, more from the TypeScript sources) costs more than
 * the overlap saves.
 */
export const CLASSIFY_IN_WORKER_FROM = 3 * BATCH

/** What a classification run shares across its batches. */
export interface ClassifyRun {
  db: Db
  settings: ThresholdSettings
  classifier: Classifier
}

/** Starts a run: the threshold settings, and the worker when it is worth one (or asked for). */
export async function startClassifyRun(db: Db, customers: number, inWorker?: boolean): Promise<ClassifyRun> {
  const settings = await loadThresholdSettings(db.kysely)
  const classifier =
    (inWorker ?? customers >= CLASSIFY_IN_WORKER_FROM) ? classifierInWorker() : classifierInThread
  return { db, settings, classifier }
}

/** A batch read and being classified; `write` waits for its classification and stores it. */
export interface StartedBatch {
  ids: number[]
  write(): Promise<void>
}

/**
 * Reads a batch of customers' histories (those after `afterId`, or those of `ids`) and starts
 * classifying them; null when there are none. Nothing is written until `write`.
 */
export async function startBatch(
  run: ClassifyRun,
  asOf: IsoDate,
  page: { afterId: number; ids?: readonly number[] },
): Promise<StartedBatch | null> {
  const { db } = run
  const histories = await loadCustomerHistories(db, { afterId: page.afterId, limit: BATCH, ids: page.ids })
  if (histories.length === 0) return null
  const ids = histories.map((h) => h.id)
  const classified = run.classifier.classify(histories, asOf, run.settings)
  // a run that fails before writing this batch must not leave its rejection unhandled
  classified.catch(() => undefined)
  return {
    ids,
    write: async () => {
      const { statusRows, changeRows, ledgerRows } = await classified
      customerGroupsChanged()
      await db.kysely.transaction().execute(async (trx) => {
        const round = await currentScoringRound(trx)
        const before = await trx
          .deleteFrom('customer_status')
          .where('customer_id', 'in', ids)
          .returning(['customer_id', 'scoring_round', 'status'])
          .execute()
        // most of a night's customers did not buy: their stored ledger stays as it is
        const ledgersBefore = await trx
          .selectFrom('purchase_ledgers')
          .select(['customer_id', 'events'])
          .where('customer_id', 'in', ids)
          .execute()
        const ledgers = ledgerWrites(ledgerRows, ledgersBefore)
        if (ledgers.removed.length > 0)
          await trx.deleteFrom('purchase_ledgers').where('customer_id', 'in', ledgers.removed).execute()
        // the customers whose purchases changed are the next nightly update's (scoring/update-scores.ts)
        stampScoringRounds({ statusRows, ledgerRows }, { statuses: before, ledgers: ledgersBefore }, round)
        const bulk = createBulkWriter(db, trx)
        await bulk.insert('customer_status', statusRows)
        await replaceStatusChanges(db, trx, ids, changeRows)
        await bulk.insert('purchase_ledgers', ledgers.written)
        // the new statuses onto the customers' scores (the list's orders of a status by value)
        await copyStatusToScores(trx, statusChanged(statusRows, before))
      })
    },
  }
}

/**
 * Classifies customers as of a date and stores the result with the monthly status history.
 * Works in batches of customers, each in its own transaction, so a large base never holds the
 * database for long and every customer's status and history are always written together. A batch
 * is classified (in the worker, for many customers) while the one before is written.
 */
export async function classifyCustomers(
  options: ClassifyCustomersOptions,
): Promise<{ classified: number; customerIds: readonly number[] | null }> {
  const { db, asOf } = options
  const previousDay = options.dueOnly ? await classificationDay(db.kysely) : null
  const customerIds =
    options.dueOnly && previousDay !== null && previousDay <= asOf
      ? await customersDueForClassification(db.kysely, asOf)
      : options.customerIds
  const total = customerIds ? customerIds.length : await countCustomers(db.kysely)
  const idBatches = customerIds ? chunkSorted(customerIds, BATCH) : null
  const run = await startClassifyRun(db, total, options.inWorker)
  const refreshStatistics = statisticsRefresher(db, [
    'customer_status',
    'customer_status_changes',
    'purchase_ledgers',
    'customer_scores',
  ])
  let classified = 0
  try {
    let afterId = 0
    let batchIndex = 0
    /** the next batch there is, read and being classified */
    const startNext = async (): Promise<StartedBatch | null> => {
      for (;;) {
        if (idBatches && batchIndex >= idBatches.length) return null
        const ids = idBatches ? idBatches[batchIndex++] : undefined
        const started = await startBatch(run, asOf, { afterId: ids ? 0 : afterId, ids })
        if (started) {
          afterId = started.ids.at(-1)!
          return started
        }
        if (!idBatches) return null
      }
    }
    let current = await startNext()
    while (current) {
      // the next batch is read and classified while this one is written
      const reading = startNext()
      // a failure is met where the next batch is awaited, not as an unhandled rejection meanwhile
      reading.catch(() => undefined)
      if (!readsBesideWrites(db)) await reading
      await current.write()
      const next = await reading
      classified += current.ids.length
      await refreshStatistics(classified)
      options.onProgress?.(classified, total)
      await yieldToEventLoop()
      current = next
    }
  } finally {
    await run.classifier.close()
  }
  await recordClassificationDay(db.kysely, asOf, { wholeBase: !options.customerIds })
  // an import's classification is refreshed by the import, with its own tables
  if (!options.customerIds)
    await refreshPlannerStatisticsIfMany(
      db,
      ['customer_status', 'customer_status_changes', 'purchase_ledgers'],
      classified,
    )
  // null: every customer was classified
  return { classified, customerIds: customerIds ?? null }
}

/**
 * Whether the next batch is read while the last one is written: on PostgreSQL, on another connection
 * (67,077 customers due at a million: 11.8 -> 11.2 s); not on SQLite's one connection, where the
 * interleaved reads held the writes up (12.4 -> 14.8 s). (An import's derivation, which also
 * refreshes eligibility and attributions per batch, gained nothing from it: not used there.)
 */
function readsBesideWrites(db: Db): boolean {
  return db.dialect === 'postgres'
}

function chunkSorted(ids: readonly number[], size: number): number[][] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b)
  const result: number[][] = []
  for (let i = 0; i < sorted.length; i += size) result.push(sorted.slice(i, i + size))
  return result
}

export async function countByStatus(db: Db): Promise<Record<LifecycleStatus, number>> {
  const rows = await db.kysely
    .selectFrom('customer_status')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute()
  const counts = Object.fromEntries(lifecycleStatuses.map((s) => [s, 0])) as Record<LifecycleStatus, number>
  for (const r of rows) counts[r.status] = Number(r.n)
  return counts
}
