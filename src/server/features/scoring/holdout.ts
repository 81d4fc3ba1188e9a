import { fromEpochDay } from '../../lib/dates'
import { groupSummariesIndexed, type SummaryInput } from './groups'
import type { LikelihoodModel } from './models/model'
import type { Scorer } from './scorer'
import { gammaln, gaussLegendre } from './special'

export interface HoldoutCustomer {
  x: number
  tx: number
  T: number
  /** time of the first purchase, in time units since the earliest first purchase */
  first: number
  /** repeat purchases in the holdout period */
  actual: number
  /** times of all repeat purchases up to the end of the holdout, in time units since the earliest first purchase */
  repeatTimes: readonly number[]
}

export interface HoldoutMetrics {
  actualTotal: number
  predictedTotal: number
  /** mean absolute error of the predicted holdout purchases per customer */
  meanAbsoluteError: number
  rootMeanSquaredError: number
  /**
   * the holdout predictive log-likelihood: Σ log P(the customer's holdout count | calibration) under
   * the model fitted on calibration; higher is better
   */
  logLikelihood: number
}

export interface HoldoutReport extends HoldoutMetrics {
  /** holdout length in time units */
  length: number
  /** mean actual and predicted holdout purchases by number of repeat purchases in calibration (the last row is "this many or more") */
  byFrequency: { x: number; orMore: boolean; customers: number; actual: number; predicted: number }[]
  /** repeat purchases per period over calibration and holdout: the tracking chart */
  tracking: {
    period: number
    end: number
    /** the period's last day (ISO), for a dated axis */
    endDay?: string
    actual: number
    predicted: number
    holdout: boolean
  }[]
}

/**
 * The holdout predictive log-likelihood of the counts: Σ log P(k holdout purchases | calibration),
 * k as observed. A model's likelihood L(x, t_x, T) is the density of a customer's purchase times, so
 * P(0 | …) = L(x, t_x, T + t) / L(x, t_x, T), and for k ≥ 1, integrating over where the k purchases
 * fall (the first k − 1 anywhere before the last, at s):
 * P(k | …) = ∫_T^{T+t} L(x + k, s, T + t) (s − T)^{k−1} / (k − 1)! ds / L(x, t_x, T),
 * by Gauss–Legendre quadrature in s. Customers are taken in chunks so memory stays bounded.
 */
export function holdoutCountLogLikelihoods(
  model: LikelihoodModel,
  values: readonly number[],
  customers: readonly HoldoutCustomer[],
  length: number,
): Float64Array {
  const out = new Float64Array(customers.length)
  let index = 0
  for (let start = 0; start < customers.length; start += COUNT_CHUNK) {
    const chunk = customers.slice(start, start + COUNT_CHUNK)
    const rows: SummaryInput[] = []
    for (const c of chunk) {
      rows.push({ x: c.x, tx: c.tx, T: c.T })
      if (c.actual === 0) rows.push({ x: c.x, tx: c.tx, T: c.T + length })
      else
        for (const node of GAUSS_LEGENDRE)
          rows.push({ x: c.x + c.actual, tx: c.T + node.at * length, T: c.T + length })
    }
    const { data, groupOf } = groupSummariesIndexed(rows)
    const ll = model.groupLogLikelihoods(values, data)
    let row = 0
    for (const c of chunk) {
      const before = ll[groupOf[row++]!]!
      if (c.actual === 0) {
        out[index++] = ll[groupOf[row++]!]! - before
        continue
      }
      // log of Σ w_j L(x+k, s_j, T+t) (s_j − T)^{k−1} / (k−1)! · t, summed in log space
      const k = c.actual
      const logs = GAUSS_LEGENDRE.map(
        (node) => ll[groupOf[row++]!]! + node.logWeight + (k - 1) * Math.log(node.at * length) - gammaln(k),
      )
      const max = Math.max(...logs)
      const sum = logs.reduce((acc, v) => acc + Math.exp(v - max), 0)
      out[index++] = max + Math.log(sum) + Math.log(length) - before
    }
  }
  return out
}

const COUNT_CHUNK = 20_000

