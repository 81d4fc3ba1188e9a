import type { ChurnSignal } from '../../../shared/lifecycle'
import { fromEpochDay, type IsoDate, toEpochDay } from '../../lib/dates'
import { type Classification, type CustomerFacts, classifyAt, type RuleParams } from './classify'
import { seasonThresholdDays } from './history'
import { countEventsUpTo } from './purchases'
import { typicalIntervalAt } from './rhythm'
import { type Season, seasonAt, seasonBoundaries, seasonDaysBetween } from './seasons'
import type { LifecycleThresholds } from './thresholds'

/** Revenue in the last 365 days counts purchases after day − 365 (see classifyAt). */
const YEAR = 365

/**
 * The last day through which a customer's classification as of `asOfDay` stays true when nothing new
 * is recorded for them: status, rule, sub-types, signals, revenues and status history are the same
 * on every day up to it, except the days since the last purchase (`advanceDayCounters` works them
 * out for a later day). The nightly job reclassifies only customers past this day.
 *
 * It is the day before the first day after asOf on which a rule's outcome can change
 * (`changeDaysAfter`), a purchase or credit note leaves the 365-day revenue window, or the next
 * document dated after asOf counts (the ledger leaves it out until its day); of the first
 * CONFIRMED_DAYS such days, those on which classifying gives the same are passed. A seasonal
 * buyer's row with a counter in season days that names no season (a row from before the overdue
 * signal named it) cannot have its days counted on later: such a row is classified every day
 * (asOfDay itself).
 */
export function stableThrough(
  facts: CustomerFacts,
  asOfDay: number,
  t: LifecycleThresholds,
  classification: Classification,
  nextDocumentDay: number | null,
): number {
  const { events, adjustments } = facts.ledger
  const count = countEventsUpTo(events, asOfDay)
  const season = seasonAt(events, count, t.rhythmWindow)
  if (season !== null && !countersNameTheirSeason(classification)) return asOfDay
  const limit = nextDocumentDay ?? Number.POSITIVE_INFINITY
  const candidates = new Set<number>()
  const consider = (day: number) => {
    if (day > asOfDay && day < limit) candidates.add(day)
  }
  for (const day of changeDaysAfter(facts, count, asOfDay, t, season)) consider(day)
  for (const e of events) consider(e.day + YEAR)
  for (const a of adjustments) consider(a.day + YEAR)
  const ahead = [...candidates].sort((a, b) => a - b)
  // the first days on which a rule could decide differently are looked at: where it does not (most
  // do not: a threshold the rhythm keeps the customer short of), the row stays true past them
  let confirmed = 0
  while (confirmed < Math.min(ahead.length, CONFIRMED_DAYS)) {
    const day = ahead[confirmed]!
    if (!classifiesAsAdvanced(facts, day, t, classification, asOfDay)) return day - 1
    confirmed++
  }
  const next = ahead[confirmed]
  if (next !== undefined) return next - 1
  // nothing ahead at all (lost long ago, no contracts): classified afresh after a year even so
  return Number.isFinite(limit) ? limit - 1 : asOfDay + YEAR
}

/**
 * How many of the days ahead on which a rule could decide differently are classified on to see
 * whether it does. At a million customers about 5 % have such a day on any night, and most keep
 * everything on it (the night after an import, 47,033 customers were due without looking ahead and
 * 14,288 with): each day looked at saves a night's classification of the customer for one here.
 */
const CONFIRMED_DAYS = 4

/** Whether classifying as of a later day (no new document) gives the classification as of asOf, its counters moved on. */
function classifiesAsAdvanced(
  facts: CustomerFacts,
  day: number,
  t: LifecycleThresholds,
  classification: Classification,
  asOfDay: number,
): boolean {
  const later = classifyAt(facts, day, t)
  const moved = classificationAdvanced(classification, fromEpochDay(asOfDay), fromEpochDay(day))
  return JSON.stringify(later) === JSON.stringify(moved)
}

/** How far back a comeback purchase is looked for (COMEBACK_LOOKBACK in classify.ts), and one more. */
const COMEBACK_REACH = 13

/**
 * The days after asOf on which a rule can decide differently while the purchases up to asOf stay
 * the only ones: the thresholds counted from the last purchase against the rhythm as of asOf,
 * the end of "new" and of each comeback's "reactivated", the contracts' days, and for a seasonal
 * buyer the days their season-day thresholds are crossed and the season's first and last days.
 * (`statusBreakpoints` in history.ts lists such days for every purchase, for the history.)
 */
