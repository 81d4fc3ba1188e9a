import { describe, expect, it } from 'vitest'
import { classifyCustomer } from './classify'
import { statusHistory } from './history'
import { buildPurchaseLedger, type SalesDocument } from './purchases'
import { defaultThresholds } from './thresholds'

function invoice(date: string): SalesDocument {
  return {
    date,
    kind: 'invoice',
    netCents: 10000,
    countsAsPurchase: true,
    number: null,
    referenceNumber: null,
  }
}

describe('monthly status history', () => {
  it('records each change of status at a month end, so transitions can be counted', () => {
    const docs = ['2024-01-15', '2024-02-15', '2024-03-15', '2024-04-15', '2025-08-01', '2025-09-01'].map(
      invoice,
    )
    const asOf = '2025-10-10'
    const facts = { ledger: buildPurchaseLedger(docs, asOf), contracts: [], isProjectCustomer: false }
    const history = statusHistory(facts, asOf, defaultThresholds)
    expect(history).toEqual([
      { month: '2024-01', status: 'new', previous: null },
      { month: '2024-04', status: 'active', previous: 'new' },
      { month: '2024-06', status: 'at_risk', previous: 'active' },
      { month: '2024-08', status: 'sleeping', previous: 'at_risk' },
      { month: '2025-04', status: 'lost', previous: 'sleeping' },
      { month: '2025-08', status: 'reactivated', previous: 'lost' },
    ])
    expect(history.at(-1)!.status).toBe(classifyCustomer(facts, asOf, defaultThresholds).status)
  })

  it('is empty for a customer without purchases or contracts', () => {
    const facts = { ledger: buildPurchaseLedger([], '2025-01-01'), contracts: [], isProjectCustomer: false }
    expect(statusHistory(facts, '2025-01-01', defaultThresholds)).toEqual([])
  })
})

describe('fast history equals classifying every month end', () => {
  /** a small seeded generator (mulberry32) so the property test is repeatable */
  function random(seed: number) {
    let a = seed
    return () => {
      a |= 0
      a = (a + 0x6d2b79f5) | 0
      let x = Math.imul(a ^ (a >>> 15), 1 | a)
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296
    }
  }

  it('on 2,000 random purchase histories with credit notes and contracts', async () => {
    const { addDays } = await import('../../lib/dates')
    const { statusHistoryByEveryMonth } = await import('./history')
    const rnd = random(42)
    for (let n = 0; n < 2000; n++) {
      const start = '2019-01-01'
      const docs: SalesDocument[] = []
      let day = Math.floor(rnd() * 800)
      const gapScale = 5 + rnd() * 200
      const count = Math.floor(rnd() * 25)
      for (let i = 0; i < count; i++) {
        docs.push({
          ...invoice(addDays(start, day)),
          netCents: Math.round(1000 + rnd() * 100000),
          number: `R${i}`,
        })
        if (rnd() < 0.1) {
          docs.push({
            date: addDays(start, day + 2),
            kind: 'credit_note',
            netCents: -500,
            countsAsPurchase: false,
            number: null,
            referenceNumber: rnd() < 0.5 ? `R${i}` : null,
          })
        }
        day += Math.floor(rnd() * gapScale * (rnd() < 0.1 ? 8 : 1)) + 1
      }
      const contracts =
        rnd() < 0.2
          ? [
              {
                startedOn: addDays(start, Math.floor(rnd() * 900)),
                cancelledOn: rnd() < 0.5 ? addDays(start, 1000 + Math.floor(rnd() * 300)) : null,
                endsOn: rnd() < 0.6 ? addDays(start, 1200 + Math.floor(rnd() * 600)) : null,
              },
            ]
          : []
      const asOf = addDays(start, 1500 + Math.floor(rnd() * 800))
      const t = {
        ...defaultThresholds,
        overdueFactor: 1.5 + rnd() * 2,
        lostAfterDays: 200 + Math.floor(rnd() * 400),
      }
      const facts = { ledger: buildPurchaseLedger(docs, asOf), contracts, isProjectCustomer: false }
      expect(statusHistory(facts, asOf, t), `history ${n}`).toEqual(statusHistoryByEveryMonth(facts, asOf, t))
    }
  })

  it('on 500 random seasonal buyers, whose clock stands still out of season', async () => {
    const { addDays, toEpochDay, fromEpochDay } = await import('../../lib/dates')
    const { statusHistoryByEveryMonth } = await import('./history')
    const { seasonAt } = await import('./seasons')
    const rnd = random(7)
    let seasonal = 0
    for (let n = 0; n < 500; n++) {
      const from = 1 + Math.floor(rnd() * 12)
      const length = 2 + Math.floor(rnd() * 6)
      const months = new Set(Array.from({ length }, (_, k) => ((from - 1 + k) % 12) + 1))
      const docs: SalesDocument[] = []
      const start = toEpochDay('2019-01-01') + Math.floor(rnd() * 300)
      // seasons end early now and then: the buyer drifts away or misses a whole season
      const stop = start + 400 + Math.floor(rnd() * 1800)
      const step = 5 + Math.floor(rnd() * 30)
      for (let day = start; day < stop; day += step + Math.floor(rnd() * step)) {
        const month = Number(fromEpochDay(day).slice(5, 7))
        if (months.has(month) || rnd() < 0.02) docs.push(invoice(fromEpochDay(day)))
      }
      const asOf = addDays('2019-01-01', 1500 + Math.floor(rnd() * 1000))
      const t = { ...defaultThresholds, overdueFactor: 1.5 + rnd() * 2 }
      const facts = { ledger: buildPurchaseLedger(docs, asOf), contracts: [], isProjectCustomer: false }
      if (seasonAt(facts.ledger.events, facts.ledger.events.length, t.rhythmWindow)) seasonal++
      expect(statusHistory(facts, asOf, t), `seasonal history ${n}`).toEqual(
        statusHistoryByEveryMonth(facts, asOf, t),
      )
    }
    // the property is only worth something if most of these buyers are recognised as seasonal
    expect(seasonal).toBeGreaterThan(300)
  })
})