/** 32-point Gauss–Legendre nodes on (0, 1) with log weights. */
const GAUSS_LEGENDRE = gaussLegendre(32)

/** Totals, per-customer error and, from each customer's log P(holdout count), the log-likelihood. */
export function holdoutMetrics(
  scorer: Scorer,
  customers: readonly HoldoutCustomer[],
  length: number,
  perCustomerLogLikelihood: Float64Array,
): HoldoutMetrics {
  let actualTotal = 0
  let predictedTotal = 0
  let absolute = 0
  let squared = 0
  for (const c of customers) {
    const predicted = scorer.expected(length, c.x, c.tx, c.T)
    actualTotal += c.actual
    predictedTotal += predicted
    absolute += Math.abs(predicted - c.actual)
    squared += (predicted - c.actual) ** 2
  }
  const n = Math.max(1, customers.length)
  return {
    actualTotal,
    predictedTotal,
    meanAbsoluteError: absolute / n,
    rootMeanSquaredError: Math.sqrt(squared / n),
    logLikelihood: perCustomerLogLikelihood.reduce((a, b) => a + b, 0),
  }
}

/**
 * How the fitted model compares with what happened after calibration: totals, per-customer error,
 * the classic conditional-expectation table by calibration frequency, and the weekly (periodic)
 * tracking of repeat purchases, expected from each customer's acquisition time.
 */
export function holdoutReport(
  scorer: Scorer,
  customers: readonly HoldoutCustomer[],
  options: {
    length: number
    calibrationEnd: number
    /** the model's holdout metrics (from holdoutMetrics) */
    metrics: HoldoutMetrics
    maxFrequency?: number
    maxPeriods?: number
    /** the epoch day a time (in units since the earliest acquisition) falls on */
    dayAt?: (t: number) => number
  },
): HoldoutReport {
  const { metrics } = options
  const maxFrequency = options.maxFrequency ?? 7
  const rows = Array.from({ length: maxFrequency + 1 }, (_, x) => ({
    x,
    orMore: x === maxFrequency,
    customers: 0,
    actual: 0,
    predicted: 0,
  }))
  for (const c of customers) {
    const row = rows[Math.min(c.x, maxFrequency)]!
    row.customers++
    row.actual += c.actual
    row.predicted += scorer.expected(options.length, c.x, c.tx, c.T)
  }
  for (const row of rows) {
    if (row.customers > 0) {
      row.actual /= row.customers
      row.predicted /= row.customers
    }
  }
  // periods of one time unit, merged when there would be too many to show
  const end = options.calibrationEnd + options.length
  const width = Math.max(1, Math.ceil(end / (options.maxPeriods ?? 160)))
  const periods = Math.ceil(end / width)
  const actual = new Float64Array(periods)
  // period k covers [k·width, (k+1)·width): with weeks counted from the first day, day 273 is week 40
  for (const c of customers)
    for (const t of c.repeatTimes)
      if (t > 0 && t <= end) actual[Math.min(periods - 1, Math.floor(t / width))]!++
  // customers acquired at the same time share their expected curve
  const byFirst = new Map<number, number>()
  for (const c of customers) byFirst.set(c.first, (byFirst.get(c.first) ?? 0) + 1)
  const cumulative = (t: number) => {
    let sum = 0
    for (const [first, count] of byFirst) if (t > first) sum += count * scorer.population(t - first)
    return sum
  }
  const tracking: HoldoutReport['tracking'] = []
  let previous = 0
  for (let k = 0; k < periods; k++) {
    const periodEnd = Math.min(end, (k + 1) * width)
    const current = cumulative(periodEnd)
    tracking.push({
      period: k + 1,
      end: periodEnd,
      ...(options.dayAt ? { endDay: fromEpochDay(Math.round(options.dayAt(periodEnd))) } : {}),
      actual: actual[k]!,
      predicted: current - previous,
      holdout: k * width >= options.calibrationEnd,
    })
    previous = current
  }
  return { ...metrics, length: options.length, byFrequency: rows.filter((r) => r.customers > 0), tracking }
}
