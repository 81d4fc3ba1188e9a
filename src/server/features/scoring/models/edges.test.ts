import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { betaGammaExpectation, NumericalError, stableOr } from '../special'
import { bgNbdExpected, bgNbdExpectedIfAlive, bgNbdPAlive, bgNbdPopulationExpected } from './bgnbd'
import { mbgNbdExpectedIfAlive } from './mbgnbd'

interface EdgeRow {
  model: 'bgnbd' | 'mbgnbd'
  r: number
  alpha: number
  a: number
  b: number
  x: number
  T: number
  t: number
  expected: string
}

// 30-digit values from mpmath (test/reference/bgnbd_edges.py): r from 0.5 to 1e6, a from 1e-6 to 4,
// b 0.5 and 5, alpha small (2) or growing with r, x 0 and 20, over the next 52 time units
const rows: EdgeRow[] = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../../../test/fixtures/bgnbd-edges.json'), 'utf8'),
)

describe('BG/NBD and MBG/NBD expected purchases over the edge grid', () => {
  it('match 30-digit reference values within 1e-9 (relative) at all 672 points', () => {
    expect(rows).toHaveLength(672)
    let worst = 0
    for (const row of rows) {
      const p = { r: row.r, alpha: row.alpha, a: row.a, b: row.b }
      const value =
        row.model === 'bgnbd'
          ? bgNbdExpectedIfAlive(p, row.t, row.x, row.T)
          : mbgNbdExpectedIfAlive(p, row.t, row.x, row.T)
      const error = Math.abs(value / Number(row.expected) - 1)
      expect(error, JSON.stringify(row)).toBeLessThan(1e-9)
      worst = Math.max(worst, error)
    }
    expect(worst).toBeGreaterThan(0)
  })

  it('get a single heavy buyer right: r = 3·10⁴, a = 0.01 (the closed form was 24 % off)', () => {
    const row = rows.find(
      (r) =>
        r.model === 'bgnbd' && r.r === 30000 && r.a === 0.01 && r.b === 5 && r.x === 0 && r.alpha === 60000,
    )!
    const p = { r: row.r, alpha: row.alpha, a: row.a, b: row.b }
    expect(bgNbdExpectedIfAlive(p, 52, 0, 30)).toBeCloseTo(Number(row.expected), 8)
    // the pieces built on it agree: a new customer (T = 0) and the conditional expectation
    expect(bgNbdPopulationExpected(p, 52) / betaGammaExpectation(p.a, p.b, p.r, p.alpha, 52) - 1).toBeCloseTo(
      0,
      12,
    )
    expect(bgNbdExpected(p, 52, 0, 0, 30)).toBeCloseTo(Number(row.expected) * bgNbdPAlive(p, 0, 0, 30), 8)
  })

  it('refuses rather than returns a number it cannot trust', () => {
    expect(() => stableOr(0.5, 2, Number.POSITIVE_INFINITY, 10, 52, () => Number.NaN)).toThrow(NumericalError)
    expect(() => stableOr(0.5, 2, Number.POSITIVE_INFINITY, 10, 52, () => Number.NaN)).toThrow(
      /cannot be evaluated accurately/,
    )
  })
})

// 30-digit values from mpmath (test/reference/beta_concentrated.py): Beta(a, b) narrow (a up to
// 2.8·10⁵, b up to 3.3·10⁶: a fit that runs to its bound) or lopsided (b = 0.01)
const concentrated: { a: number; b: number; K: number; A: number; t: number; expected: string }[] =
  JSON.parse(
    fs.readFileSync(
      path.resolve(import.meta.dirname, '../../../../../test/fixtures/beta-concentrated.json'),
      'utf8',
    ),
  )

describe('expected purchases when the drop-out probability is nearly known', () => {
  it('match 30-digit reference values within 1e-9 (relative) at all 60 points', () => {
    expect(concentrated).toHaveLength(60)
    for (const row of concentrated) {
      const value = betaGammaExpectation(row.a, row.b, row.K, row.A, row.t)
      expect(Math.abs(value / Number(row.expected) - 1), JSON.stringify(row)).toBeLessThan(1e-9)
    }
  })

  it('match them within 1e-12 where both shapes are 30 or more (the trapezoid rule on a near-normal bump)', () => {
    const narrow = concentrated.filter((row) => row.a >= 30 && row.b >= 30)
    expect(narrow).toHaveLength(18)
    for (const row of narrow) {
      const value = betaGammaExpectation(row.a, row.b, row.K, row.A, row.t)
      expect(Math.abs(value / Number(row.expected) - 1), JSON.stringify(row)).toBeLessThan(1e-12)
    }
  })

  it('value a customer of a fit with a ≈ 2.8·10⁵ as one whose p is fixed at a / (a + b) (was 74 times too small)', () => {
    const p = { r: 1.2418310549922074, alpha: 4.116352020888231, a: 279456.20121145854, b: 3265871.615223259 }
    for (const [x, T, t] of [
      [0, 10, 4.3],
      [1, 50, 52],
      [3, 100, 104],
      [10, 200, 4.3],
    ] as const) {
      // p ~ Beta(a, b + x) is within 0.2 % of its mean: (1/p)(1 − (A/(A + p t))^K) at the mean, to 1e-5
      const mean = p.a / (p.a + p.b + x)
      const fixed = (1 - ((p.alpha + T) / (p.alpha + T + mean * t)) ** (p.r + x)) / mean
      expect(bgNbdExpectedIfAlive(p, t, x, T) / fixed - 1).toBeCloseTo(0, 5)
      expect(mbgNbdExpectedIfAlive(p, t, x, T) / fixed - 1).toBeCloseTo(0, 4)
    }
  })
})
