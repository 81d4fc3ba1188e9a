import { monthIndexOfDay, monthStartDay } from '../../lib/dates'
import type { PurchaseEvent } from './purchases'
import { median } from './rhythm'

/**
 * A seasonal buyer's season: the months of the year they buy in (a window that may wrap the year
 * end, e.g. November to February) and their rhythm inside it. Outside the season their clock
 * stands still: they are measured by the days of the season that passed without a purchase.
 */
export interface Season {
  /** first and last month of the window, 1–12; from > to when it wraps the year end */
  from: number
  to: number
  /** months in the window */
  length: number
  /** days of one season (its months' average lengths) */
  days: number
  /** the typical interval inside a season (median of the last in-season intervals) */
  intervalDays: number
}

/** At most this many months of buying: the rest of the year (at least four months) is off-season. */
const MAX_SEASON_MONTHS = 8
const MIN_PURCHASES = 6
const MIN_SEASONS = 2
/** a season counts once it has this many purchases: two orders after a pause are no season yet */
const MIN_PER_SEASON = 3
/** a stray purchase out of season (a late order, an event) does not break the pattern */
const MAX_OUTSIDE_SHARE = 0.1
/** the off-season must last at least this many of the in-season intervals */
const OFF_SEASON_INTERVALS = 2
const DAYS_PER_MONTH = 365.25 / 12

/** The calendar month (1–12) of an epoch day. */
export function monthOfDay(day: number): number {
  return (monthIndexOfDay(day) % 12) + 1
}

export function inSeason(season: Pick<Season, 'from' | 'to'>, month: number): boolean {
  return season.from <= season.to
    ? month >= season.from && month <= season.to
    : month >= season.from || month <= season.to
}

/** Which season (by the year it starts in) a day's purchase belongs to, or null out of season. */
function seasonYearOf(season: Pick<Season, 'from' | 'to'>, day: number): number | null {
  const month = monthOfDay(day)
  if (!inSeason(season, month)) return null
  const year = Math.floor(monthIndexOfDay(day) / 12)
  return season.from > season.to && month <= season.to ? year - 1 : year
}

/**
 * The season of a customer from their first `count` purchases, or null when they do not buy
 * seasonally: at least six purchases, in at least two different years' seasons with at least three
 * purchases each, all but a tenth of them within a window of at most eight months, and an
 * off-season at least twice as long as their usual wait in the season. Pure.
 */
export function detectSeason(
  events: readonly PurchaseEvent[],
  count: number,
  rhythmWindow: number,
): Season | null {
  if (count < MIN_PURCHASES) return null
  const perMonth = new Array<number>(13).fill(0)
  for (let i = 0; i < count; i++) perMonth[monthOfDay(events[i]!.day)]!++
  const allowedOutside = Math.floor(count * MAX_OUTSIDE_SHARE)
  let best: { from: number; length: number; covered: number } | null = null
  for (let length = 1; length <= MAX_SEASON_MONTHS && !best; length++) {
    for (let from = 1; from <= 12; from++) {
      let covered = 0
      for (let k = 0; k < length; k++) covered += perMonth[((from - 1 + k) % 12) + 1]!
      if (count - covered <= allowedOutside && (!best || covered > best.covered))
        best = { from, length, covered }
    }
  }
  if (!best) return null
  const window = { from: best.from, to: ((best.from + best.length - 2) % 12) + 1 }
  const perSeason = new Map<number, number>()
  const gaps: number[] = []
  let previous: { day: number; year: number | null } | null = null
  for (let i = 0; i < count; i++) {
    const day = events[i]!.day
    const year = seasonYearOf(window, day)
    if (year !== null) perSeason.set(year, (perSeason.get(year) ?? 0) + 1)
    if (previous && year !== null && previous.year === year) gaps.push(day - previous.day)
    previous = { day, year }
  }
  const seasons = [...perSeason.values()].filter((n) => n >= MIN_PER_SEASON).length
  if (seasons < MIN_SEASONS || gaps.length === 0) return null
  const intervalDays = median(gaps.slice(-rhythmWindow))!
  // an off-season hardly longer than the usual wait is no off-season: a customer who buys three
  // times a year always fits some eight months
  if ((12 - best.length) * DAYS_PER_MONTH < OFF_SEASON_INTERVALS * intervalDays) return null
  return { ...window, length: best.length, days: Math.round(best.length * DAYS_PER_MONTH), intervalDays }
}

