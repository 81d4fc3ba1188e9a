import { describe, expect, it } from 'vitest'
import { loadCdnowSummary, loadDonations } from '../../../../../test/cdnow'
import { maximizeLikelihood } from '../fit'
import { betaln, gammaln } from '../special'
import {
  bgBbCountProbability,
  bgBbExpected,
  bgBbExpectedIfAlive,
  bgBbLogLikelihood,
  bgBbPAlive,
} from './bgbb'
import { gammaGammaExpectedSpend, gammaGammaLogLikelihood, spendColumns } from './gamma-gamma'

describe('Gamma-Gamma spend model on the 946 CDNOW repeat buyers (Fader & Hardie 2013)', () => {
  const rows = loadCdnowSummary()
    .filter((c) => c.x > 0)
    .map((c) => ({ x: c.x, m: c.zbar }))
  const fit = maximizeLikelihood({
    name: 'gamma-gamma',
    parameterNames: ['p', 'q', 'gamma'],
    start: [1, 1, 1],
    customers: rows.length,
    groups: rows.length,
    evaluate: (v) => gammaGammaLogLikelihood(v, rows),
  })

  it('finds p 6.25, q 3.74, gamma 15.44 (within 1e-3 relative) and log-likelihood -4055.92 (within 0.01)', () => {
    expect(rows).toHaveLength(946)
    const published = { p: 6.25, q: 3.74, gamma: 15.44 }
    for (const [name, value] of Object.entries(published)) {
      // published rounded to 2 decimals: within 1e-3 relative or the rounding (±0.005), whichever is wider
      // (lifetimes gets gamma 15.45 on this file, we get 15.448; q comes out 3.7446)
      expect(Math.abs(fit.params[name]! - value), name).toBeLessThanOrEqual(Math.max(1e-3 * value, 0.005))
    }
    expect(Math.abs(fit.logLikelihood - -4055.92)).toBeLessThan(0.01)
  })

  it('sums the published likelihood row by row, a weight counting as that many rows', () => {
    // Fader & Hardie (2013), eq. 3, for each customer on its own
    const formula = ([p, q, g]: number[], x: number, m: number) =>
      gammaln(p! * x + q!) -
      gammaln(p! * x) -
      gammaln(q!) +
      q! * Math.log(g!) +
      (p! * x - 1) * Math.log(m) +
      p! * x * Math.log(x) -
      (p! * x + q!) * Math.log(g! + m * x)
    for (const params of [
      [6.25, 3.74, 15.44],
      [1, 2, 3],
      [0.4, 20, 500],
    ]) {
      const expected = rows.reduce((sum, r) => sum + formula(params, r.x, r.m), 0)
      const { value } = gammaGammaLogLikelihood(params, rows)
      expect(Math.abs(value - expected) / Math.abs(expected)).toBeLessThan(1e-12)
      // the same rows as columns, each given twice by a weight of 2
      const doubled = spendColumns({
        x: rows.map((r) => r.x),
        m: rows.map((r) => r.m),
        weight: rows.map(() => 2),
      })
      expect(gammaGammaLogLikelihood(params, doubled).value).toBeCloseTo(2 * value, 6)
      expect(
        gammaGammaLogLikelihood(params, spendColumns({ x: rows.map((r) => r.x), m: rows.map((r) => r.m) })),
      ).toEqual(gammaGammaLogLikelihood(params, rows))
    }
  })

  it('shrinks a customer’s mean spend towards the population mean', () => {
    const p = { p: fit.params.p!, q: fit.params.q!, gamma: fit.params.gamma! }
    const population = (p.p * p.gamma) / (p.q - 1)
    const one = gammaGammaExpectedSpend(p, 1, 100)
    const many = gammaGammaExpectedSpend(p, 20, 100)
    expect(one).toBeGreaterThan(population)
    expect(one).toBeLessThan(100)
    expect(many).toBeGreaterThan(one)
    expect(gammaGammaExpectedSpend(p, 0, 0)).toBeCloseTo(population, 10)
  })
})

