import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bgNbdExpected, bgNbdPAlive, bgNbdPopulationExpected, bgNbdProbabilityOf } from './models/bgnbd'
import { mbgNbdExpected, mbgNbdPAlive, mbgNbdPopulationExpected } from './models/mbgnbd'
import {
  paretoNbdDert,
  paretoNbdExpected,
  paretoNbdLogLikelihoodOf,
  paretoNbdPAlive,
  paretoNbdPopulationExpected,
} from './models/pareto-nbd'

const positive = (min: number, max: number) =>
  fc.double({ min: Math.log(min), max: Math.log(max), noNaN: true }).map((v) => Math.exp(v))

/** A valid customer: x repeat purchases, 0 ≤ t_x ≤ T (t_x = 0 when x = 0). */
const customer = fc
  .record({
    x: fc.integer({ min: 0, max: 1000 }),
    T: positive(1e-3, 1e4),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : share * T }))

const params4 = fc.tuple(positive(1e-3, 1e3), positive(1e-3, 1e3), positive(1e-3, 1e3), positive(1e-3, 1e3))

function valid(p: number, name: string) {
  expect(Number.isFinite(p), `${name} = ${p}`).toBe(true)
}

describe('no NaN or Infinity for valid inputs', () => {
  it('BG/NBD and MBG/NBD predictions over random parameters and customers', () => {
    fc.assert(
      fc.property(params4, customer, positive(1e-3, 1e3), ([r, alpha, a, b], c, t) => {
        for (const [name, value] of [
          ['bg pAlive', bgNbdPAlive({ r, alpha, a, b }, c.x, c.tx, c.T)],
          ['bg expected', bgNbdExpected({ r, alpha, a, b }, t, c.x, c.tx, c.T)],
          ['bg population', bgNbdPopulationExpected({ r, alpha, a, b }, t)],
          ['mbg pAlive', mbgNbdPAlive({ r, alpha, a, b }, c.x, c.tx, c.T)],
          ['mbg expected', mbgNbdExpected({ r, alpha, a, b }, t, c.x, c.tx, c.T)],
          ['mbg population', mbgNbdPopulationExpected({ r, alpha, a, b }, t)],
        ] as const) {
          valid(value, name)
          expect(value, name).toBeGreaterThanOrEqual(0)
        }
      }),
      { numRuns: 2000, seed: 20261123 },
    )
  })

  it('Pareto/NBD predictions and likelihood over random parameters and customers', () => {
    fc.assert(
      fc.property(params4, customer, positive(1e-3, 1e3), ([r, alpha, s, beta], c, t) => {
        const p = { r, alpha, s, beta }
        const pAlive = paretoNbdPAlive(p, c.x, c.tx, c.T)
        valid(pAlive, 'pAlive')
        expect(pAlive).toBeGreaterThanOrEqual(0)
        expect(pAlive).toBeLessThanOrEqual(1)
        valid(paretoNbdExpected(p, t, c.x, c.tx, c.T), 'expected')
        valid(paretoNbdPopulationExpected(p, t), 'population')
        valid(paretoNbdLogLikelihoodOf(p, c.x, c.tx, c.T), 'log-likelihood')
      }),
      { numRuns: 1000, seed: 20261123 },
    )
  })

  it.each([
    ['beta/alpha = 1000, x = 0', { r: 1, alpha: 1, s: 1, beta: 1000 }, 0, 0, 50],
    ['beta/alpha = 1000, x = 1000', { r: 1, alpha: 1, s: 1, beta: 1000 }, 1000, 40, 50],
    ['alpha/beta = 1000, x = 1000', { r: 1, alpha: 1000, s: 0.5, beta: 1 }, 1000, 40, 50],
    ['s = 1', { r: 0.5, alpha: 10, s: 1, beta: 10 }, 3, 20, 39],
    ['x = 0', { r: 0.5, alpha: 10, s: 0.6, beta: 11 }, 0, 0, 39],
    ['t_x = T', { r: 0.5, alpha: 10, s: 0.6, beta: 11 }, 5, 39, 39],
    ['tiny T', { r: 0.5, alpha: 10, s: 0.6, beta: 11 }, 0, 0, 1e-9],
    ['very large T', { r: 0.5, alpha: 10, s: 0.6, beta: 11 }, 10, 5e6, 1e7],
  ])('Pareto/NBD extreme case: %s', (_name, p, x, tx, T) => {
    const pAlive = paretoNbdPAlive(p, x, tx, T)
    valid(pAlive, 'pAlive')
    expect(pAlive).toBeGreaterThanOrEqual(0)
    expect(pAlive).toBeLessThanOrEqual(1)
    valid(paretoNbdExpected(p, 39, x, tx, T), 'expected')
    valid(paretoNbdLogLikelihoodOf(p, x, tx, T), 'log-likelihood')
    valid(paretoNbdDert(p, 0.01, x, tx, T), 'DERT')
    if (tx === T) expect(pAlive).toBe(1)
  })

  it.each([
    ['x = 1000', { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, 1000, 30, 39],
    ['a near 1', { r: 0.24, alpha: 4.4, a: 1 + 1e-9, b: 2.4 }, 2, 30, 39],
    ['a + b < 1, x = 0', { r: 0.24, alpha: 4.4, a: 0.3, b: 0.4 }, 0, 0, 39],
    ['tiny T', { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, 0, 0, 1e-9],
    ['very large T', { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, 10, 5e6, 1e7],
  ])('BG/NBD extreme case: %s', (_name, p, x, tx, T) => {
    valid(bgNbdPAlive(p, x, tx, T), 'pAlive')
    const e = bgNbdExpected(p, 39, x, tx, T)
    valid(e, 'expected')
    expect(e).toBeGreaterThanOrEqual(0)
    valid(bgNbdPopulationExpected(p, 39), 'population')
    valid(bgNbdProbabilityOf(p, Math.min(x, 50), 39), 'P(X=n)')
  })
})

describe('DERT (Pareto/NBD discounted expected residual transactions)', () => {
  it('equals the discounted sum of expected future purchases', () => {
    const p = { r: 0.5533, alpha: 10.58, s: 0.6062, beta: 11.67 }
    const delta = 0.0027 // weekly, about 15 % a year
    for (const [x, tx, T] of [
      [0, 0, 38.86],
      [2, 30.43, 38.86],
      [10, 37, 38],
    ] as const) {
      // ∫ e^{−δt} dE[X(t)], by small steps on a horizon where what is left is negligible
      let sum = 0
      let previous = 0
      const step = 0.25
      for (let t = step; t <= 40_000; t += step) {
        const e = paretoNbdExpected(p, t, x, tx, T)
        sum += Math.exp(-delta * (t - step / 2)) * (e - previous)
        previous = e
      }
      const dert = paretoNbdDert(p, delta, x, tx, T)
      expect(Math.abs(dert - sum) / dert, `x=${x}`).toBeLessThan(1e-3)
    }
  })
})
