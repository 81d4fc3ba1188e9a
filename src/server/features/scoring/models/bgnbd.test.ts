import { describe, expect, it } from 'vitest'
import { loadCdnowSummary } from '../../../../../test/cdnow'
import { fitModel } from '../fit'
import { groupSummaries } from '../groups'
import {
  bgNbd,
  bgNbdExpected,
  bgNbdPAlive,
  bgNbdParams,
  bgNbdPopulationExpected,
  bgNbdProbabilityOf,
} from './bgnbd'

describe('BG/NBD on the CDNOW sample (Fader, Hardie & Lee 2005)', () => {
  const data = groupSummaries(loadCdnowSummary())
  const fit = fitModel(bgNbd, data)

  it('finds the published parameters within 1e-3 relative and log-likelihood within 0.01', () => {
    const published = { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 }
    for (const [name, value] of Object.entries(published)) {
      // the published values are rounded to 4 significant digits: compare at that precision
      expect(Math.abs(fit.params[name]! - value) / value, name).toBeLessThan(1e-3)
    }
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThan(0.01)
    expect(fit.converged).toBe(true)
    expect(fit.customers).toBe(2357)
  })

  it('reproduces the literature checks: 1.226 expected purchases, E[X(1)] = 0.0532, E[X(78)] = 1.858', () => {
    const p = bgNbdParams(fit.values)
    // tolerances: the published numbers have 4 significant digits
    expect(bgNbdExpected(p, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3)
    expect(bgNbdPopulationExpected(p, 1)).toBeCloseTo(0.0532, 4)
    expect(bgNbdPopulationExpected(p, 78)).toBeCloseTo(1.858, 3)
  })

  it('has standard errors, P(alive) and P(X(t) = n) that behave', () => {
    for (const se of Object.values(fit.standardErrors)) expect(se).toBeGreaterThan(0)
    const p = bgNbdParams(fit.values)
    expect(bgNbdPAlive(p, 0, 0, 38.86)).toBe(1)
    expect(bgNbdPAlive(p, 2, 30.43, 38.86)).toBeGreaterThan(bgNbdPAlive(p, 2, 5, 38.86))
    let total = 0
    for (let n = 0; n < 200; n++) total += bgNbdProbabilityOf(p, n, 39)
    expect(total).toBeCloseTo(1, 6)
    let mean = 0
    for (let n = 0; n < 400; n++) mean += n * bgNbdProbabilityOf(p, n, 39)
    expect(mean).toBeCloseTo(bgNbdPopulationExpected(p, 39), 4)
  })
})
