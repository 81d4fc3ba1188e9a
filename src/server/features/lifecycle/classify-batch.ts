import type { Insertable } from 'kysely'
import { fromEpochDay, type IsoDate, toEpochDay } from '../../lib/dates'
import { classifyCustomer } from './classify'
import type {
  CustomerStatusChangeTable,
  CustomerStatusTable,
  PurchaseLedgerTable,
} from './customer-status.table'
import { statusHistory } from './history'
import { encodeLedgerEvents } from './ledger-bytes'
import type { CustomerHistoryInput } from './lifecycle.repository'
import { buildPurchaseLedger } from './purchases'
import { stableThrough } from './stability'
import { resolveThresholds, type ThresholdSettings } from './thresholds'

/**
 * The rows a batch of customers' classification writes: one status each, their history, and the
 * purchase ledger of each customer none of whose documents is dated after the day classified.
 */
export interface ClassifiedBatch {
  statusRows: Insertable<CustomerStatusTable>[]
  changeRows: Insertable<CustomerStatusChangeTable>[]
  ledgerRows: Insertable<PurchaseLedgerTable>[]
}

/**
 * Classifies customers as of a day, with their monthly status history and the day their status
 * stays true through. Pure: it runs in the classification worker as well as in the calling thread,
 * with the same result.
 */
export function classifyHistories(
  histories: readonly CustomerHistoryInput[],
  asOf: IsoDate,
  settings: ThresholdSettings,
): ClassifiedBatch {
  const asOfDay = toEpochDay(asOf)
  const statusRows: Insertable<CustomerStatusTable>[] = []
  const changeRows: Insertable<CustomerStatusChangeTable>[] = []
  const ledgerRows: Insertable<PurchaseLedgerTable>[] = []
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
    // with a later document the ledger as of another day differs (a credit note, a purchase more)
    if (!nextDocument)
      ledgerRows.push({ customer_id: h.id, as_of: asOf, events: encodeLedgerEvents(facts.ledger.events) })
  }
  return { statusRows, changeRows, ledgerRows }
}
