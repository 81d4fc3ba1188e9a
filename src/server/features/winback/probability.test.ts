import { describe, expect, it } from 'vitest'
import {
  calibration,
  chooseWinbackModel,
  crossValidatedCalibration,
  defaultWinbackModel,
  enoughOutcomes,
  factorValues,
  fitWinbackModel,
  type Outcome,
  type WinbackSituation,
  winbackProbability,
} from './probability'

const situation = (over: Partial<WinbackSituation> = {}): WinbackSituation => ({
  controllableReason: false,
  externalReason: false,
  monthsSinceLoss: 0,
  ease: null,
  positiveResponses: 0,
  ...over,
})

describe('winbackProbability with the default model', () => {
  it('starts at 15 % with nothing known', () => {
    const p = winbackProbability(situation())
    expect(p.probability).toBeCloseTo(0.15, 12)
    expect(p.base).toBeCloseTo(0.15, 12)
    expect(p.factors).toEqual([])
    expect(p.model).toBe('default')
  })

  it('adds each factor in log-odds and explains them, largest first (hand-computed, 1e-9)', () => {
    // logit = ln(0.15/0.85) + 0.5 (controllable) − 0.05 × 6 (months) + 0.35 × (4 − 3) (ease) + 0.6 × 1 (responses)
    const p = winbackProbability(
      situation({ controllableReason: true, monthsSinceLoss: 6, ease: 4, positiveResponses: 1 }),
    )
    expect(p.probability).toBeCloseTo(0.3578745794608674, 9)
    expect(p.factors.map((f) => [f.factor, f.logOdds])).toEqual([
      ['responses', 0.6],
      ['controllable', 0.5],
      ['ease', 0.35],
      ['monthsSinceLoss', expect.closeTo(-0.3, 12)],
    ])
  })

  it('an external reason, a long time and a hard relationship make it unlikely (0.714 %)', () => {
    const p = winbackProbability(situation({ externalReason: true, monthsSinceLoss: 80, ease: 1 }))
    expect(p.probability).toBeCloseTo(0.007141955669043566, 9)
  })

  it('caps months at 36, responses at 3 and ease to 1–5', () => {
    expect(factorValues(situation({ monthsSinceLoss: 80, positiveResponses: 9, ease: 9 }))).toEqual({
      controllable: 0,
      external: 0,
      monthsSinceLoss: 36,
      ease: 2,
      responses: 3,
    })
    expect(factorValues(situation({ monthsSinceLoss: -3, ease: 0 }))).toMatchObject({
      monthsSinceLoss: 0,
      ease: -2,
    })
  })

  it('stays within (0, 1) for extreme coefficients', () => {
    const model = { ...defaultWinbackModel, intercept: 800 }
    expect(winbackProbability(situation(), model).probability).toBe(1)
    expect(winbackProbability(situation(), { ...model, intercept: -800 }).probability).toBeGreaterThanOrEqual(
      0,
    )
  })
})

