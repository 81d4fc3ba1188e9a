import type { ChurnSignal, LifecycleStatus, RuleCode, SubType } from '../../../shared/lifecycle'
import { fromEpochDay, type IsoDate, toEpochDay } from '../../lib/dates'
import { type ContractFacts, type ContractState, contractStateAt } from './contracts'
import { countEventsUpTo, type PurchaseLedger, revenueBetween } from './purchases'
import { median, typicalIntervalAt } from './rhythm'
import { detectSignals, isOverdue } from './signals'
import type { LifecycleThresholds } from './thresholds'

export interface CustomerFacts {
  ledger: PurchaseLedger
  contracts: readonly ContractFacts[]
  isProjectCustomer: boolean
}

export type RuleParams = Record<string, number | string>

export interface Classification {
  status: LifecycleStatus
  rule: RuleCode
  ruleParams: RuleParams
  subTypes: SubType[]
  signals: ChurnSignal[]
  firstPurchase: IsoDate | null
  lastPurchase: IsoDate | null
  purchaseCount: number
  typicalIntervalDays: number | null
  daysSinceLastPurchase: number | null
  revenueTotalCents: number
  revenue12mCents: number
  annualRevenueCents: number
}

interface Verdict {
  status: LifecycleStatus
  rule: RuleCode
  params: RuleParams
}

const YEAR = 365

/**
 * The rules that do not depend on what happened before: no purchases, contract ended, lost, sleeping.
 * Returns null when the customer is still buying (new, active, at risk or reactivated is decided later).
 */
function dormantVerdict(
  facts: CustomerFacts,
  count: number,
  day: number,
  contract: ContractState,
  t: LifecycleThresholds,
): Verdict | null {
  const { events } = facts.ledger
  if (count === 0) {
    if (contract.active) return null
    if (contract.endedDay !== null) {
      return {
        status: 'lost',
        rule: 'lost_contract_ended',
        params: { endedOn: fromEpochDay(contract.endedDay) },
      }
    }
    return { status: 'lost', rule: 'no_purchases', params: {} }
  }
  if (contract.active) return null
  const last = events[count - 1]!
  const daysSince = day - last.day
  const lastPurchase = last.date
  const interval = typicalIntervalAt(events, count, t.rhythmWindow)
  // the last invoice of a contract often comes shortly before its end: allow one rhythm of grace
  if (
    contract.endedDay !== null &&
    last.day <= contract.endedDay &&
    day - contract.endedDay > (interval ?? 0)
  ) {
    return {
      status: 'lost',
      rule: 'lost_contract_ended',
      params: { endedOn: fromEpochDay(contract.endedDay), lastPurchase },
    }
  }
  if (daysSince > t.lostAfterDays) {
    return {
      status: 'lost',
      rule: 'lost_no_purchase',
      params: { daysSince, lastPurchase, thresholdDays: t.lostAfterDays },
    }
  }
  if (
    interval !== null &&
    daysSince > t.sleepingOverdueFactor * interval &&
    daysSince >= t.minSleepingOverdueDays
  ) {
    return {
      status: 'sleeping',
      rule: 'sleeping_overdue_long',
      params: {
        daysSince,
        lastPurchase,
        intervalDays: Math.round(interval),
        factor: t.sleepingOverdueFactor,
      },
    }
  }
  if (daysSince > t.sleepingAfterDays && (interval === null || daysSince > t.overdueFactor * interval)) {
    return {
      status: 'sleeping',
      rule: 'sleeping_no_purchase',
      params: { daysSince, lastPurchase, thresholdDays: t.sleepingAfterDays },
    }
  }
  return null
}

interface Comeback {
  index: number
  params: RuleParams
  recent: boolean
}

/** How far back comebacks are looked for: the trend signals never look further back than this. */
const COMEBACK_LOOKBACK = 12

/**
 * The most recent purchase that ended a sleeping or lost phase (a comeback), among the last few
 * purchases. `recent` tells whether it falls within the window in which the customer counts as
 * reactivated.
 */
function findComeback(
  facts: CustomerFacts,
  count: number,
  day: number,
  t: LifecycleThresholds,
): Comeback | null {
  const { events } = facts.ledger
  for (let i = count - 1; i >= Math.max(1, count - COMEBACK_LOOKBACK); i--) {
    const event = events[i]!
    const before = event.day - 1
    const verdict = dormantVerdict(facts, i, before, contractStateAt(facts.contracts, before), t)
    if (verdict) {
      const params = {
        reactivatedOn: event.date,
        pauseDays: event.day - events[i - 1]!.day,
        previousStatus: verdict.status,
      }
      return { index: i, params, recent: event.day > day - t.reactivatedForDays }
    }
  }
  return null
}

