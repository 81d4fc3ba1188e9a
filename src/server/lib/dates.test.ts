import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  daysBetween,
  endOfMonth,
  fromEpochDay,
  isIsoDate,
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
