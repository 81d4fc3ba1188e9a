import type { ChurnSignal, LifecycleStatus, RuleCode, SubType } from '../../../shared/lifecycle'
import { fromEpochDay, type IsoDate, toEpochDay } from '../../lib/dates'
import { type ContractFacts, type ContractState, contractStateAt } from './contracts'
import { countEventsUpTo, type PurchaseEvent, type PurchaseLedger, revenueBetween } from './purchases'
import { median, typicalIntervalAt } from './rhythm'
import { inSeason, monthOfDay, type Season, seasonAt, seasonDaysBetween } from './seasons'
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
  season: Season | null,
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
    // never bought: a prospect, not a customer who was lost
    return { status: 'prospect', rule: 'no_purchases', params: {} }
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
  if (season) return seasonalDormancy(season, last, day, t)
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

/**
 * A seasonal buyer's clock runs only in their season: lost when a whole season passed without a
 * purchase, sleeping when long overdue against their rhythm in the season, never for the off-season.
 */
function seasonalDormancy(
  season: Season,
  last: PurchaseEvent,
  day: number,
  t: LifecycleThresholds,
): Verdict | null {
  const waited = seasonDaysBetween(season, last.day, day)
  // the rule's parameters only for a verdict: most pauses looked at (findComeback) give none
  if (waited > season.days)
    return { status: 'lost', rule: 'seasonal_season_missed', params: seasonalParams(season, waited, last) }
  if (waited > t.sleepingOverdueFactor * season.intervalDays && waited >= t.minSleepingOverdueDays)
    return {
      status: 'sleeping',
      rule: 'seasonal_overdue_long',
      params: { ...seasonalParams(season, waited, last), factor: t.sleepingOverdueFactor },
    }
  return null
}

function seasonalParams(season: Season, waited: number, last: PurchaseEvent): RuleParams {
  return { ...seasonParams(season), seasonDaysSince: waited, lastPurchase: last.date }
}

function seasonParams(season: Season): RuleParams {
  return { seasonFrom: season.from, seasonTo: season.to, intervalDays: Math.round(season.intervalDays) }
}

interface Comeback {
  index: number
  params: RuleParams
  recent: boolean
}

/** How far back comebacks are looked for: the trend signals never look further back than this. */
const COMEBACK_LOOKBACK = 12

/**
 * The verdicts on the pauses before a customer's purchases (the day before each), kept while one
 * customer's status history is worked out: every month end asks for the same pauses again.
 */
export type PauseVerdicts = (Verdict | null)[]

/**
 * The most recent purchase that ended a sleeping or lost phase (a comeback), among the last few
 * purchases. `recent` tells whether it falls within the window in which the customer counts as
 * reactivated. The verdicts on pauses are kept in `pauses` where given.
 */