const seasonCache = new WeakMap<readonly PurchaseEvent[], Map<number, (Season | null | undefined)[]>>()

/** detectSeason, remembered per purchase list, window and count (the history asks for it often). */
export function seasonAt(
  events: readonly PurchaseEvent[],
  count: number,
  rhythmWindow: number,
): Season | null {
  let byWindow = seasonCache.get(events)
  if (!byWindow) {
    byWindow = new Map()
    seasonCache.set(events, byWindow)
  }
  let table = byWindow.get(rhythmWindow)
  if (!table) {
    table = new Array<Season | null | undefined>(events.length + 1).fill(undefined)
    byWindow.set(rhythmWindow, table)
  }
  let season = table[count]
  if (season === undefined) {
    season = detectSeason(events, count, rhythmWindow)
    table[count] = season
  }
  return season
}

/** Days in (fromDay, toDay] that fall in the season: the time that counts for a seasonal buyer. */
export function seasonDaysBetween(
  season: Pick<Season, 'from' | 'to'>,
  fromDay: number,
  toDay: number,
): number {
  if (toDay <= fromDay) return 0
  // counted, not walked month by month: the classification asks this for every pause of every
  // seasonal buyer at every change of their history, and the walk was a third of a night's work
  return seasonDaysBefore(season, toDay + 1) - seasonDaysBefore(season, fromDay + 1)
}

/** Days of a non-leap year's months, January first. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/** Per season (from × 13 + to): the season days of a non-leap year before each month, and of the year. */
const seasonPrefixes: (Int32Array | undefined)[] = []

function seasonPrefix(season: Pick<Season, 'from' | 'to'>): Int32Array {
  const key = season.from * 13 + season.to
  let prefix = seasonPrefixes[key]
  if (!prefix) {
    prefix = new Int32Array(13)
    for (let m = 0; m < 12; m++) prefix[m + 1] = prefix[m]! + (inSeason(season, m + 1) ? MONTH_DAYS[m]! : 0)
    seasonPrefixes[key] = prefix
  }
  return prefix
}

/** Leap years in [0, year) of the proleptic Gregorian calendar (year 0 is one). */
function leapYearsBefore(year: number): number {
  return Math.floor((year + 3) / 4) - Math.floor((year + 99) / 100) + Math.floor((year + 399) / 400)
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Days before `day` since the start of year 0 that fall in the season. */
function seasonDaysBefore(season: Pick<Season, 'from' | 'to'>, day: number): number {
  const index = monthIndexOfDay(day)
  const year = Math.floor(index / 12)
  const month = index - year * 12
  const prefix = seasonPrefix(season)
  let days = year * prefix[12]! + prefix[month]!
  if (inSeason(season, 2)) days += leapYearsBefore(year) + (month > 1 && isLeapYear(year) ? 1 : 0)
  if (inSeason(season, month + 1)) days += day - monthStartDay(index)
  return days
}

/**
 * The first day after `fromDay` on which more than `threshold` season days have passed since it:
 * where a rule on seasonDaysBetween(fromDay, day) > threshold starts to hold.
 */
export function dayWhenSeasonDaysExceed(
  season: Pick<Season, 'from' | 'to'>,
  fromDay: number,
  threshold: number,
): number {
  let needed = Math.floor(Math.max(0, threshold)) + 1
  for (let index = monthIndexOfDay(fromDay + 1); ; index++) {
    if (!inSeason(season, (index % 12) + 1)) continue
    const start = Math.max(monthStartDay(index), fromDay + 1)
    const available = monthStartDay(index + 1) - start
    if (available >= needed) return start + needed - 1
    needed -= available
  }
}

/** The first day of every season and of every off-season between two days. */
export function seasonBoundaries(
  season: Pick<Season, 'from' | 'to'>,
  fromDay: number,
  toDay: number,
): number[] {
  const days: number[] = []
  for (let index = monthIndexOfDay(fromDay); monthStartDay(index) <= toDay; index++) {
    const month = (index % 12) + 1
    if (month === season.from || month === (season.to % 12) + 1) days.push(monthStartDay(index))
  }
  return days
}
