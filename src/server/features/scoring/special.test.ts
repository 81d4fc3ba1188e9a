import { describe, expect, it } from 'vitest'
import { hyp2f1, log2F1OneB, logAddExp, logSubExp, oneMinusPowOverK } from './special'

/** 2F1(1, b; c; z) by brute force: the plain series with enough terms, for reference. */
function reference(b: number, c: number, z: number): number {
  let term = 1
  let sum = 1
  for (let n = 0; n < 50_000_000; n++) {
    term *= ((b + n) / (c + n)) * z
    sum += term
    if (term < 1e-18 * sum && n > 10) break
  }
  return sum
}

describe('log 2F1(1, b; c; z)', () => {
  it.each([
    [1.5, 2.5, 0.3],
    [0.6, 2.2, 0.9],
    [1.6, 2.6, 0.999],
    [1.2, 1.9, 0.9999],
    [1001, 1002.2, 0.97],
    [1.5, 1002, 0.999],
    [2, 4, 0.99999],
    [1.6, 3.6, 0.9995],
    [0.3, 1.3000001, 0.998],
  ])('b=%f c=%f z=%f matches the brute-force series and stdlib', (b, c, z) => {
    const value = Math.exp(log2F1OneB(b, c, z).logValue)
    const brute = reference(b, c, z)
    expect(Math.abs(value - brute) / brute).toBeLessThan(1e-9)
    expect(Math.abs(value - hyp2f1(1, b, c, z)) / brute).toBeLessThan(1e-7)
  })

  it('has derivatives that match finite differences', () => {
    for (const [b, c, z] of [
      [1.5, 2.5, 0.3],
      [0.6, 2.2, 0.9],
      [1.6, 2.6, 0.99],
      [1.2, 1.9, 0.999],
    ] as const) {
      const g = log2F1OneB(b, c, z)
      const f = (bb: number, cc: number, zz: number) => Math.log(reference(bb, cc, zz))
      const h = 1e-6
      expect(g.dB).toBeCloseTo((f(b + h, c, z) - f(b - h, c, z)) / (2 * h), 4)
      expect(g.dC).toBeCloseTo((f(b, c + h, z) - f(b, c - h, z)) / (2 * h), 4)
      expect(g.dZ / Math.max(1, Math.abs(g.dZ))).toBeCloseTo(
        (f(b, c, z + h * (1 - z)) - f(b, c, z - h * (1 - z))) /
          (2 * h * (1 - z)) /
          Math.max(1, Math.abs(g.dZ)),
        4,
      )
    }
  })
})

describe('log-space helpers', () => {
  it('add and subtract exponentials without overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12)
    expect(logAddExp(-Infinity, 3)).toBe(3)
    expect(logSubExp(1000, 999)).toBeCloseTo(1000 + Math.log(1 - Math.exp(-1)), 12)
    expect(logSubExp(5, 5)).toBe(-Infinity)
    expect(logSubExp(0, -1e-12)).toBeCloseTo(Math.log(1e-12), 6)
  })

  it('(1 − q^k)/k is continuous at k = 0', () => {
    expect(oneMinusPowOverK(Math.log(0.5), 1e-12)).toBeCloseTo(Math.LN2, 10)
    expect(oneMinusPowOverK(Math.log(0.5), 1)).toBeCloseTo(0.5, 12)
  })
})

describe('the quadrature fallback for BG/NBD-type expectations', () => {
  it('agrees with the closed forms where both work', async () => {
    const { bgNbdExpectedIfAlive, bgNbdPopulationExpected } = await import('./models/bgnbd')
    const { mbgNbdExpectedIfAlive } = await import('./models/mbgnbd')
    const { betaGammaExpectation } = await import('./special')
    const p = { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 }
    for (const [x, T, t] of [
      [0, 0, 39],
      [2, 38.86, 39],
      [10, 30, 5],
      [50, 38, 100],
    ] as const) {
      const bg = bgNbdExpectedIfAlive(p, t, x, T)
      expect(Math.abs(betaGammaExpectation(p.a, p.b + x, p.r + x, p.alpha + T, t) - bg) / bg).toBeLessThan(
        1e-8,
      )
      const mbg = mbgNbdExpectedIfAlive(p, t, x, T)
      expect(
        Math.abs(betaGammaExpectation(p.a, p.b + x + 1, p.r + x, p.alpha + T, t) - mbg) / mbg,
      ).toBeLessThan(1e-8)
    }
    expect(betaGammaExpectation(p.a, p.b, p.r, p.alpha, 78)).toBeCloseTo(bgNbdPopulationExpected(p, 78), 8)
  })
})

describe('log 2F1(1, b; c; z) for large b near z = 1 (Euler integral)', () => {
  it.each([
    [2000, 2001.5, 0.9995],
    [194, 195.52, 0.9999],
    [500, 520, 0.999],
    [5000, 5000.7, 0.9999],
  ])('b=%f c=%f z=%f matches the brute-force series, with derivatives', (b, c, z) => {
    const g = log2F1OneB(b, c, z)
    const brute = reference(b, c, z)
    expect(Math.abs(Math.exp(g.logValue) - brute) / brute).toBeLessThan(1e-9)
    const f = (bb: number, cc: number, zz: number) => Math.log(reference(bb, cc, zz))
    // central differences with one Richardson step: near z = 1 the curvature in b and c is large
    const richardson = (d: (h: number) => number) => (4 * d(5e-6) - d(1e-5)) / 3
    const dB = richardson((h) => (f(b * (1 + h), c, z) - f(b * (1 - h), c, z)) / (2 * h * b))
    const dC = richardson((h) => (f(b, c * (1 + h), z) - f(b, c * (1 - h), z)) / (2 * h * c))
    expect(g.dB).toBeCloseTo(dB, 5)
    expect(g.dC).toBeCloseTo(dC, 5)
    const hz = 1e-3 * (1 - z)
    expect(g.dZ / Math.abs(g.dZ)).toBeCloseTo(
      (f(b, c, z + hz) - f(b, c, z - hz)) / (2 * hz) / Math.abs(g.dZ),
      4,
    )
  })
})
