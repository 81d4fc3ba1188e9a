import { describe, expect, it } from 'vitest'
import { loadDonations } from '../../../../test/cdnow'
import { fromEpochDay, toEpochDay } from '../../lib/dates'
import { bgBbExpected, bgBbExpectedIfAlive, bgBbPAlive } from './models/bgbb'
import type { CustomerTransactions } from './score'
import { Periods, scoreDiscrete } from './score-discrete'

/**
 * The donations data of Fader, Hardie & Shang (2010) as purchase histories: 11,104 donors first
 * gave in 1995 and had six yearly opportunities (1996–2001). A donor with x repeat years, the last
 * in year t_x, gave in the x years up to 1995 + t_x (BG/BB sees only x, t_x and n).
 */
function donors(): CustomerTransactions[] {
  const customers: CustomerTransactions[] = []
  for (const row of loadDonations()) {
    for (let i = 0; i < row.weight; i++) {
      const years = [1995]
      for (let k = row.tx - row.x + 1; k <= row.tx; k++) years.push(1995 + k)
      customers.push({
        id: String(customers.length + 1),
        // a donation in November, a second one at Christmas in some years: one transaction per year
        transactions: years.flatMap((y) => [
          { day: toEpochDay(`${y}-11-15`), amountCents: 5000 },
          ...(i % 3 === 0 ? [{ day: toEpochDay(`${y}-12-24`), amountCents: 2500 }] : []),
        ]),
      })
    }
  }
  return customers
}

const options = { horizon: 5, clvMonths: 60, monthlyDiscountRate: 0.01, model: 'bgbb' as const }

describe('BG/BB from purchase histories, by period', () => {
  const customers = donors()
  const result = scoreDiscrete(customers, {
    ...options,
    unit: 'year',
    calibrationEnd: toEpochDay('2001-12-31'),
  })

  it('reproduces the published fit of the donations data (alpha 1.204, beta 0.750, gamma 0.657, delta 2.783)', () => {
    expect(result.customers).toHaveLength(11_104)
    const published = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }
    for (const [name, value] of Object.entries(published))
      expect(Math.abs(result.params[name]! - value), name).toBeLessThanOrEqual(0.0005 + 1e-3 * value)
    expect(result.logLikelihood).toBeCloseTo(-33225.6, 0)
    expect(result).toMatchObject({ model: 'bgbb', timeUnit: 'year', chosenBy: 'requested', holdout: null })
  })

  it('scores each donor with P(alive), the next five years and the value', () => {
    const p = result.params as { alpha: number; beta: number; gamma: number; delta: number }
    // a donor who gave in all six years: x = 6, t_x = 6, n = 6
    const loyal = result.customers.find((c) => c.x === 6)!
    expect(loyal).toMatchObject({ x: 6, tx: 6, T: 6 })
    expect(loyal.pAlive).toBeCloseTo(bgBbPAlive(p, 6, 6, 6), 10)
    expect(loyal.expectedPurchases).toBeCloseTo(bgBbExpected(p, 5, 6, 6, 6), 10)
    const lapsed = result.customers.find((c) => c.x === 1 && c.tx === 1)!
    expect(lapsed.pAlive).toBeLessThan(loyal.pAlive)
    expect(lapsed.clvCents).toBeLessThan(loyal.clvCents)
    // the value if won back: alive again as of the last donation, at the donor's own rate
    expect(loyal.wonBackPurchases).toBeCloseTo(bgBbExpectedIfAlive(p, 5, 6, 6), 6)
    expect(loyal.expectedSpendCents).toBeGreaterThan(5000)
  })

  it('checks a calibration fit on holdout years and refits up to the holdout end', () => {
    const checked = scoreDiscrete(customers, {
      ...options,
      unit: 'year',
      calibrationEnd: toEpochDay('1999-12-31'),
      holdoutEnd: toEpochDay('2001-12-31'),
    })
    const h = checked.holdout!
    expect(h.length).toBe(2)
    // donations in 2000 and 2001 by donors acquired in 1995
    const actual = loadDonations().reduce(
      (sum, r) => sum + r.weight * Math.max(0, r.tx - Math.max(4, r.tx - r.x)),
      0,
    )
    expect(h.actualTotal).toBe(actual)
    expect(Math.abs(h.predictedTotal - actual) / actual).toBeLessThan(0.1)
    expect(checked.candidates[0]!.holdout!.logLikelihood).toBeLessThan(0)
    // refitted on all six years: the published parameters again
    expect(checked.params.alpha).toBeCloseTo(result.params.alpha!, 6)
    expect(checked.asOf).toBe(toEpochDay('2001-12-31'))
  })

  it('counts only whole holdout periods: a holdout end in the middle of a year stops at the year before', () => {
    const checked = scoreDiscrete(customers, {
      ...options,
      unit: 'year',
      calibrationEnd: toEpochDay('1999-12-31'),
      holdoutEnd: toEpochDay('2001-06-30'),
    })
    expect(checked.holdout!.length).toBe(1)
    expect(checked).toMatchObject({ asOf: toEpochDay('2000-12-31'), holdoutEnd: toEpochDay('2000-12-31') })
    // the donations of 2001 come after the day the scores describe: left out, and said so
    expect(checked.warnings).toContainEqual(
      expect.objectContaining({ code: 'purchases_after_as_of', asOf: '2000-12-31', latest: '2001-12-24' }),
    )
  })

  it('refuses a time unit that is not a period', () => {
    expect(() => scoreDiscrete(customers, { ...options, unit: 'week', calibrationEnd: 0 })).toThrow(
      /month, quarter or year/,
    )
  })
})

describe('periods anchored at the calibration end', () => {
  it('keeps month ends: quarters back from 31.12. end on 30.09., 30.06., 31.03.', () => {
    const end = toEpochDay('2025-12-31')
    const periods = new Periods(end, 'quarter', toEpochDay('2025-01-01'), toEpochDay('2026-06-30'))
    expect(periods.of(end)).toBe(0)
    expect(periods.of(toEpochDay('2025-10-01'))).toBe(0)
    expect(periods.of(toEpochDay('2025-09-30'))).toBe(-1)
    expect(periods.of(toEpochDay('2025-03-31'))).toBe(-3)
    expect(periods.of(toEpochDay('2025-01-01'))).toBe(-3)
    expect(periods.of(toEpochDay('2026-01-01'))).toBe(1)
    expect(periods.of(toEpochDay('2026-06-30'))).toBe(2)
  })

  it('counts whole years from any day: 15.03. to 15.03.', () => {
    const end = toEpochDay('2026-03-15')
    const periods = new Periods(end, 'year', toEpochDay('2020-01-01'), end)
    expect(periods.of(toEpochDay('2025-03-16'))).toBe(0)
    expect(periods.of(toEpochDay('2025-03-15'))).toBe(-1)
    expect(periods.of(toEpochDay('2020-03-16'))).toBe(-5)
    expect(periods.of(toEpochDay('2020-01-01'))).toBe(-6)
    expect(fromEpochDay(end)).toBe('2026-03-15')
  })
})