describe('BG/BB on the donations data (Fader, Hardie & Shang 2010)', () => {
  const rows = loadDonations()
  const fit = maximizeLikelihood({
    name: 'bgbb',
    parameterNames: ['alpha', 'beta', 'gamma', 'delta'],
    start: [1, 1, 1, 1],
    customers: rows.reduce((s, r) => s + r.weight, 0),
    groups: rows.length,
    evaluate: (v) => ({ value: bgBbLogLikelihood(v, rows), gradient: null }),
  })

  it('finds alpha 1.204, beta 0.750, gamma 0.657, delta 2.783 (within 1e-3 relative)', () => {
    expect(fit.customers).toBe(11104)
    const published = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }
    for (const [name, value] of Object.entries(published)) {
      // published to 3 decimals: half a unit in the last place, relative
      expect(Math.abs(fit.params[name]! - value), name).toBeLessThanOrEqual(0.0005 + 1e-3 * value)
    }
    // the log-likelihood the paper reports for these parameters: −33,225.6
    expect(fit.logLikelihood).toBeCloseTo(-33225.6, 0)
  })

  it('predicts more future donations for frequent, recent donors', () => {
    const p = {
      alpha: fit.params.alpha!,
      beta: fit.params.beta!,
      gamma: fit.params.gamma!,
      delta: fit.params.delta!,
    }
    expect(bgBbExpected(p, 5, 6, 6, 6)).toBeGreaterThan(bgBbExpected(p, 5, 3, 6, 6))
    expect(bgBbExpected(p, 5, 3, 6, 6)).toBeGreaterThan(bgBbExpected(p, 5, 3, 3, 6))
    expect(bgBbPAlive(p, 6, 6, 6)).toBeGreaterThan(bgBbPAlive(p, 1, 1, 6))
    expect(bgBbPAlive(p, 0, 0, 6)).toBeGreaterThan(0)
  })
})

describe('BG/BB next to gamma = 1', () => {
  const p = { alpha: 1.204, beta: 0.75, gamma: 1, delta: 2.783 }
  // at gamma = 1 the paper's delta/(gamma-1)[...] tends to delta (psi(1+delta+n+m) - psi(1+delta+n)):
  // for m = 5, n = 6 that is delta * sum_{j<5} 1/(1+delta+6+j), times the same lead factor
  const atOne = bgBbExpected(p, 5, 3, 6, 6)

  it('is continuous: within 1e-9 (relative) of its value at gamma = 1 for |gamma - 1| <= 1e-9', () => {
    for (const g of [1 - 1e-9, 1 - 1e-12, 1 - 1e-15, 1 + 1e-15, 1 + 1e-12, 1 + 1e-9])
      expect(Math.abs(bgBbExpected({ ...p, gamma: g }, 5, 3, 6, 6) / atOne - 1), String(g)).toBeLessThan(1e-8)
    expect(atOne).toBeGreaterThan(0)
  })

  it('equals the digamma limit at gamma = 1 (1e-12) and the paper’s form away from it (1e-12)', () => {
    const lead = (q: typeof p) =>
      Math.exp(
        betaln(q.alpha + 3 + 1, q.beta + 6 - 3) -
          betaln(q.alpha, q.beta) +
          gammaln(q.gamma + q.delta) -
          gammaln(1 + q.delta),
      ) / likelihoodOf(q, 3, 6, 6)
    let digammaDifference = 0
    for (let j = 0; j < 5; j++) digammaDifference += 1 / (1 + p.delta + 6 + j)
    expect(Math.abs(atOne / (lead(p) * p.delta * digammaDifference) - 1)).toBeLessThan(1e-12)
    const q = { ...p, gamma: 1.7 }
    const paper =
      lead(q) *
      (q.delta / (q.gamma - 1)) *
      (Math.exp(gammaln(1 + q.delta + 6) - gammaln(q.gamma + q.delta + 6)) -
        Math.exp(gammaln(1 + q.delta + 11) - gammaln(q.gamma + q.delta + 11)))
    expect(Math.abs(bgBbExpected(q, 5, 3, 6, 6) / paper - 1)).toBeLessThan(1e-12)
  })

  it('is P(alive) times the expectation if alive, and the count distribution sums to 1 with that mean', () => {
    for (const [x, tx, n] of [
      [0, 0, 6],
      [3, 6, 6],
      [2, 3, 6],
    ] as const) {
      const expected = bgBbExpected(p, 5, x, tx, n)
      expect(bgBbPAlive(p, x, tx, n) * bgBbExpectedIfAlive(p, 5, x, n)).toBeCloseTo(expected, 12)
      let total = 0
      let mean = 0
      for (let k = 0; k <= 5; k++) {
        const probability = bgBbCountProbability(p, k, 5, x, tx, n)
        total += probability
        mean += k * probability
      }
      expect(total).toBeCloseTo(1, 12)
      expect(mean).toBeCloseTo(expected, 12)
    }
  })
})

/** L(x, t_x, n) of BG/BB, as the paper writes it. */
function likelihoodOf(
  q: { alpha: number; beta: number; gamma: number; delta: number },
  x: number,
  tx: number,
  n: number,
) {
  let sum = Math.exp(
    betaln(q.alpha + x, q.beta + n - x) -
      betaln(q.alpha, q.beta) +
      betaln(q.gamma, q.delta + n) -
      betaln(q.gamma, q.delta),
  )
  for (let i = 0; i <= n - tx - 1; i++)
    sum += Math.exp(
      betaln(q.alpha + x, q.beta + tx - x + i) -
        betaln(q.alpha, q.beta) +
        betaln(q.gamma + 1, q.delta + tx + i) -
        betaln(q.gamma, q.delta),
    )
  return sum
}