function subTypesOf(
  facts: CustomerFacts,
  count: number,
  day: number,
  interval: number | null,
  t: LifecycleThresholds,
): SubType[] {
  const { events } = facts.ledger
  const result: SubType[] = []
  if (count === 1 && day - events[0]!.day >= t.newWithinDays) result.push('one_time_buyer')
  if (count >= 3 && interval !== null) {
    const last = events[count - 1]!
    const usual = median(
      events.slice(Math.max(0, count - 1 - t.rhythmWindow), count - 1).map((e) => e.netCents),
    )!
    const daysSince = day - last.day
    if (
      last.netCents >= t.stockUpFactor * usual &&
      daysSince > t.overdueFactor * interval &&
      daysSince >= t.minOverdueDays
    ) {
      result.push('stock_up_buyer')
    }
  }
  if (facts.isProjectCustomer) result.push('project_customer')
  return result
}

/** Classifies one customer as of a day: status, the rule that fired, sub-types, churn signals, revenue. */
export function classifyAt(facts: CustomerFacts, day: number, t: LifecycleThresholds): Classification {
  const { events } = facts.ledger
  const count = countEventsUpTo(events, day)
  const contract = contractStateAt(facts.contracts, day)
  const interval = typicalIntervalAt(events, count, t.rhythmWindow)
  const last = count > 0 ? events[count - 1]! : null
  const daysSince = last ? day - last.day : null
  const dormant = dormantVerdict(facts, count, day, contract, t)
  // after a comeback, trends start afresh: the pause itself is not a lengthening interval
  const comeback = dormant || count === 0 ? null : findComeback(facts, count, day, t)
  const since = comeback?.index ?? 0
  const signals = detectSignals({ events, count, since, interval, daysSince: daysSince ?? 0, contract }, t)
  const verdict = dormant ?? decide(facts, count, day, contract, interval, signals, comeback, t)
  return {
    status: verdict.status,
    rule: verdict.rule,
    ruleParams: verdict.params,
    subTypes: subTypesOf(facts, count, day, interval, t),
    signals,
    firstPurchase: count > 0 ? events[0]!.date : null,
    lastPurchase: last?.date ?? null,
    purchaseCount: count,
    typicalIntervalDays: interval === null ? null : Math.round(interval * 10) / 10,
    daysSinceLastPurchase: daysSince,
    revenueTotalCents: revenueBetween(facts.ledger, Number.NEGATIVE_INFINITY, day),
    revenue12mCents: revenueBetween(facts.ledger, day - YEAR, day),
    annualRevenueCents: last ? revenueBetween(facts.ledger, last.day - YEAR, last.day) : 0,
  }
}

function decide(
  facts: CustomerFacts,
  count: number,
  day: number,
  contract: ContractState,
  interval: number | null,
  signals: readonly ChurnSignal[],
  comeback: Comeback | null,
  t: LifecycleThresholds,
): Verdict {
  const { events } = facts.ledger
  if (count === 0) {
    const cancelled = signals.find((s) => s.code === 'contract_cancelled')
    if (cancelled && t.signalsMakeAtRisk)
      return { status: 'at_risk', rule: 'at_risk_signals', params: { signals: 'contract_cancelled' } }
    return { status: 'active', rule: 'active_contract', params: {} }
  }
  const first = events[0]!
  const last = events[count - 1]!
  const daysSince = day - last.day
  if (day - first.day < t.newWithinDays) {
    return {
      status: 'new',
      rule: 'new_first_purchase',
      params: { firstPurchase: first.date, thresholdDays: t.newWithinDays },
    }
  }
  if (isOverdue({ events, count, since: 0, interval, daysSince, contract }, t)) {
    return {
      status: 'at_risk',
      rule: 'at_risk_overdue',
      params: {
        daysSince,
        lastPurchase: last.date,
        intervalDays: Math.round(interval!),
        factor: t.overdueFactor,
      },
    }
  }
  const otherSignals = signals.filter((s) => s.code !== 'overdue')
  if (t.signalsMakeAtRisk && otherSignals.length > 0) {
    return {
      status: 'at_risk',
      rule: 'at_risk_signals',
      params: { signals: otherSignals.map((s) => s.code).join(',') },
    }
  }
  if (comeback?.recent)
    return { status: 'reactivated', rule: 'reactivated_after_pause', params: comeback.params }
  return { status: 'active', rule: 'active_recent_purchase', params: { daysSince, lastPurchase: last.date } }
}

export function classifyCustomer(
  facts: CustomerFacts,
  asOf: IsoDate,
  t: LifecycleThresholds,
): Classification {
  return classifyAt(facts, toEpochDay(asOf), t)
}
