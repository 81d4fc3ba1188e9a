import { describe, expect, it } from 'vitest'
import { type AttributionDocument, attributionWindowEnd, provingPurchase } from './attribution'

let nextId = 1
const doc = (over: Partial<AttributionDocument>): AttributionDocument => ({
  id: nextId++,
  kind: 'invoice',
  number: null,
  referenceNumber: null,
  date: '2026-03-10',
  netCents: 10_000,
  countsAsPurchase: true,
  ...over,
})

describe('provingPurchase', () => {
  const start = '2026-03-01'

  it('is the first purchase from the start day to the end of the window', () => {
    const early = doc({ date: '2026-02-28', number: 'R0' })
    const first = doc({ date: '2026-03-01', number: 'R1' })
    const later = doc({ date: '2026-04-01', number: 'R2' })
    expect(provingPurchase(start, 90, [later, early, first])).toBe(first)
    expect(attributionWindowEnd(start, 90)).toBe('2026-05-30')
    const last = doc({ date: '2026-05-30', number: 'R3' })
    expect(provingPurchase(start, 90, [last])).toBe(last)
    expect(provingPurchase(start, 90, [doc({ date: '2026-05-31' })])).toBeNull()
  })

  it('nets the credit notes and cancellations that name it; a fully credited order proves nothing', () => {
    const credited = doc({ date: '2026-03-05', number: 'R1' })
    const storno = doc({ kind: 'cancellation', date: '2026-03-06', referenceNumber: 'R1', netCents: -10_000 })
    const partly = doc({ date: '2026-03-20', number: 'R2' })
    const credit = doc({ kind: 'credit_note', date: '2026-03-25', referenceNumber: 'R2', netCents: -4_000 })
    expect(provingPurchase(start, 90, [credited, storno, partly, credit])).toBe(partly)
    // a credit note that names no invoice does not cancel a win-back
    expect(provingPurchase(start, 90, [credited, doc({ kind: 'credit_note', netCents: -10_000 })])).toBe(
      credited,
    )
  })

  it('positions of one invoice are one purchase; cancelled documents and credit notes are none', () => {
    const line1 = doc({ date: '2026-03-04', number: 'R9', netCents: 5_000 })
    const line2 = doc({ date: '2026-03-04', number: 'R9', netCents: -5_000 })
    expect(provingPurchase(start, 90, [line1, line2])).toBeNull()
    expect(provingPurchase(start, 90, [doc({ countsAsPurchase: false })])).toBeNull()
    expect(provingPurchase(start, 90, [doc({ kind: 'credit_note', netCents: 500 })])).toBeNull()
    const order = doc({ kind: 'order', date: '2026-03-02', number: 'A1' })
    expect(provingPurchase(start, 90, [order])).toBe(order)
  })
})
