import { describe, expect, it } from 'vitest'
import { loadCdnowSummary } from '../../../../../test/cdnow'
import { fitModel } from '../fit'
import { groupSummaries } from '../groups'
import {
  paretoNbd,
  paretoNbdExpected,
  paretoNbdPAlive,
  paretoNbdParams,
  paretoNbdPopulationExpected,
} from './pareto-nbd'

describe('Pareto/NBD on the CDNOW sample', () => {
  const data = groupSummaries(loadCdnowSummary())
  const fit = fitModel(paretoNbd, data)

  it('reaches the published log-likelihood (-9594.98) within 0.01 and the parameters', () => {
    expect(Math.abs(fit.logLikelihood - -9594.98)).toBeLessThan(0.01)
    // beta is weakly identified (the published note): r, alpha and s to 1e-3, beta to 1e-2
    const published = { r: 0.5533, alpha: 10.58, s: 0.6062 }
    for (const [name, value] of Object.entries(published)) {
      expect(Math.abs(fit.params[name]! - value) / value, name).toBeLessThan(1e-3)
    }
    expect(Math.abs(fit.params.beta! - 11.67) / 11.67).toBeLessThan(1e-2)
  })

  it('predicts like the published parameters do', () => {
    const ours = paretoNbdParams(fit.values)
    const published = { r: 0.5533, alpha: 10.58, s: 0.6062, beta: 11.67 }
    // the prediction a weakly identified beta must not change: within 0.5 %
    for (const [x, tx, T] of [
      [0, 0, 38.86],
      [2, 30.43, 38.86],
      [5, 10, 30],
      [20, 38, 39],
    ] as const) {
      const a = paretoNbdExpected(ours, 39, x, tx, T)
      const b = paretoNbdExpected(published, 39, x, tx, T)
      expect(Math.abs(a - b) / b, `x=${x}`).toBeLessThan(5e-3)
      expect(paretoNbdPAlive(ours, x, tx, T)).toBeCloseTo(paretoNbdPAlive(published, x, tx, T), 2)
    }
    expect(paretoNbdPopulationExpected(ours, 78)).toBeGreaterThan(1.5)
  })
})
