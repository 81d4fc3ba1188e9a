import type { GroupedData } from '../groups'
import { digamma, gammaln, hyp2f1, logAddExp, nearAOne, stableOr } from '../special'
import { dataScale, type LikelihoodModel } from './model'

/**
 * BG/NBD (Fader, Hardie & Lee 2005): purchases at Poisson rate λ ~ Gamma(r, α) while alive;
 * after each purchase the customer drops out with probability p ~ Beta(a, b).
 */
export interface BgNbdParams {
  r: number
  alpha: number
  a: number
  b: number
}

function logLikelihoodAndGradient(
  params: readonly number[],
  data: GroupedData,
  wantGradient: boolean,
  perGroup?: Float64Array,
) {
  const [r, alpha, a, b] = params as [number, number, number, number]
  const { xValues, times } = data
  // everything that depends only on x or only on a time value, once per distinct value
  const xConst = new Float64Array(xValues.length)
  const gR = new Float64Array(xValues.length)
  const gA = new Float64Array(xValues.length)
  const gB = new Float64Array(xValues.length)
  const logBX1 = new Float64Array(xValues.length)
  const base = -gammaln(r) + r * Math.log(alpha) + gammaln(a + b) - gammaln(b)
  const dBase = { r: -digamma(r) + Math.log(alpha), ab: digamma(a + b), b: -digamma(b) }
  for (let k = 0; k < xValues.length; k++) {
    const x = xValues[k]!
    xConst[k] = base + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x)
    logBX1[k] = x > 0 ? Math.log(b + x - 1) : 0
    if (wantGradient) {
      gR[k] = dBase.r + digamma(r + x)
      gA[k] = dBase.ab - digamma(a + b + x)
      gB[k] = dBase.ab + dBase.b + digamma(b + x) - digamma(a + b + x)
    }
  }
  const logAlphaT = new Float64Array(times.length)
  for (let k = 0; k < times.length; k++) logAlphaT[k] = Math.log(alpha + times[k]!)
  const logA = Math.log(a)
  let ll = 0
  let dr = 0
  let dAlpha = 0
  let da = 0
  let db = 0
  for (let i = 0; i < data.size; i++) {
    const w = data.weight[i]!
    const x = data.x[i]!
    const k = data.xIndex[i]!
    const lT = logAlphaT[data.TIndex[i]!]!
    const A = -(r + x) * lT
    let value: number
    let pB = 0
    let lTx = 0
    if (x > 0) {
      lTx = logAlphaT[data.txIndex[i]!]!
      const B = logA - logBX1[k]! - (r + x) * lTx
      value = logAddExp(A, B)
      pB = Math.exp(B - value)
    } else value = A
    ll += w * (xConst[k]! + value)
    if (perGroup) perGroup[i] = xConst[k]! + value
    if (wantGradient) {
      const pA = 1 - pB
      dr += w * (gR[k]! - pA * lT - pB * lTx)
      dAlpha +=
        w * (r / alpha - (r + x) * (pA / (alpha + data.T[i]!) + (x > 0 ? pB / (alpha + data.tx[i]!) : 0)))
      da += w * (gA[k]! + pB / a)
      db += w * (gB[k]! - (x > 0 ? pB / (b + x - 1) : 0))
    }
  }
  return { value: ll, gradient: [dr, dAlpha, da, db] }
}

export const bgNbd: LikelihoodModel = {
  name: 'bgnbd',
  parameterNames: ['r', 'alpha', 'a', 'b'],
  start(data) {
    const { meanT, meanX } = dataScale(data)
    return [1, Math.max(0.1, meanT / (1 + meanX)), 1, 1]
  },
  logLikelihood: (params, data) => logLikelihoodAndGradient(params, data, false).value,
  logLikelihoodWithGradient: (params, data) => logLikelihoodAndGradient(params, data, true),
  groupLogLikelihoods(params, data) {
    const out = new Float64Array(data.size)
    logLikelihoodAndGradient(params, data, false, out)
    return out
  },
}

export function bgNbdParams(values: readonly number[]): BgNbdParams {
  const [r, alpha, a, b] = values as [number, number, number, number]
  return { r, alpha, a, b }
}

/** P(alive | x, t_x, T) */
export function bgNbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1
  const logRatio =
    Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx))
  return 1 / (1 + Math.exp(logRatio))
}

/**
 * 1 − (1−z)^{r+x} 2F1(r+x, b+x; a+b+x−1; z), written after Euler's transformation as
 * 1 − (1−z)^{a−1} 2F1(a+b−1−r, a−1; a+b+x−1; z), which stays bounded for any x.
 */
function bracket(p: BgNbdParams, x: number, z: number): number {
  const f = hyp2f1(p.a + p.b - 1 - p.r, p.a - 1, p.a + p.b + x - 1, z)
  return 1 - Math.exp((p.a - 1) * Math.log1p(-z)) * f
}

/** Expected purchases in the next t time units for a customer who is alive. */
export function bgNbdExpectedIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0
  return stableOr(p.a, p.b + x, p.r + x, p.alpha + T, t, () => {
    const z = t / (p.alpha + T + t)
    return nearAOne(p, (q) => ((q.a + q.b + x - 1) / (q.a - 1)) * bracket(q, x, z))
  })
}

/** E[X(t) | x, t_x, T]: expected purchases in the next t time units. */
export function bgNbdExpected(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  return bgNbdExpectedIfAlive(p, t, x, T) * bgNbdPAlive(p, x, tx, T)
}

/** E[X(t)] for a customer just acquired (the population curve). */
export function bgNbdPopulationExpected(p: BgNbdParams, t: number): number {
  if (t <= 0) return 0
  return stableOr(p.a, p.b, p.r, p.alpha, t, () => {
    const z = t / (p.alpha + t)
    return nearAOne(p, (q) => ((q.a + q.b - 1) / (q.a - 1)) * bracket(q, 0, z))
  })
}

/** P(X(t) = n) for a customer just acquired (FHL 2005, eq. 8). */
export function bgNbdProbabilityOf(p: BgNbdParams, n: number, t: number): number {
  const logBeta = (u: number, v: number) => gammaln(u) + gammaln(v) - gammaln(u + v)
  const lB = logBeta(p.a, p.b)
  const logQ = Math.log(p.alpha) - Math.log(p.alpha + t)
  const logT = Math.log(t) - Math.log(p.alpha + t)
  const first = Math.exp(
    logBeta(p.a, p.b + n) - lB + gammaln(p.r + n) - gammaln(p.r) - gammaln(n + 1) + p.r * logQ + n * logT,
  )
  if (n === 0) return first
  let sum = 0
  for (let j = 0; j < n; j++)
    sum += Math.exp(gammaln(p.r + j) - gammaln(p.r) - gammaln(j + 1) + p.r * logQ + j * logT)
  return first + Math.exp(logBeta(p.a + 1, p.b + n - 1) - lB) * (1 - sum)
}
