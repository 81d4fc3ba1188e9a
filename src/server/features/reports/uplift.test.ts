import gammaln from '@stdlib/math-base-special-gammaln'
import { describe, expect, it } from 'vitest'
import {
  fisherExact,
  newcombeInterval,
  probabilityBetter,
  twoProportionZTest,
  uplift,
  wilsonInterval,
} from './uplift'

/** P(X > Y) for X ~ Beta(a1, b1), Y ~ Beta(a2, b2), by the midpoint rule on 200,000 steps. */
function integrated(a1: number, b1: number, a2: number, b2: number): number {
  const steps = 200_000
  const density = (a: number, b: number, x: number) =>
    Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x) - (gammaln(a) + gammaln(b) - gammaln(a + b)))
  let cdfY = 0
  let p = 0
  for (let i = 0; i < steps; i++) {
    const x = (i + 0.5) / steps
    const dy = density(a2, b2, x) / steps
    cdfY += dy / 2
    p += (density(a1, b1, x) / steps) * cdfY
    cdfY += dy / 2
  }
  return p
}

describe('uplift statistics', () => {
  it('has Wilson intervals as published (Newcombe 1998, Table I)', () => {
    // 81/263: 0.2553 – 0.3662
    const a = wilsonInterval(81, 263)
    expect(a.low).toBeCloseTo(0.2553, 4)
    expect(a.high).toBeCloseTo(0.3662, 4)
    // 0/20: 0 – 0.1611
    const b = wilsonInterval(0, 20)
    expect(b.low).toBeCloseTo(0, 12)
    expect(b.high).toBeCloseTo(0.1611, 4)
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 })
  })

  it('has Newcombe’s hybrid score interval for a difference as published (Newcombe 1998, Table II, method 10)', () => {
    // 56/70 − 48/80: 0.0524 – 0.3339
    const d = newcombeInterval(56, 70, 48, 80)
    expect(d.low).toBeCloseTo(0.0524, 4)
    expect(d.high).toBeCloseTo(0.3339, 4)
    // 9/10 − 3/10: 0.1705 – 0.8090
    const e = newcombeInterval(9, 10, 3, 10)
    expect(e.low).toBeCloseTo(0.1705, 4)
    expect(e.high).toBeCloseTo(0.809, 3)
  })

  it('has Fisher’s exact test as R computes it', () => {
    // Fisher's tea-tasting table: fisher.test(matrix(c(3,1,1,3),2)) p = 0.4857
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.4857, 4)
    // fisher.test(matrix(c(1,9,11,3),2)) p = 0.002759
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.002759, 6)
    expect(fisherExact(0, 10, 0, 10)).toBeCloseTo(1, 12)
  })

  it('has the pooled two-proportion z-test (prop.test without correction)', () => {
    // by hand: pooled 104/150, se = √(0.69333 · 0.30667 · (1/70 + 1/80)) = 0.075467, z = 0.2 / se = 2.6502,
    // p = 2 (1 − Φ(2.6502)) = 0.008045 (prop.test(c(56, 48), c(70, 80), correct = FALSE): X² = 7.0235)
    expect(twoProportionZTest(56, 70, 48, 80)).toBeCloseTo(0.008045, 5)
    expect(twoProportionZTest(5, 10, 5, 10)).toBeCloseTo(1, 12)
  })

  it('gives the Bayesian probability that treatment beats control, symmetric and agreeing with numerical integration', () => {
    expect(probabilityBetter(10, 100, 10, 100)).toBeCloseTo(0.5, 10)
    expect(probabilityBetter(20, 100, 10, 100) + probabilityBetter(10, 100, 20, 100)).toBeCloseTo(1, 10)
    // against numerical integration of ∫ f_T(x) F_C(x) dx over the two Beta posteriors
    expect(probabilityBetter(20, 100, 10, 100)).toBeCloseTo(integrated(21, 81, 11, 91), 5)
    expect(probabilityBetter(3, 12, 7, 15)).toBeCloseTo(integrated(4, 10, 8, 9), 5)
  })

  it('gives a verdict only with enough members and half the window passed, and uses Fisher for small cells', () => {
    const base = { windowDays: 90, requiredPerArm: 100 }
    const early = uplift({
      ...base,
      treatment: { members: 400, won: 80 },
      control: { members: 400, won: 40 },
      daysPassed: 30,
    })
    expect(early.verdict).toBe('too_early')
    expect(early.test).toBe('z')
    expect(early.difference).toBeCloseTo(0.1, 12)
    const better = uplift({
      ...base,
      treatment: { members: 400, won: 80 },
      control: { members: 400, won: 40 },
      daysPassed: 60,
    })
    expect(better.verdict).toBe('better')
    expect(better.pValue).toBeLessThan(0.001)
    expect(better.probabilityBetter).toBeGreaterThan(0.99)
    const small = uplift({
      ...base,
      treatment: { members: 30, won: 6 },
      control: { members: 8, won: 1 },
      daysPassed: 90,
    })
    expect(small.test).toBe('fisher')
    expect(small.verdict).toBe('too_little_data')
    const none = uplift({
      ...base,
      treatment: { members: 300, won: 31 },
      control: { members: 300, won: 30 },
      daysPassed: 90,
    })
    expect(none.verdict).toBe('no_difference')
  })
})

describe('bootstrap of a revenue difference', () => {
  it('is centred on the difference of means, deterministic, and narrows with more data', async () => {
    const { bootstrapMeanDifference } = await import('./bootstrap')
    const t = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 500 : 0))
    const c = Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 500 : 0))
    const a = bootstrapMeanDifference(t, c)
    expect(a.difference).toBeCloseTo(50, 12)
    expect(a.low).toBeLessThan(50)
    expect(a.high).toBeGreaterThan(50)
    // normal approximation: se = √(500² · 0.2 · 0.8 / 200 + 500² · 0.1 · 0.9 / 200) = 17.7, so the
    // 95 % interval is about 2 · 1.96 · 17.7 = 69 wide
    expect(a.high - a.low).toBeGreaterThan(50)
    expect(a.high - a.low).toBeLessThan(90)
    expect(bootstrapMeanDifference(t, c)).toEqual(a)
    const big = bootstrapMeanDifference([...t, ...t, ...t, ...t], [...c, ...c, ...c, ...c])
    expect(big.high - big.low).toBeLessThan((a.high - a.low) * 0.7)
  })
})
