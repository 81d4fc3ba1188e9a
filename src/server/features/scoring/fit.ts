import { invert } from '../../lib/matrix'
import type { GroupedData } from './groups'
import type { LikelihoodModel } from './models/model'
import { minimizeBfgs } from './optimize'

export interface FitOptions {
  /** L2 penalty on the parameters (as in lifetimes: penalty × Σ θ² added to the mean negative log-likelihood) */
  penalty?: number
  start?: readonly number[]
  maxIterations?: number
}

const LOG_BOUND = 15

export interface FitResult {
  model: string
  params: Record<string, number>
  values: number[]
  logLikelihood: number
  /** standard errors from the inverse of the observed information (Hessian of the log-likelihood) */
  standardErrors: Record<string, number | null>
  customers: number
  groups: number
  iterations: number
  converged: boolean
  /** Bayesian information criterion: k ln n − 2 LL */
  bic: number
  /** a parameter ran to the edge of its range: the data do not determine the model */
  atBoundary: boolean
}

/** A log-likelihood of named positive parameters, with its gradient when it has one. */
export interface Likelihood {
  name: string
  parameterNames: readonly string[]
  start: readonly number[]
  /** number of customers (for the mean and the BIC) */
  customers: number
  groups: number
  evaluate(values: readonly number[]): { value: number; gradient: number[] | null }
}

/**
 * Maximum likelihood on log-transformed parameters (so they stay positive) with BFGS; analytic
 * gradients where the model has them, central differences otherwise. The objective is the mean
 * negative log-likelihood, which keeps the scale independent of the number of customers.
 */
export function maximizeLikelihood(likelihood: Likelihood, options: FitOptions = {}): FitResult {
  const penalty = options.penalty ?? 0
  const n = likelihood.customers
  const gradientOf = (params: number[]): { value: number; gradient: number[] } => {
    const result = likelihood.evaluate(params)
    if (result.gradient) return { value: result.value, gradient: result.gradient }
    const gradient = params.map((v, i) => {
      const h = 1e-6 * v
      const plus = [...params]
      const minus = [...params]
      plus[i] = v + h
      minus[i] = v - h
      return (likelihood.evaluate(plus).value - likelihood.evaluate(minus).value) / (2 * h)
    })
    return { value: result.value, gradient }
  }
  const objective = (theta: Float64Array) => {
    // parameters stay within e^±15: beyond, the data say nothing and the special functions slow down
    for (const t of theta)
      if (Math.abs(t) > LOG_BOUND)
        return { value: Number.POSITIVE_INFINITY, gradient: new Float64Array(theta.length) }
    const params = Array.from(theta, Math.exp)
    const { value, gradient } = gradientOf(params)
    let penaltyValue = 0
    const g = new Float64Array(theta.length)
    for (let i = 0; i < theta.length; i++) {
      penaltyValue += params[i]! * params[i]!
      g[i] = (-gradient[i]! * params[i]!) / n + 2 * penalty * params[i]! * params[i]!
    }
    return {
      value: Number.isFinite(value) ? -value / n + penalty * penaltyValue : Number.POSITIVE_INFINITY,
      gradient: g,
    }
  }
  // just inside the bounds, where the objective is finite: a start from a fit that ran to a bound
  // (the nightly starts from the last run) lies next to it
  const start = (options.start ?? likelihood.start).map((v) =>
    Math.min(LOG_BOUND - 0.1, Math.max(-(LOG_BOUND - 0.1), Math.log(v))),
  )
  let result = minimizeBfgs(objective, start, { maxIterations: options.maxIterations ?? 500 })
  // a second run from where the first stopped tightens convergence cheaply (fresh curvature estimate)
  result = minimizeBfgs(objective, Array.from(result.x), { maxIterations: options.maxIterations ?? 500 })
  const values = Array.from(result.x, Math.exp)
  const logLikelihood = likelihood.evaluate(values).value
  const errors = standardErrors((v) => gradientOf(v).gradient, values)
  return {
    model: likelihood.name,
    params: Object.fromEntries(likelihood.parameterNames.map((name, i) => [name, values[i]!])),
    values,
    logLikelihood,
    standardErrors: Object.fromEntries(
      likelihood.parameterNames.map((name, i) => [name, errors?.[i] ?? null]),
    ),
    customers: n,
    groups: likelihood.groups,
    iterations: result.iterations,
    converged: result.converged,
    bic: values.length * Math.log(n) - 2 * logLikelihood,
    atBoundary: !insideBounds(Array.from(result.x, Math.exp)),
  }
}

/** Fits a customer-base model (BG/NBD, MBG/NBD, Pareto/NBD) on grouped (x, t_x, T) data. */
export function fitModel(model: LikelihoodModel, data: GroupedData, options: FitOptions = {}): FitResult {
  return maximizeLikelihood(
    {
      name: model.name,
      parameterNames: model.parameterNames,
      start: model.start(data),
      customers: data.customers,
      groups: data.size,
      evaluate: (values) => model.logLikelihoodWithGradient(values, data),
    },
    options,
  )
}

/** Square roots of the diagonal of the inverse negative Hessian, by central differences of the gradient. */
function standardErrors(
  gradient: (values: number[]) => number[],
  values: readonly number[],
): number[] | null {
  const k = values.length
  const hessian: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let j = 0; j < k; j++) {
    const h = 1e-5 * Math.max(Math.abs(values[j]!), 1e-8)
    const plus = [...values]
    const minus = [...values]
    plus[j] = values[j]! + h
    minus[j] = values[j]! - h
    const gPlus = gradient(plus)
    const gMinus = gradient(minus)
    for (let i = 0; i < k; i++) hessian[i]![j] = (gPlus[i]! - gMinus[i]!) / (2 * h)
  }
  const symmetric = hessian.map((row, i) => row.map((v, j) => -(v + hessian[j]![i]!) / 2))
  const inverse = invert(symmetric)
  if (!inverse) return null
  return inverse.map((row, i) => (row[i]! > 0 ? Math.sqrt(row[i]!) : Number.NaN))
}

/** Whether parameters are clear of the edge of their range (a fit that ends nearer is `atBoundary`). */
export function insideBounds(params: readonly number[]): boolean {
  return params.every((v) => Math.abs(Math.log(v)) <= LOG_BOUND - 1)
}
