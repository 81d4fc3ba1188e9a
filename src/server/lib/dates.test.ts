import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  daysBetween,
  endOfMonth,
  fromEpochDay,
  isIsoDate,
  monthEndDay,
  monthIndexOfDay,
  monthStartDay,
  todayIn,
  toEpochDay,
} from './dates'

describe('dates', () => {
  it('does day arithmetic across leap years and month ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01')
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366)
    expect(fromEpochDay(toEpochDay('1997-09-30'))).toBe('1997-09-30')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2024-03-15', -14)).toBe('2023-01-15')
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29')
  })

  it('validates ISO dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2024-13-01')).toBe(false)
  })

  it("takes today's date in the company's time zone", () => {
    expect(todayIn('Europe/Berlin', new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01')
    expect(todayIn('UTC', new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31')
  })
})

describe('months as integers', () => {
  it('agree with the calendar for every day from 1700 to 2300 and every month of it', () => {
    const MS = 86_400_000
    for (let day = toEpochDay('1700-01-01'); day <= toEpochDay('2300-12-31'); day++) {
      const d = new Date(day * MS)
      const index = d.getUTCFullYear() * 12 + d.getUTCMonth()
      if (monthIndexOfDay(day) !== index)
        throw new Error(`month of ${fromEpochDay(day)}: ${monthIndexOfDay(day)}`)
      // a day and a half later is still read by its whole day
      if (monthIndexOfDay(day + 0.5) !== index) throw new Error(`month of ${fromEpochDay(day)} + 0.5`)
    }
    for (let index = 1700 * 12; index <= 2300 * 12; index++) {
      const start = Date.UTC(Math.floor(index / 12), index % 12, 1) / MS
      if (monthStartDay(index) !== start) throw new Error(`start of month ${index}: ${monthStartDay(index)}`)
    }
    expect(fromEpochDay(monthStartDay(monthIndexOfDay(toEpochDay('2024-02-29'))))).toBe('2024-02-01')
    expect(fromEpochDay(monthEndDay(monthIndexOfDay(toEpochDay('2024-02-10'))))).toBe('2024-02-29')
    expect(fromEpochDay(monthEndDay(monthIndexOfDay(toEpochDay('1969-12-31'))))).toBe('1969-12-31')
    expect(monthIndexOfDay(-0.5)).toBe(1969 * 12 + 11)
    // the edges of the days and months looked up (1900–2199) and the first ones worked out beyond
    for (const [date, index] of [
      ['1899-12-31', 1899 * 12 + 11],
      ['1900-01-01', 1900 * 12],
      ['2199-12-31', 2199 * 12 + 11],
      ['2200-01-01', 2200 * 12],
    ] as const) {
      expect(monthIndexOfDay(toEpochDay(date))).toBe(index)
      expect(monthStartDay(index)).toBe(toEpochDay(`${date.slice(0, 7)}-01`))
    }
  })
})
