import { digamma, gammaln } from '../special'

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005; Fader & Hardie 2013): the value of a
 * customer's transactions varies around their own mean, which varies across customers. Fitted on
 * repeat buyers (x ≥ 1) with their mean repeat spend m.
 */
export interface GammaGammaParams {
  p: number
  q: number
  gamma: number
}

export interface SpendRow {
  x: number
  /** mean repeat spend, in currency units (not cents) */
  m: number
  /** ln m, when the caller has it: it is the same at every step of a fit */
  logM?: number
  weight?: number
}

/**
 * Spend rows as columns, each distinct x numbered once: a fit evaluates the likelihood a hundred
 * times and more over every repeat buyer (at a million customers an object per row and a map
 * lookup per row and evaluation were most of the spend fit's 4 s).
 */
export interface SpendColumns {
  length: number
  x: Float64Array
  m: Float64Array
  logM: Float64Array
  weight: Float64Array
  /** index into xValues */
  xIndex: Int32Array
  xValues: Float64Array
}

/** Spend rows' columns (ln m computed where not given, weight 1 where not given), each x numbered. */
export function spendColumns(given: {
  x: ArrayLike<number>
  m: ArrayLike<number>
  logM?: ArrayLike<number | undefined>
  weight?: ArrayLike<number | undefined>
}): SpendColumns {
  const length = given.x.length
  const columns: SpendColumns = {
    length,
    x: Float64Array.from(given.x),
    m: Float64Array.from(given.m),
    logM: new Float64Array(length),
    weight: new Float64Array(length),
    xIndex: new Int32Array(length),
    xValues: new Float64Array(0),
  }
  const indexOfX = new Map<number, number>()
  for (let i = 0; i < length; i++) {
    columns.logM[i] = given.logM?.[i] ?? Math.log(columns.m[i]!)
    columns.weight[i] = given.weight?.[i] ?? 1
    const x = columns.x[i]!
    let index = indexOfX.get(x)
    if (index === undefined) {
      index = indexOfX.size
      indexOfX.set(x, index)
    }
    columns.xIndex[i] = index
  }
  columns.xValues = Float64Array.from(indexOfX.keys())
  return columns
}

export function gammaGammaLogLikelihood(
  params: readonly number[],
  rows: readonly SpendRow[] | SpendColumns,
): { value: number; gradient: number[] } {
  const data = isColumns(rows)
    ? rows
    : spendColumns({
        x: rows.map((r) => r.x),
        m: rows.map((r) => r.m),
        logM: rows.map((r) => r.logM),
        weight: rows.map((r) => r.weight),
      })
  const [p, q, g] = params as [number, number, number]
  let ll = 0
  let dp = 0
  let dq = 0
  let dg = 0
  const base = -gammaln(q) + q * Math.log(g)
  const dqBase = -digamma(q) + Math.log(g)
  // the special functions depend on the number of repeat purchases only, of which a base has few
  // distinct values: computed once per x (a million buyers took 20 s of a night's rescoring)
  const distinct = data.xValues.length
  const gpq = new Float64Array(distinct)
  const gp = new Float64Array(distinct)
  const dpqOf = new Float64Array(distinct)
  const dgp = new Float64Array(distinct)
  const lxOf = new Float64Array(distinct)
  for (let j = 0; j < distinct; j++) {
    const px = p * data.xValues[j]!
    gpq[j] = gammaln(px + q)
    gp[j] = gammaln(px)
    dpqOf[j] = digamma(px + q)
    dgp[j] = digamma(px)
    lxOf[j] = Math.log(data.xValues[j]!)
  }
  const { x: xs, m: ms, logM, weight, xIndex } = data
  for (let i = 0; i < data.length; i++) {
    const w = weight[i]!
    const x = xs[i]!
    const m = ms[i]!
    const j = xIndex[i]!
    const px = p * x
    const lx = lxOf[j]!
    const lxm = Math.log(g + x * m)
    const lm = logM[i]!
    ll += w * (base + gpq[j]! - gp[j]! + (px - 1) * lm + px * lx - (px + q) * lxm)
    const dpq = dpqOf[j]!
    dp += w * x * (dpq - dgp[j]! + lm + lx - lxm)
    dq += w * (dqBase + dpq - lxm)
    dg += w * (q / g - (px + q) / (g + x * m))
  }
  return { value: ll, gradient: [dp, dq, dg] }
}

function isColumns(rows: readonly SpendRow[] | SpendColumns): rows is SpendColumns {
  return !Array.isArray(rows)
}

/** E(M | x, m): the expected value of a customer's future transactions, shrunk towards the population mean. */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const populationMean = (params.p * params.gamma) / (params.q - 1)
  if (x === 0) return params.q > 1 ? populationMean : Number.NaN
  return (params.p * (params.gamma + x * m)) / (params.p * x + params.q - 1)
}
