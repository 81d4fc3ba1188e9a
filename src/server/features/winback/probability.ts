import { invert } from '../../lib/matrix'

/**
 * The probability of winning a lost customer back, as a logistic model whose every factor is shown:
 * logit p = intercept + Σ coefficient × factor. The default coefficients are a transparent starting
 * point; once the company has recorded enough outcomes, coefficients learned from them replace it
 * (`fitWinbackModel`). Both have the same form, so both explain themselves the same way.
 */

export const winbackFactors = ['controllable', 'external', 'monthsSinceLoss', 'ease', 'responses'] as const
export type WinbackFactor = (typeof winbackFactors)[number]

export interface WinbackSituation {
  /** the recorded reasons: some controllable (price, service, quality), some external (moved, closed) */
  controllableReason: boolean
  externalReason: boolean
  monthsSinceLoss: number
  /** how easy the relationship is, 1 (hard) to 5 (easy), set by the rep; null: not rated */
  ease: number | null
  /** earlier positive responses to contacts (a reply, a visit, a call-back) */
  positiveResponses: number
}

export interface WinbackModel {
  kind: 'default' | 'learned'
  intercept: number
  coefficients: Record<WinbackFactor, number>
}

/** 15 % base; a controllable reason helps, an external one hurts, every month apart lowers the odds. */
export const defaultWinbackModel: WinbackModel = {
  kind: 'default',
  intercept: Math.log(0.15 / 0.85),
  coefficients: { controllable: 0.5, external: -0.7, monthsSinceLoss: -0.05, ease: 0.35, responses: 0.6 },
}

/** The factor values fed to the model: months capped at 36, ease centred on 3, responses capped at 3. */
export function factorValues(s: WinbackSituation): Record<WinbackFactor, number> {
  return {
    controllable: s.controllableReason ? 1 : 0,
    external: s.externalReason ? 1 : 0,
    monthsSinceLoss: Math.min(36, Math.max(0, s.monthsSinceLoss)),
    ease: s.ease === null ? 0 : Math.min(5, Math.max(1, s.ease)) - 3,
    responses: Math.min(3, Math.max(0, s.positiveResponses)),
  }
}

export interface ProbabilityExplanation {
  probability: number
  base: number
  /** each factor's effect in log-odds, largest first; zero effects left out */
  factors: { factor: WinbackFactor; value: number; logOdds: number }[]
  model: WinbackModel['kind']
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))

export function winbackProbability(
  s: WinbackSituation,
  model: WinbackModel = defaultWinbackModel,
): ProbabilityExplanation {
  const values = factorValues(s)
  const factors = winbackFactors
    .map((factor) => ({
      factor,
      value: values[factor],
      logOdds: model.coefficients[factor] * values[factor],
    }))
    .filter((f) => f.logOdds !== 0)
    .sort((a, b) => Math.abs(b.logOdds) - Math.abs(a.logOdds))
  const z = model.intercept + factors.reduce((sum, f) => sum + f.logOdds, 0)
  return { probability: sigmoid(z), base: sigmoid(model.intercept), factors, model: model.kind }
}

export interface Outcome {
  situation: WinbackSituation
  wonBack: boolean
}

export interface FitOutcome {
  model: WinbackModel
  iterations: number
  converged: boolean
  logLikelihood: number
}

/**
 * Logistic regression by Newton–Raphson (IRLS) with an L2 penalty on the coefficients (not the
 * intercept), which keeps the fit finite when a factor separates the outcomes perfectly.
 */
