/**
 * Calendar dates are ISO strings "YYYY-MM-DD" throughout the application (no time zone, no clock).
 * Day arithmetic goes through the epoch-day number.
 */
export type IsoDate = string

const MS_PER_DAY = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) return false
  if (month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return MONTH_DAYS[month - 1]!
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text)
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** Days since 1970-01-01 for an ISO date; fast path without Date parsing. */
export function toEpochDay(date: IsoDate): number {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  return Date.UTC(y, m - 1, d) / MS_PER_DAY
}

export function fromEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days)
}

/** The weekday of a date: 0 Sunday … 6 Saturday. */
export function weekdayOf(date: IsoDate): number {
  // 1970-01-01 was a Thursday
  return (((toEpochDay(date) + 4) % 7) + 7) % 7
}

/** The next Monday-to-Friday day after `date` (public holidays are not known here). */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let next = addDays(date, 1)
  while (weekdayOf(next) === 0 || weekdayOf(next) === 6) next = addDays(next, 1)
  return next
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from)
}

/** Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7)) - 1 + months
  const year = y + Math.floor(m / 12)
  const month = (((m % 12) + 12) % 12) + 1
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month))
  return isoDate(year, month, day)
}

/** The last day of the month that contains `date`. */
export function endOfMonth(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  return isoDate(y, m, daysInMonth(y, m))
}

/** "YYYY-MM" of a date. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7)
}

/** Today's date in the given IANA time zone (default Europe/Berlin), for the composition root only. */
export function todayIn(timeZone = 'Europe/Berlin', now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
  return parts.format(now)
}

/**
 * Months as one integer (year × 12 + month − 1), for walking epoch days month by month without
 * string work (status history, seasons).
 */
export function monthIndexOfDay(day: number): number {
  const at = Math.floor(day) - TABLE_FIRST_DAY
  if (at >= 0 && at < TABLE_DAYS) return TABLE_FIRST_MONTH + monthsOfDays()[at]!
  return civilMonthIndexOfDay(day)
}

/**
 * The days from 1900 to 2199, whose months are looked up (the classification asks for them millions
 * of times a night: the arithmetic below was a tenth of its work) and worked out once, on first use.
 */
const TABLE_FIRST_MONTH = 1900 * 12
const TABLE_MONTHS = 300 * 12
const TABLE_FIRST_DAY = -25_567 // 1900-01-01
const TABLE_DAYS = 109_573 // to 2199-12-31
let monthOfDayTable: Uint16Array | undefined
let monthStartTable: Int32Array | undefined

function monthsOfDays(): Uint16Array {
  if (monthOfDayTable) return monthOfDayTable
  const table = new Uint16Array(TABLE_DAYS)
  for (let at = 0; at < TABLE_DAYS; at++)
    table[at] = civilMonthIndexOfDay(TABLE_FIRST_DAY + at) - TABLE_FIRST_MONTH
  monthOfDayTable = table
  return table
}

function monthStarts(): Int32Array {
  if (monthStartTable) return monthStartTable
  const table = new Int32Array(TABLE_MONTHS + 1)
  for (let at = 0; at <= TABLE_MONTHS; at++) table[at] = civilMonthStartDay(TABLE_FIRST_MONTH + at)
  monthStartTable = table
  return table
}

function civilMonthIndexOfDay(day: number): number {
  // the civil calendar from the day count in integer arithmetic (H. Hinnant's civil_from_days):
  // classification asks this millions of times, and a Date per call was a tenth of its time
  const z = Math.floor(day) + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  // months counted from March, so the leap day is the year's last
  const shifted = Math.floor((5 * dayOfYear + 2) / 153)
  const month = shifted < 10 ? shifted + 3 : shifted - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return year * 12 + month - 1
}

/** The epoch day a month index starts on. */
export function monthStartDay(index: number): number {
  const at = index - TABLE_FIRST_MONTH
  if (at >= 0 && at <= TABLE_MONTHS && Number.isInteger(at)) return monthStarts()[at]!
  return civilMonthStartDay(index)
}

/** H. Hinnant's days_from_civil. */
function civilMonthStartDay(index: number): number {
  const month = index - Math.floor(index / 12) * 12 + 1
  const year = Math.floor(index / 12) - (month <= 2 ? 1 : 0)
  const era = Math.floor(year / 400)
  const yearOfEra = year - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5)
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** The epoch day a month index ends on. */
export function monthEndDay(index: number): number {
  return monthStartDay(index + 1) - 1
}
