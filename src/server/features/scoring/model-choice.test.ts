import { describe, expect, it } from 'vitest'
import { holdoutCountLogLikelihoods } from './holdout'
import { scoreCustomers } from './score'
import { likelihoodModels, scorerFor, type TransactionModel } from './scorer'
import { type SimulatedModel, simulateCustomers } from './simulate'

// CDNOW's published fits as the generating parameters (Fader, Hardie & Lee 2005; Fader & Hardie 2005)
const generating: Record<'bgnbd' | 'pnbd', SimulatedModel> = {
  bgnbd: { model: 'bgnbd', r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  pnbd: { model: 'pnbd', r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 },
}

describe('the holdout count distribution behind the model choice', () => {
  const params: Record<TransactionModel, number[]> = {
    bgnbd: [0.243, 4.414, 0.793, 2.426],
    mbgnbd: [0.243, 4.414, 0.793, 2.426],
    pnbd: [0.553, 10.58, 0.606, 11.67],
  }
  for (const model of ['bgnbd', 'mbgnbd', 'pnbd'] as const) {
    it(`${model}: P(k | x, t_x, T) sums to 1 and its mean is the closed-form expectation (1e-6)`, () => {
      for (const [x, tx, T] of [
        [0, 0, 30],
        [2, 20, 35],
        [10, 30, 32],
      ] as const) {
        const counts = Array.from({ length: 80 }, (_, k) => ({
          x,
          tx,
          T,
          first: 0,
          actual: k,
          repeatTimes: [],
        }))
        const p = Array.from(
          holdoutCountLogLikelihoods(likelihoodModels[model], params[model], counts, 39),
          Math.exp,
        )
        expect(Math.abs(p.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6)
        const mean = p.reduce((sum, pk, k) => sum + k * pk, 0)
        const closed = scorerFor(model, params[model]).expected(39, x, tx, T)
        expect(Math.abs(mean - closed) / closed).toBeLessThan(1e-6)
      }
    })
  }
})

describe('auto finds the model the data came from (3 × 800 simulated customers per model, seeded)', () => {
  // the CDNOW design: acquisitions over 12 weeks, 39 weeks of calibration, 39 of holdout. On 20 seeds
  // per model at this size the choice was right 17 (BG/NBD) and 19 (Pareto/NBD) times; the full
  // 6 + 6 sets of 2,357 customers are a benchmark (npm run bench model-choice)
  const choose = (model: 'bgnbd' | 'pnbd', seed: number) => {
    const customers = simulateCustomers(generating[model], {
      customers: 800,
      acquisitionWeeks: 12,
      weeks: 78,
      startDay: 9862,
      seed: seed * 7919 + 800,
    })
    return scoreCustomers(customers, {
      unit: 'week',
      horizon: 39,
      clvMonths: 12,
      monthlyDiscountRate: 0.01,
      calibrationEnd: 9862 + 273,
      holdoutEnd: 9862 + 546,
      model: 'auto',
    })
  }

  it('BG/NBD data: BG/NBD or MBG/NBD in at least 2 of 3 sets', () => {
    const chosen = [1, 2, 3].map((seed) => choose('bgnbd', seed).model)
    expect(
      chosen.filter((m) => m === 'bgnbd' || m === 'mbgnbd').length,
      chosen.join(),
    ).toBeGreaterThanOrEqual(2)
  })

  it('Pareto/NBD data: Pareto/NBD in at least 2 of 3 sets', () => {
    const chosen = [1, 2, 3].map((seed) => choose('pnbd', seed).model)
    expect(chosen.filter((m) => m === 'pnbd').length, chosen.join()).toBeGreaterThanOrEqual(2)
  })
})
