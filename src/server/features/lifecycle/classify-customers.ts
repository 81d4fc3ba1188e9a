import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { Insertable } from 'kysely'
import type { LifecycleStatus } from '../../../shared/lifecycle'
import { lifecycleStatuses } from '../../../shared/lifecycle'
import { createBulkWriter } from '../../db/bulk'
import type { Db } from '../../db/database'
import { refreshPlannerStatistics } from '../../db/statistics'
import { fromEpochDay, type IsoDate, toEpochDay } from '../../lib/dates'
import { copyStatusToScores } from '../scoring/scores.repository'
import { classifyCustomer } from './classify'
import type { CustomerStatusChangeTable, CustomerStatusTable } from './customer-status.table'
import { statusHistory } from './history'
import {
  classificationDay,
  customersDueForClassification,
  loadCustomerHistories,
  recordClassificationDay,
} from './lifecycle.repository'
import { buildPurchaseLedger } from './purchases'
import { stableThrough } from './stability'
import { loadThresholdSettings } from './threshold-settings'
import { resolveThresholds } from './thresholds'

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
}

const BATCH = 2000

/**
 * Classifies customers as of a date and stores the result with the monthly status history.
 * Works in batches of customers, each in its own transaction, so a large base never holds the
 * database for long and every customer's status and history are always written together.
 */
export async function classifyCustomers(options: ClassifyCustomersOptions): Promise<{ classified: number }> {
  const { db, asOf } = options
  const settings = await loadThresholdSettings(db.kysely)
  const asOfDay = toEpochDay(asOf)
  const previousDay = options.dueOnly ? await classificationDay(db.kysely) : null
  const customerIds =
    options.dueOnly && previousDay !== null && previousDay <= asOf
      ? await customersDueForClassification(db.kysely, asOf)
      : options.customerIds
  const total = customerIds
    ? customerIds.length
    : Number(
        (
          await db.kysely
            .selectFrom('customers')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
  const idBatches = customerIds ? chunkSorted(customerIds, BATCH) : null
  let afterId = 0
  let classified = 0
  for (let batchIndex = 0; ; batchIndex++) {
    const ids = idBatches ? idBatches[batchIndex] : undefined
    if (idBatches && !ids) break
    const histories = await loadCustomerHistories(db, {
      afterId: ids ? 0 : afterId,
      limit: BATCH,
      ids,
    })
    if (histories.length === 0) {
      if (idBatches) continue
      break
    }
    const statusRows: Insertable<CustomerStatusTable>[] = []
    const changeRows: Insertable<CustomerStatusChangeTable>[] = []
    for (const h of histories) {
      const thresholds = resolveThresholds(settings, h.segment)
      const facts = {
        ledger: buildPurchaseLedger(h.documents, asOf),
        contracts: h.contracts,
        isProjectCustomer: h.isProjectCustomer,
      }
      const c = classifyCustomer(facts, asOf, thresholds)
      const history = statusHistory(facts, asOf, thresholds, c)
      const nextDocument = h.documents.find((d) => d.date > asOf)
      statusRows.push({
        customer_id: h.id,
        as_of: asOf,
        status: c.status,
        rule: c.rule,
        rule_params: JSON.stringify(c.ruleParams),
        sub_types: JSON.stringify(c.subTypes),
        signals: JSON.stringify(c.signals),
        status_since: history.length > 0 ? `${history.at(-1)!.month}-01` : null,
        first_purchase_on: c.firstPurchase,
        last_purchase_on: c.lastPurchase,
        purchase_count: c.purchaseCount,
        typical_interval_days: c.typicalIntervalDays,
        revenue_total_cents: c.revenueTotalCents,
        revenue_12m_cents: c.revenue12mCents,
        annual_revenue_cents: c.annualRevenueCents,
        stable_through: fromEpochDay(
          stableThrough(facts, asOfDay, thresholds, c, nextDocument ? toEpochDay(nextDocument.date) : null),
        ),
      })
      for (const change of history) {
        changeRows.push({
          customer_id: h.id,
          month: change.month,
          status: change.status,
          previous_status: change.previous,
        })
      }
    }
    const batchIds = histories.map((h) => h.id)
    await db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('customer_status').where('customer_id', 'in', batchIds).execute()
      await trx.deleteFrom('customer_status_changes').where('customer_id', 'in', batchIds).execute()
      const bulk = createBulkWriter(db, trx)
      await bulk.insert('customer_status', statusRows)
      await bulk.insert('customer_status_changes', changeRows)
      // the new statuses onto the customers' scores (the list's orders of a status by value)
      await copyStatusToScores(trx, batchIds)
    })
    classified += histories.length
    afterId = histories.at(-1)!.id
    options.onProgress?.(classified, total)
    await yieldToEventLoop()
  }
  await recordClassificationDay(db.kysely, asOf, { wholeBase: !options.customerIds })
  // an import's classification is refreshed by the import, with its own tables
  if (!options.customerIds)
    await refreshPlannerStatistics(db, ['customer_status', 'customer_status_changes'], classified)
  return { classified }
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