export function fitWinbackModel(outcomes: readonly Outcome[], penalty = 1, maxIterations = 50): FitOutcome {
  const k = winbackFactors.length + 1
  const rows = outcomes.map((o) => {
    const v = factorValues(o.situation)
    return { x: [1, ...winbackFactors.map((f) => v[f])], y: o.wonBack ? 1 : 0 }
  })
  const beta = new Array<number>(k).fill(0)
  const positives = rows.reduce((s, r) => s + r.y, 0)
  // start at the observed rate, so the first step is small
  const rate = (positives + 0.5) / (rows.length + 1)
  beta[0] = Math.log(rate / (1 - rate))
  let converged = false
  let iterations = 0
  for (; iterations < maxIterations && !converged; iterations++) {
    const gradient = new Array<number>(k).fill(0)
    const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0))
    for (const r of rows) {
      const p = sigmoid(r.x.reduce((s, x, j) => s + x * beta[j]!, 0))
      const w = p * (1 - p)
      for (let a = 0; a < k; a++) {
        gradient[a]! += (r.y - p) * r.x[a]!
        for (let b = 0; b < k; b++) hessian[a]![b]! += w * r.x[a]! * r.x[b]!
      }
    }
    for (let j = 1; j < k; j++) {
      gradient[j]! -= penalty * beta[j]!
      hessian[j]![j]! += penalty
    }
    const inverse = invert(hessian)
    if (!inverse) break
    let change = 0
    for (let a = 0; a < k; a++) {
      const step = inverse[a]!.reduce((s, h, b) => s + h * gradient[b]!, 0)
      beta[a]! += step
      change = Math.max(change, Math.abs(step))
    }
    converged = change < 1e-9
  }
  const logLikelihood = rows.reduce((s, r) => {
    const z = r.x.reduce((t, x, j) => t + x * beta[j]!, 0)
    // log p = −log(1 + e^−z), log(1 − p) = −log(1 + e^z), computed without overflow
    return s - (r.y === 1 ? softplus(-z) : softplus(z))
  }, 0)
  return {
    model: {
      kind: 'learned',
      intercept: beta[0]!,
      coefficients: Object.fromEntries(winbackFactors.map((f, i) => [f, beta[i + 1]!])) as Record<
        WinbackFactor,
        number
      >,
    },
    iterations,
    converged,
    logLikelihood,
  }
}

function softplus(z: number): number {
  return z > 30 ? z : Math.log1p(Math.exp(z))
}

export interface CalibrationBin {
  from: number
  to: number
  count: number
  meanPredicted: number
  observedRate: number
}

/** Predicted against observed, in bins of predicted probability, and the Brier score. */
export function calibration(
  outcomes: readonly Outcome[],
  model: WinbackModel,
  bins = 5,
): { bins: CalibrationBin[]; brier: number } {
  return binPredictions(
    outcomes.map((o) => ({ p: winbackProbability(o.situation, model).probability, wonBack: o.wonBack })),
    bins,
  )
}

function binPredictions(
  predictions: readonly { p: number; wonBack: boolean }[],
  bins: number,
): { bins: CalibrationBin[]; brier: number } {
  const result: CalibrationBin[] = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: 0,
    meanPredicted: 0,
    observedRate: 0,
  }))
  let brier = 0
  for (const { p, wonBack } of predictions) {
    const bin = result[Math.min(bins - 1, Math.floor(p * bins))]!
    bin.count++
    bin.meanPredicted += p
    bin.observedRate += wonBack ? 1 : 0
    brier += (p - (wonBack ? 1 : 0)) ** 2
  }
  for (const b of result)
    if (b.count > 0) {
      b.meanPredicted /= b.count
      b.observedRate /= b.count
    }
  return { bins: result, brier: predictions.length > 0 ? brier / predictions.length : 0 }
}

/** Enough recorded outcomes to trust a learned model: a minimum in all and of each kind. */
export function enoughOutcomes(outcomes: readonly Outcome[], minimum = 50): boolean {
  const won = outcomes.filter((o) => o.wonBack).length
  return outcomes.length >= minimum && won >= 10 && outcomes.length - won >= 10
}

/** The learned model once there are enough outcomes, else the default. */
export function chooseWinbackModel(outcomes: readonly Outcome[], minimum = 50): WinbackModel {
  if (!enoughOutcomes(outcomes, minimum)) return defaultWinbackModel
  const fit = fitWinbackModel(outcomes)
  return fit.converged ? fit.model : defaultWinbackModel
}

/**
 * Calibration of the learned model on outcomes it has not seen: k-fold cross-validation (outcome i
 * in fold i mod k), each fold predicted by a model fitted on the others. In-sample calibration of a
 * logistic fit flatters it; this shows what the next predictions are likely to be worth.
 */
export function crossValidatedCalibration(
  outcomes: readonly Outcome[],
  folds = 5,
  bins = 5,
): { bins: CalibrationBin[]; brier: number } {
  const predictions: { p: number; wonBack: boolean }[] = []
  for (let fold = 0; fold < folds; fold++) {
    const held = outcomes.filter((_, i) => i % folds === fold)
    if (held.length === 0) continue
    const { model } = fitWinbackModel(outcomes.filter((_, i) => i % folds !== fold))
    for (const o of held)
      predictions.push({ p: winbackProbability(o.situation, model).probability, wonBack: o.wonBack })
  }
  return binPredictions(predictions, bins)
}
