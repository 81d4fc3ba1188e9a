import type { GroupedData } from '../groups'
import { digamma, gammaln, hyp2f1, logAddExp, nearAOne, stableOr } from '../special'
import { dataScale, type LikelihoodModel } from './model'

/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007): like BG/NBD, but a customer may also drop out
 * right at the first purchase, so customers without repeat purchases can be "dead" too.
 */
export interface MbgNbdParams {
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
  const xConst = new Float64Array(xValues.length)
  const gR = new Float64Array(xValues.length)
  const gA = new Float64Array(xValues.length)
  const gB = new Float64Array(xValues.length)
  const logBX = new Float64Array(xValues.length)
  const base = -gammaln(r) + r * Math.log(alpha) + gammaln(a + b) - gammaln(b)
  for (let k = 0; k < xValues.length; k++) {
    const x = xValues[k]!
    xConst[k] = base + gammaln(r + x) + gammaln(b + x + 1) - gammaln(a + b + x + 1)
    logBX[k] = Math.log(b + x)
    if (wantGradient) {
      gR[k] = -digamma(r) + Math.log(alpha) + digamma(r + x)
      gA[k] = digamma(a + b) - digamma(a + b + x + 1)
      gB[k] = digamma(a + b) - digamma(b) + digamma(b + x + 1) - digamma(a + b + x + 1)
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
    const lTx = logAlphaT[data.txIndex[i]!]!
    const A = -(r + x) * lT
    const B = logA - logBX[k]! - (r + x) * lTx
    const value = logAddExp(A, B)
    ll += w * (xConst[k]! + value)
    if (perGroup) perGroup[i] = xConst[k]! + value
    if (wantGradient) {
      const pB = Math.exp(B - value)
      const pA = 1 - pB
      dr += w * (gR[k]! - pA * lT - pB * lTx)
      dAlpha += w * (r / alpha - (r + x) * (pA / (alpha + data.T[i]!) + pB / (alpha + data.tx[i]!)))
      da += w * (gA[k]! + pB / a)
      db += w * (gB[k]! - pB / (b + x))
    }
  }
  return { value: ll, gradient: [dr, dAlpha, da, db] }
}

export const mbgNbd: LikelihoodModel = {
  name: 'mbgnbd',
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

export function mbgNbdParams(values: readonly number[]): MbgNbdParams {
  const [r, alpha, a, b] = values as [number, number, number, number]
  return { r, alpha, a, b }
}

export function mbgNbdPAlive(p: MbgNbdParams, x: number, tx: number, T: number): number {
  const logRatio =
    Math.log(p.a) - Math.log(p.b + x) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx))
  return 1 / (1 + Math.exp(logRatio))
}

/** 1 − (1−z)^{r+x} 2F1(r+x, b+x+1; a+b+x; z) after Euler's transformation (bounded for any x). */
function bracket(p: MbgNbdParams, x: number, z: number): number {
  const f = hyp2f1(p.a + p.b - p.r, p.a - 1, p.a + p.b + x, z)
  return 1 - Math.exp((p.a - 1) * Math.log1p(-z)) * f
}

export function mbgNbdExpectedIfAlive(p: MbgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0
  return stableOr(p.a, p.b + x + 1, p.r + x, p.alpha + T, t, () => {
    const z = t / (p.alpha + T + t)
    return nearAOne(p, (q) => ((q.a + q.b + x) / (q.a - 1)) * bracket(q, x, z))
  })
}

export function mbgNbdExpected(p: MbgNbdParams, t: number, x: number, tx: number, T: number): number {
  return mbgNbdExpectedIfAlive(p, t, x, T) * mbgNbdPAlive(p, x, tx, T)
}

export function mbgNbdPopulationExpected(p: MbgNbdParams, t: number): number {
  if (t <= 0) return 0
  return stableOr(p.a, p.b + 1, p.r, p.alpha, t, () => {
    const z = t / (p.alpha + t)
    return nearAOne(p, (q) => ((q.a + q.b) / (q.a - 1)) * bracket(q, 0, z))
  })
}