function findComeback(
  facts: CustomerFacts,
  count: number,
  day: number,
  t: LifecycleThresholds,
  season: Season | null,
  pauses: PauseVerdicts | undefined,
): Comeback | null {
  const { events } = facts.ledger
  // a seasonal buyer's season applies to their earlier pauses too: an off-season was no dormancy
  for (let i = count - 1; i >= Math.max(1, count - COMEBACK_LOOKBACK); i--) {
    const event = events[i]!
    const before = event.day - 1
    let verdict = pauses?.[i]
    if (verdict === undefined) {
      verdict = dormantVerdict(facts, i, before, contractStateAt(facts.contracts, before), t, season)
      if (pauses) pauses[i] = verdict
    }
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
  clock: Clock,
  t: LifecycleThresholds,
): SubType[] {
  const { events } = facts.ledger
  const result: SubType[] = []
  const { interval, daysSince } = clock
  if (count === 1 && day - events[0]!.day >= t.newWithinDays) result.push('one_time_buyer')
  if (clock.season) result.push('seasonal')
  if (count >= 3 && interval !== null) {
    const last = events[count - 1]!
    const usual = median(
      events.slice(Math.max(0, count - 1 - t.rhythmWindow), count - 1).map((e) => e.netCents),
    )!
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

/**
 * How a customer's time is measured: days since the last purchase against their rhythm; for a
 * seasonal buyer, days of their season since the last purchase against their rhythm in the season.
 */
interface Clock {
  season: Season | null
  interval: number | null
  daysSince: number
}

function clockOf(
  events: readonly PurchaseEvent[],
  count: number,
  day: number,
  t: LifecycleThresholds,
  season: Season | null,
): Clock {
  const last = count > 0 ? events[count - 1]! : null
  if (season && last)
    return { season, interval: season.intervalDays, daysSince: seasonDaysBetween(season, last.day, day) }
  return {
    season: null,
    interval: typicalIntervalAt(events, count, t.rhythmWindow),
    daysSince: last ? day - last.day : 0,
  }
}

/**
 * Classifies one customer as of a day: status, the rule that fired, sub-types, churn signals, revenue.
 * `season`: the customer's buying season; by default as their purchases up to the day show it. The
 * status history passes the season as known today, so that earlier off-seasons are not dormancy.
 */
export function classifyAt(
  facts: CustomerFacts,
  day: number,
  t: LifecycleThresholds,
  season: Season | null = seasonAt(
    facts.ledger.events,
    countEventsUpTo(facts.ledger.events, day),
    t.rhythmWindow,
  ),
): Classification {
  const { events } = facts.ledger
  const { verdict, count, clock, signals } = verdictAt(facts, day, t, season, undefined)
  const { interval } = clock
  const last = count > 0 ? events[count - 1]! : null
  return {
    status: verdict.status,
    rule: verdict.rule,
    ruleParams: verdict.params,
    subTypes: subTypesOf(facts, count, day, clock, t),
    signals,
    firstPurchase: count > 0 ? events[0]!.date : null,
    lastPurchase: last?.date ?? null,
    purchaseCount: count,
    typicalIntervalDays: interval === null ? null : Math.round(interval * 10) / 10,
    daysSinceLastPurchase: last ? day - last.day : null,
    revenueTotalCents: revenueBetween(facts.ledger, Number.NEGATIVE_INFINITY, day),
    revenue12mCents: revenueBetween(facts.ledger, day - YEAR, day),
    annualRevenueCents: last ? revenueBetween(facts.ledger, last.day - YEAR, last.day) : 0,
  }
}

/**
 * Only the status of classifyAt (the status history's month ends), with the verdicts on the
 * customer's pauses kept in `pauses` across the calls for one customer, season and thresholds.
 */
export function statusAt(
  facts: CustomerFacts,
  day: number,
  t: LifecycleThresholds,
  season: Season | null,
  pauses: PauseVerdicts,
): LifecycleStatus {
  return verdictAt(facts, day, t, season, pauses).verdict.status
}

function verdictAt(
  facts: CustomerFacts,
  day: number,
  t: LifecycleThresholds,
  season: Season | null,
  pauses: PauseVerdicts | undefined,
) {
  const { events } = facts.ledger
  const count = countEventsUpTo(events, day)
  const contract = contractStateAt(facts.contracts, day)
  const clock = clockOf(events, count, day, t, season)
  const dormant = dormantVerdict(facts, count, day, contract, t, season)
  // after a comeback, trends start afresh: the pause itself is not a lengthening interval
  const comeback = dormant || count === 0 ? null : findComeback(facts, count, day, t, season, pauses)
  const since = comeback?.index ?? 0
  const signals = detectSignals(
    {
      events,
      count,
      since,
      interval: clock.interval,
      daysSince: clock.daysSince,
      contract,
      season: clock.season,
    },
    t,
  )
  const verdict = dormant ?? decide(facts, count, day, contract, clock, signals, comeback, t)
  return { verdict, count, clock, signals }
}

function decide(
  facts: CustomerFacts,
  count: number,
  day: number,
  contract: ContractState,
  clock: Clock,
  signals: readonly ChurnSignal[],
  comeback: Comeback | null,
  t: LifecycleThresholds,
): Verdict {
  const { interval, season } = clock
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
  const waited = clock.daysSince
  if (day - first.day < t.newWithinDays) {
    return {
      status: 'new',
      rule: 'new_first_purchase',
      params: { firstPurchase: first.date, thresholdDays: t.newWithinDays },
    }
  }
  if (isOverdue({ events, count, since: 0, interval, daysSince: waited, contract }, t)) {
    if (season)
      return {
        status: 'at_risk',
        rule: 'seasonal_overdue',
        params: {
          ...seasonParams(season),
          seasonDaysSince: waited,
          lastPurchase: last.date,
          factor: t.overdueFactor,
        },
      }
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
  const offSeason = season !== null && !inSeason(season, monthOfDay(day))
  // out of season there is nothing to be at risk of yet: the signals are shown, the status waits
  if (t.signalsMakeAtRisk && otherSignals.length > 0 && !offSeason) {
    return {
      status: 'at_risk',
      rule: 'at_risk_signals',
      params: { signals: otherSignals.map((s) => s.code).join(',') },
    }
  }
  if (comeback?.recent)
    return { status: 'reactivated', rule: 'reactivated_after_pause', params: comeback.params }
  if (offSeason)
    return {
      status: 'active',
      rule: 'seasonal_off_season',
      params: { ...seasonParams(season), lastPurchase: last.date },
    }
  return { status: 'active', rule: 'active_recent_purchase', params: { daysSince, lastPurchase: last.date } }
}

export function classifyCustomer(
  facts: CustomerFacts,
  asOf: IsoDate,
  t: LifecycleThresholds,
): Classification {
  return classifyAt(facts, toEpochDay(asOf), t)
}