function changeDaysAfter(
  facts: CustomerFacts,
  count: number,
  asOfDay: number,
  t: LifecycleThresholds,
  season: Season | null,
): number[] {
  const { events } = facts.ledger
  const days: number[] = []
  const interval = count > 0 ? typicalIntervalAt(events, count, t.rhythmWindow) : null
  if (count > 0) {
    const last = events[count - 1]!.day
    for (const offset of [
      t.minOverdueDays,
      t.minSleepingOverdueDays,
      t.sleepingAfterDays + 1,
      t.lostAfterDays + 1,
    ])
      days.push(last + offset)
    if (interval !== null)
      for (const factor of [t.overdueFactor, t.sleepingOverdueFactor, 1])
        days.push(Math.floor(last + factor * interval + 1))
    days.push(events[0]!.day + t.newWithinDays)
    for (let i = Math.max(0, count - COMEBACK_REACH); i < count; i++)
      days.push(events[i]!.day + t.reactivatedForDays)
    if (season)
      days.push(
        ...seasonThresholdDays(season, last, t),
        ...seasonBoundaries(season, asOfDay, asOfDay + 2 * YEAR),
      )
  }
  for (const c of facts.contracts) {
    for (const date of [c.startedOn, c.cancelledOn, c.endsOn]) {
      if (!date) continue
      days.push(toEpochDay(date), toEpochDay(date) + 1)
    }
    // the grace of one rhythm after a contract ended (dormantVerdict in classify.ts)
    if (c.endsOn) days.push(Math.floor(toEpochDay(c.endsOn) + (interval ?? 0) + 1))
  }
  return days
}

/**
 * Whether a seasonal buyer's day counters in season days can be counted on for a later day: each
 * names the season it counts in (a seasonal rule's params; a seasonal buyer's overdue signal). Their
 * other counters (a rule that is not a seasonal one) count calendar days.
 */
function countersNameTheirSeason(c: Pick<Classification, 'ruleParams' | 'signals'>): boolean {
  return c.signals.every(
    (s) => typeof s.params.daysSince !== 'number' || seasonOfCounter(s.params, c.ruleParams) !== null,
  )
}

/**
 * The season a day counter counts in, with the last purchase it counts from: the one its own params
 * name, else (for a signal) its rule's; null where it counts plain days.
 */
function seasonOfCounter(
  params: RuleParams,
  rule: RuleParams | null,
): { season: Pick<Season, 'from' | 'to'>; lastPurchase: RuleParams[string] | undefined } | null {
  const named = seasonOfParams(params) ? params : rule
  const season = named ? seasonOfParams(named) : null
  return season && named ? { season, lastPurchase: named.lastPurchase } : null
}

/** The season a seasonal rule names (its months), from which its season days can be counted. */
function seasonOfParams(params: RuleParams): Pick<Season, 'from' | 'to'> | null {
  return typeof params.seasonFrom === 'number' && typeof params.seasonTo === 'number'
    ? { from: params.seasonFrom, to: params.seasonTo }
    : null
}

/**
 * The day counters of a classification as of `from`, worked out for a later day `to` within its
 * stable range (the rest stays, see stableThrough): the days since the last purchase, or for a
 * seasonal rule the days of the season since then.
 */
export function advanceDayCounters<C extends { ruleParams: RuleParams; signals: readonly ChurnSignal[] }>(
  classification: C,
  from: IsoDate,
  to: IsoDate,
): C {
  if (to <= from) return classification
  const days = toEpochDay(to) - toEpochDay(from)
  const rule = classification.ruleParams
  // counters in season days where the params (or, for a signal, the rule's) name the season
  const advance = <P extends Record<string, number | string>>(params: P, inherited: RuleParams | null): P => {
    const counted = seasonOfCounter(params, inherited)
    const last = counted?.lastPurchase
    const counter = (value: number) =>
      counted && typeof last === 'string'
        ? seasonDaysBetween(counted.season, toEpochDay(last), toEpochDay(to))
        : value + days
    let moved = params
    for (const key of ['daysSince', 'seasonDaysSince'] as const) {
      const value = moved[key]
      if (typeof value === 'number') moved = { ...moved, [key]: counter(value) }
    }
    return moved
  }
  return {
    ...classification,
    ruleParams: advance(rule, null),
    signals: classification.signals.map((s) => ({ ...s, params: advance(s.params, rule) })),
  }
}

/** The later of a status row's day and the base's classification day (a row is never shown as of an earlier day). */
export function laterDay(rowAsOf: IsoDate, day: IsoDate | null): IsoDate {
  return day !== null && day > rowAsOf ? day : rowAsOf
}

/**
 * A stored status row's rule params and signals as the base's classification day shows them: a row
 * that stayed true since an earlier day, with its day counters moved on (what every reader shows).
 */
export function storedAsOf(
  stored: { asOf: IsoDate; ruleParams: RuleParams; signals: ChurnSignal[] },
  classifiedAsOf: IsoDate | null,
): { ruleParams: RuleParams; signals: ChurnSignal[] } {
  return advanceDayCounters(stored, stored.asOf, laterDay(stored.asOf, classifiedAsOf))
}

/** A whole classification as of a later day within its stable range (what a reader of old rows shows). */
export function classificationAdvanced(c: Classification, from: IsoDate, to: IsoDate): Classification {
  return {
    ...advanceDayCounters(c, from, to),
    daysSinceLastPurchase:
      c.daysSinceLastPurchase === null ? null : c.daysSinceLastPurchase + toEpochDay(to) - toEpochDay(from),
  }
}
