import type { ChurnSignal } from '../../../shared/lifecycle'
import { type IsoDate, toEpochDay } from '../../lib/dates'
import type { Classification, CustomerFacts, RuleParams } from './classify'
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
 * document dated after asOf counts (the ledger leaves it out until its day). A seasonal buyer whose
 * rule does not name the season cannot have their season days worked out later: they are
 * classified every day (asOfDay itself).
 */
export function stableThrough(
  facts: CustomerFacts,
  asOfDay: number,
  t: LifecycleThresholds,
  classification: Pick<Classification, 'ruleParams'>,
  nextDocumentDay: number | null,
): number {
  const { events, adjustments } = facts.ledger
  const count = countEventsUpTo(events, asOfDay)
  const season = seasonAt(events, count, t.rhythmWindow)
  if (season !== null && seasonOfParams(classification.ruleParams) === null) return asOfDay
  let next = nextDocumentDay ?? Number.POSITIVE_INFINITY
  const consider = (day: number) => {
    if (day > asOfDay && day < next) next = day
  }
  for (const day of changeDaysAfter(facts, count, asOfDay, t, season)) consider(day)
  for (const e of events) consider(e.day + YEAR)
  for (const a of adjustments) consider(a.day + YEAR)
  // nothing ahead at all (lost long ago, no contracts): classified afresh after a year even so
  return Number.isFinite(next) ? next - 1 : asOfDay + YEAR
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
  const season = seasonOfParams(classification.ruleParams)
  const last = classification.ruleParams.lastPurchase
  const counter = (value: number) =>
    season && typeof last === 'string'
      ? seasonDaysBetween(season, toEpochDay(last), toEpochDay(to))
      : value + days
  const advance = <P extends Record<string, number | string>>(params: P): P => {
    let moved = params
    for (const key of ['daysSince', 'seasonDaysSince'] as const) {
      const value = moved[key]
      if (typeof value === 'number') moved = { ...moved, [key]: counter(value) }
    }
    return moved
  }
  return {
    ...classification,
    ruleParams: advance(classification.ruleParams),
    signals: classification.signals.map((s) => ({ ...s, params: advance(s.params) })),
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