/** mulberry32: the same pseudo-random outcomes on every run */
function generator(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = seed
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

describe('fitWinbackModel', () => {
  it('reproduces the closed form for one binary factor (10 of 90 vs 40 of 60, within 1e-6)', () => {
    const outcomes: Outcome[] = []
    const add = (controllable: boolean, won: number, lost: number) => {
      for (let i = 0; i < won; i++)
        outcomes.push({ situation: situation({ controllableReason: controllable }), wonBack: true })
      for (let i = 0; i < lost; i++)
        outcomes.push({ situation: situation({ controllableReason: controllable }), wonBack: false })
    }
    add(false, 10, 90)
    add(true, 40, 60)
    const fit = fitWinbackModel(outcomes, 1e-9)
    expect(fit.converged).toBe(true)
    expect(fit.model.intercept).toBeCloseTo(Math.log(10 / 90), 6)
    expect(fit.model.coefficients.controllable).toBeCloseTo(Math.log(40 / 60) - Math.log(10 / 90), 6)
    expect(fit.model.coefficients.external).toBeCloseTo(0, 9)
  })

  it('recovers the coefficients of simulated outcomes (20,000 customers, within 0.1)', () => {
    const random = generator(42)
    const truth = {
      ...defaultWinbackModel,
      coefficients: { controllable: 0.8, external: -1.0, monthsSinceLoss: -0.04, ease: 0.4, responses: 0.5 },
    }
    const outcomes: Outcome[] = Array.from({ length: 20_000 }, () => {
      const s = situation({
        controllableReason: random() < 0.5,
        externalReason: random() < 0.3,
        monthsSinceLoss: Math.floor(random() * 36),
        ease: 1 + Math.floor(random() * 5),
        positiveResponses: Math.floor(random() * 3),
      })
      return { situation: s, wonBack: random() < winbackProbability(s, truth).probability }
    })
    const fit = fitWinbackModel(outcomes, 0.01)
    expect(fit.converged).toBe(true)
    expect(fit.model.intercept).toBeCloseTo(truth.intercept, 0)
    for (const [factor, value] of Object.entries(truth.coefficients))
      expect(
        Math.abs(fit.model.coefficients[factor as keyof typeof truth.coefficients] - value),
        factor,
      ).toBeLessThan(0.1)
    expect(Number.isFinite(fit.logLikelihood)).toBe(true)
  })

  it('stays finite when a factor separates the outcomes perfectly (the penalty)', () => {
    const outcomes: Outcome[] = Array.from({ length: 60 }, (_, i) => ({
      situation: situation({ controllableReason: i % 2 === 0 }),
      wonBack: i % 2 === 0,
    }))
    const fit = fitWinbackModel(outcomes)
    expect(fit.converged).toBe(true)
    expect(Number.isFinite(fit.model.coefficients.controllable)).toBe(true)
    expect(fit.model.coefficients.controllable).toBeGreaterThan(2)
  })
})

describe('calibration and the switch to a learned model', () => {
  it('bins predictions, counts, and computes the Brier score (hand-computed)', () => {
    // default model: nothing known → 0.15; controllable + 3 responses + ease 5 → logit −1.7346 + 0.5 + 1.8 + 0.7 → 0.780
    const low = situation()
    const high = situation({ controllableReason: true, positiveResponses: 3, ease: 5 })
    const pHigh = winbackProbability(high).probability
    const result = calibration(
      [
        { situation: low, wonBack: false },
        { situation: low, wonBack: true },
        { situation: high, wonBack: true },
      ],
      defaultWinbackModel,
    )
    expect(result.bins.map((b) => b.count)).toEqual([2, 0, 0, 1, 0]) // 0.15 and 0.780
    expect(result.bins[0]).toMatchObject({ meanPredicted: expect.closeTo(0.15, 12), observedRate: 0.5 })
    expect(result.bins[3]!.observedRate).toBe(1)
    expect(result.brier).toBeCloseTo((0.15 ** 2 + 0.85 ** 2 + (1 - pHigh) ** 2) / 3, 12)
    expect(calibration([], defaultWinbackModel).brier).toBe(0)
  })

  it('learns only from enough outcomes of both kinds', () => {
    const of = (won: number, lost: number): Outcome[] => [
      ...Array.from({ length: won }, () => ({
        situation: situation({ controllableReason: true }),
        wonBack: true,
      })),
      ...Array.from({ length: lost }, () => ({ situation: situation(), wonBack: false })),
    ]
    expect(enoughOutcomes(of(10, 39))).toBe(false)
    expect(enoughOutcomes(of(9, 41))).toBe(false)
    expect(enoughOutcomes(of(41, 9))).toBe(false)
    expect(enoughOutcomes(of(10, 40))).toBe(true)
    expect(enoughOutcomes(of(10, 20), 30)).toBe(true)
    expect(chooseWinbackModel(of(5, 5))).toBe(defaultWinbackModel)
    expect(chooseWinbackModel(of(20, 40)).kind).toBe('learned')
  })

  it('calibrates on held-out folds: each fold predicted by a model fitted on the others (hand-computed)', () => {
    // no factors known: a fit is its intercept, the training folds' rate. Fold 0 (even i): won 1 of 4;
    // fold 1 (odd i): won 2 of 4. So fold 0 is predicted at 0.5 and fold 1 at 0.25.
    const won = [true, true, false, true, false, false, false, false]
    const outcomes = won.map((wonBack) => ({ situation: situation(), wonBack }))
    const result = crossValidatedCalibration(outcomes, 2)
    expect(result.bins.map((b) => b.count)).toEqual([0, 4, 4, 0, 0])
    expect(result.bins[1]).toMatchObject({ meanPredicted: expect.closeTo(0.25, 9), observedRate: 0.5 })
    expect(result.bins[2]).toMatchObject({ meanPredicted: expect.closeTo(0.5, 9), observedRate: 0.25 })
    // fold 0: 4 × 0.5²; fold 1: 2 × 0.75² + 2 × 0.25²
    expect(result.brier).toBeCloseTo((4 * 0.25 + 2 * 0.5625 + 2 * 0.0625) / 8, 9)
    expect(crossValidatedCalibration([]).brier).toBe(0)
  })
})
