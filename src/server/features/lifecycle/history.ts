import type { LifecycleStatus } from '../../../shared/lifecycle'
import {
  endOfMonth,
  fromEpochDay,
  type IsoDate,
  monthEndDay,
  monthIndexOfDay,
  monthOf,
  toEpochDay,
} from '../../lib/dates'
import { type Classification, type CustomerFacts, classifyAt, type PauseVerdicts, statusAt } from './classify'
import { countEventsUpTo } from './purchases'
import { typicalIntervalAt } from './rhythm'
import { dayWhenSeasonDaysExceed, type Season, seasonAt, seasonBoundaries } from './seasons'
import type { LifecycleThresholds } from './thresholds'

export interface StatusChange {
  /** "YYYY-MM": the status held at the end of this month (or at asOf in asOf's month) */
  month: string
  status: LifecycleStatus
  previous: LifecycleStatus | null
}

function firstActivityDay(facts: CustomerFacts): number | null {
  let first: number | null = facts.ledger.events[0]?.day ?? null
  for (const c of facts.contracts) {
    const d = toEpochDay(c.startedOn)
    if (first === null || d < first) first = d
  }
  return first
}

/** The calendar days on which a seasonal buyer's season-day thresholds are crossed after a purchase. */
export function seasonThresholdDays(season: Season, purchaseDay: number, t: LifecycleThresholds): number[] {
  const s = season.intervalDays
  return [
    t.minOverdueDays - 1,
    t.minSleepingOverdueDays - 1,
    t.overdueFactor * s,
    t.sleepingOverdueFactor * s,
    season.days,
  ].map((threshold) => dayWhenSeasonDaysExceed(season, purchaseDay, threshold))
}

/**
 * The days on which a customer's status can change. Between two of them every rule compares the same
 * purchases and the same rhythm against a steadily growing "days since", so the status is constant;
 * classifying only at these days gives the same history as classifying every month end.
 */
export function statusBreakpoints(
  facts: CustomerFacts,
  t: LifecycleThresholds,
  season: Season | null = null,
): number[] {
  const { events } = facts.ledger
  const days = new Set<number>()
  const add = (day: number) => days.add(Math.floor(day))
  for (let i = 0; i < events.length; i++) {
    const day = events[i]!.day
    add(day)
    const interval = typicalIntervalAt(events, i + 1, t.rhythmWindow)
    for (const offset of [
      t.minOverdueDays,
      t.minSleepingOverdueDays,
      t.sleepingAfterDays + 1,
      t.lostAfterDays + 1,
      t.reactivatedForDays,
      t.newWithinDays,
    ]) {
      add(day + offset)
    }
    if (interval !== null) {
      for (const factor of [t.overdueFactor, t.sleepingOverdueFactor]) add(day + factor * interval + 1)
      add(day + interval + 1)
    }
    // a seasonal buyer's thresholds count season days: the calendar day each is crossed on; and
    // signals make them at risk only in season: the first day of each season and off-season
    if (season) for (const crossed of seasonThresholdDays(season, day, t)) add(crossed)
  }
  if (season && events.length > 0)
    for (const day of seasonBoundaries(season, events[0]!.day, events.at(-1)!.day + 2 * 366)) add(day)
  for (const c of facts.contracts) {
    for (const date of [c.startedOn, c.cancelledOn, c.endsOn]) {
      if (!date) continue
      const day = toEpochDay(date)
      add(day)
      add(day + 1)
    }
    if (c.endsOn) {
      // the grace of one rhythm after a contract ended (see dormantVerdict)
      for (let i = 1; i < events.length; i++)
        add(toEpochDay(c.endsOn) + (typicalIntervalAt(events, i + 1, t.rhythmWindow) ?? 0) + 1)
    }
  }
  return [...days].sort((a, b) => a - b)
}

/** The season as the purchases up to asOf show it: the history measures every month against it. */
function seasonAsOf(facts: CustomerFacts, asOfDay: number, t: LifecycleThresholds): Season | null {
  const { events } = facts.ledger
  return seasonAt(events, countEventsUpTo(events, asOfDay), t.rhythmWindow)
}

function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/**
 * The monthly status history, run-length encoded: the status at every month end from the first
 * purchase (or contract) to asOf, kept only where it changed. Transitions such as active → lost or
 * lost → reactivated are counted from these rows. Only the month ends of months that contain a
 * breakpoint are classified: in every other month the status stays what it was.
 */
export function statusHistory(
  facts: CustomerFacts,
  asOf: IsoDate,
  t: LifecycleThresholds,
  current?: Classification,
): StatusChange[] {
  const firstDay = firstActivityDay(facts)
  const asOfDay = toEpochDay(asOf)
  if (firstDay === null || firstDay > asOfDay) return []
  const firstMonth = monthIndexOfDay(firstDay)
  const lastMonth = monthIndexOfDay(asOfDay)
  const months = new Set<number>([firstMonth, lastMonth])
  const season = seasonAsOf(facts, asOfDay, t)
  for (const day of statusBreakpoints(facts, t, season)) {
    if (day > asOfDay) break
    const month = monthIndexOfDay(day)
    if (month >= firstMonth) months.add(month)
  }
  const changes: StatusChange[] = []
  let previous: LifecycleStatus | null = null
  const pauses: PauseVerdicts = []
  for (const month of [...months].sort((a, b) => a - b)) {
    const isLast = month === lastMonth
    const status =
      isLast && current
        ? current.status
        : statusAt(facts, isLast ? asOfDay : monthEndDay(month), t, season, pauses)
    if (status !== previous) {
      changes.push({ month: monthLabel(month), status, previous })
      previous = status
    }
  }
  return changes
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The same history by classifying every single month end: the reference the fast version is tested against. */
export function statusHistoryByEveryMonth(
  facts: CustomerFacts,
  asOf: IsoDate,
  t: LifecycleThresholds,
): StatusChange[] {
  const firstDay = firstActivityDay(facts)
  const asOfDay = toEpochDay(asOf)
  if (firstDay === null || firstDay > asOfDay) return []
  const changes: StatusChange[] = []
  let previous: LifecycleStatus | null = null
  const lastMonth = monthOf(asOf)
  const season = seasonAsOf(facts, asOfDay, t)
  for (let month = monthOf(fromEpochDay(firstDay)); ; month = nextMonth(month)) {
    const isLast = month === lastMonth
    const status = classifyAt(
      facts,
      isLast ? asOfDay : toEpochDay(endOfMonth(`${month}-01`)),
      t,
      season,
    ).status
    if (status !== previous) {
      changes.push({ month, status, previous })
      previous = status
    }
    if (isLast) break
  }
  return changes
}
