import { describe, expect, it } from 'vitest'
import { formatDate } from '../../shared/i18n/format'
import { dayOfTyped } from './typed-day'

describe('days as people type them', () => {
  it('reads German, English and ISO days', () => {
    expect(dayOfTyped('7.12.2026')).toBe('2026-12-07')
    expect(dayOfTyped(' 07.12.26 ')).toBe('2026-12-07')
    expect(dayOfTyped('07/12/2026')).toBe('2026-12-07')
    expect(dayOfTyped('2026-12-07')).toBe('2026-12-07')
    expect(dayOfTyped('29.02.2028')).toBe('2028-02-29')
  })

  it('refuses days that do not exist and anything else', () => {
    expect(dayOfTyped('31.02.2026')).toBeNull()
    expect(dayOfTyped('29.02.2026')).toBeNull()
    expect(dayOfTyped('13.13.2026')).toBeNull()
    expect(dayOfTyped('0.1.2026')).toBeNull()
    expect(dayOfTyped('morgen')).toBeNull()
    expect(dayOfTyped('')).toBeNull()
  })

  it('reads back a day written the reader’s way', () => {
    expect(formatDate('2026-12-07', 'de')).toBe('07.12.2026')
    expect(formatDate('2026-12-07', 'en')).toBe('07/12/2026')
    for (const locale of ['de', 'en'] as const)
      expect(dayOfTyped(formatDate('2026-01-31', locale))).toBe('2026-01-31')
  })
})
