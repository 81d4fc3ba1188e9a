import { describe, expect, it } from 'vitest'
import { loadCdnowSampleTransactions, loadCdnowSummary } from '../../../../test/cdnow'
import { toEpochDay } from '../../lib/dates'
import { holdoutPurchases, purchaseDays, summarize } from './summary'

describe('customer summaries from transactions', () => {
  it('reproduce the published CDNOW calibration summary exactly (2,357 customers, weeks, to 2 decimals)', () => {
    const byCustomer = new Map<number, { day: number; amountCents: number }[]>()
    for (const t of loadCdnowSampleTransactions()) {
      const list = byCustomer.get(t.customer) ?? []
      list.push({ day: toEpochDay(t.date), amountCents: Math.round(t.dollars * 100) })
      byCustomer.set(t.customer, list)
    }
    const end = toEpochDay('1997-09-30')
    const published = loadCdnowSummary()
    expect(byCustomer.size).toBe(published.length)
    for (const row of published) {
      const s = summarize(byCustomer.get(row.id)!, end, 'week')!
      expect(s.x, `customer ${row.id}`).toBe(row.x)
      expect(Math.round(s.tx * 100) / 100, `customer ${row.id}`).toBeCloseTo(row.tx, 10)
      expect(Math.round(s.T * 100) / 100, `customer ${row.id}`).toBeCloseTo(row.T, 10)
      expect(Math.round(s.monetaryCents) / 100, `customer ${row.id}`).toBeCloseTo(row.zbar, 1)
    }
  })

  it('merges same-day purchases, nets credit notes and ignores returns-only days', () => {
    const days = purchaseDays([
      { day: 10, amountCents: 1000 },
      { day: 10, amountCents: 500 },
      { day: 12, amountCents: -300 },
      { day: 15, amountCents: 2000 },
      { day: 15, amountCents: -2000 },
      { day: 20, amountCents: 0 },
      { day: 25, amountCents: 4000 },
      { day: 25, amountCents: -1000 },
    ])
    expect(days).toEqual([
      { day: 10, amountCents: 1500 },
      { day: 20, amountCents: 0 },
      { day: 25, amountCents: 3000 },
    ])
  })

  it('summarises in days, weeks and months, and counts holdout purchases', () => {
    const tx = [0, 7, 14, 70].map((day) => ({ day, amountCents: 100 }))
    expect(summarize(tx, 28, 'day')).toEqual({ x: 2, tx: 14, T: 28, monetaryCents: 100, firstDay: 0 })
    expect(summarize(tx, 28, 'week')).toMatchObject({ x: 2, tx: 2, T: 4 })
    expect(summarize(tx, 28, 'month')!.T).toBeCloseTo(28 / (365.25 / 12), 12)
    expect(summarize(tx, -1, 'day')).toBeNull()
    expect(holdoutPurchases(tx, 28, 100)).toBe(1)
  })
})
