import { describe, expect, it } from 'vitest'
import { mustRetain, retainedUntil } from './retention'

describe('retention periods', () => {
  it('runs from the end of the calendar year of the document', () => {
    expect(retainedUntil('invoices', '2018-01-02')).toBe('2026-12-31')
    expect(retainedUntil('invoices', '2018-12-31')).toBe('2026-12-31')
    expect(retainedUntil('businessLetters', '2020-06-30')).toBe('2026-12-31')
    expect(retainedUntil('books', '2016-03-01')).toBe('2026-12-31')
  })

  it('keeps an invoice through the last day and lets it go the day after', () => {
    expect(mustRetain('invoices', '2018-05-05', '2026-12-31')).toBe(true)
    expect(mustRetain('invoices', '2018-05-05', '2027-01-01')).toBe(false)
    expect(mustRetain('invoices', '2017-12-31', '2026-06-30')).toBe(false)
    expect(mustRetain('businessLetters', '2020-01-01', '2026-06-30')).toBe(true)
    expect(mustRetain('businessLetters', '2019-12-31', '2026-06-30')).toBe(false)
  })
})
