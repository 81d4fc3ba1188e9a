import upperGamma from '@stdlib/math-base-special-gammainc'
import type { GroupedData } from '../groups'
import { digamma, gammaln, log2F1OneB, logAddExp, logSubExp, oneMinusPowOverK } from '../special'
import { dataScale, type LikelihoodModel } from './model'

/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987; likelihood as in Fader & Hardie 2005): purchases
 * at Poisson rate λ ~ Gamma(r, α), lifetimes exponential with rate μ ~ Gamma(s, β).
 *
 * The likelihood needs A0 = F(t_x) − F(T) with F a Gauss hypergeometric function over a power. After
 * Euler's transformation both branches (α ≥ β and α < β) become 2F1(1, b; c; z) with 0 < b < c and
 * 0 ≤ z < 1, a series of positive terms that log2F1OneB sums together with its derivatives; the
 * powers are applied in log space, so no term over- or underflows.
 */
export interface ParetoNbdParams {
  r: number
  alpha: number
  s: number
  beta: number
}

interface LogTerm {
  value: number
  dr: number
  dAlpha: number
  ds: number
  dBeta: number
}

/** ln F(t) for one x with its derivatives, in the branch the parameters select. */
function logTerm(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  wantGradient: boolean,
): LogTerm {
  const la = Math.log(alpha + t)
  const lb = Math.log(beta + t)
  const c = r + s + x + 1
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + t)
    const g = log2F1OneB(r + x, c, z)
    const value = g.logValue - s * lb - (r + x) * la
    if (!wantGradient) return { value, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 }
    return {
      value,
      dr: g.dB + g.dC - la,
      ds: g.dC - lb,
      dAlpha: (g.dZ * (beta + t)) / ((alpha + t) * (alpha + t)) - (r + x) / (alpha + t),
      dBeta: -g.dZ / (alpha + t) - s / (beta + t),
    }
  }
  const z = (beta - alpha) / (beta + t)
  const g = log2F1OneB(s + 1, c, z)
  const value = g.logValue + (1 - r - x) * la - (s + 1) * lb
  if (!wantGradient) return { value, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 }
  return {
    value,
    dr: g.dC - la,
    ds: g.dB + g.dC - lb,
    dAlpha: -g.dZ / (beta + t) + (1 - r - x) / (alpha + t),
    dBeta: (g.dZ * (alpha + t)) / ((beta + t) * (beta + t)) - (s + 1) / (beta + t),
  }
}

/** The distinct (x, time) pairs the groups need F at, computed once per data set. */
interface PairIndex {
  x: Float64Array
  t: Float64Array
  /** per group: pair of (x, t_x) and of (x, T) */
  atTx: Int32Array
  atT: Int32Array
}

const pairCache = new WeakMap<GroupedData, PairIndex>()

function pairsOf(data: GroupedData): PairIndex {
  const cached = pairCache.get(data)
  if (cached) return cached
  const ids = new Map<number, number>()
  const x: number[] = []
  const t: number[] = []
  const width = data.times.length
  const pair = (xi: number, ti: number) => {
    const key = xi * width + ti
    let id = ids.get(key)
    if (id === undefined) {
      id = x.length
      ids.set(key, id)
      x.push(data.xValues[xi]!)
      t.push(data.times[ti]!)
    }
    return id
  }
  const atTx = new Int32Array(data.size)
  const atT = new Int32Array(data.size)
  for (let i = 0; i < data.size; i++) {
    atTx[i] = pair(data.xIndex[i]!, data.txIndex[i]!)
    atT[i] = pair(data.xIndex[i]!, data.TIndex[i]!)
  }
  const index = { x: Float64Array.from(x), t: Float64Array.from(t), atTx, atT }
  pairCache.set(data, index)
  return index
}

function logLikelihoodAndGradient(
  params: readonly number[],
  data: GroupedData,
  wantGradient: boolean,
  perGroup?: Float64Array,
) {
  const [r, alpha, s, beta] = params as [number, number, number, number]
  const pairs = pairsOf(data)
  const terms: LogTerm[] = new Array(pairs.x.length)
  for (let k = 0; k < pairs.x.length; k++)
    terms[k] = logTerm(r, alpha, s, beta, pairs.x[k]!, pairs.t[k]!, wantGradient)
  const xConst = new Float64Array(data.xValues.length)
  const xDr = new Float64Array(data.xValues.length)
  const base = -gammaln(r) + r * Math.log(alpha) + s * Math.log(beta)
  for (let k = 0; k < data.xValues.length; k++) {
    xConst[k] = base + gammaln(r + data.xValues[k]!)
    if (wantGradient) xDr[k] = digamma(r + data.xValues[k]!) - digamma(r) + Math.log(alpha)
  }
  const logS = Math.log(s)
  let ll = 0
  let gr = 0
  let gAlpha = 0
  let gs = 0
  let gBeta = 0
  for (let i = 0; i < data.size; i++) {
    const w = data.weight[i]!
    const x = data.x[i]!
    const T = data.T[i]!
    const laT = Math.log(alpha + T)
    const lbT = Math.log(beta + T)
    const C = -(r + x) * laT - s * lbT
    const f1 = terms[pairs.atTx[i]!]!
    const f2 = terms[pairs.atT[i]!]!
    const logA0 = logSubExp(f1.value, f2.value)
    const D = logS - Math.log(r + s + x) + logA0
    const V = logAddExp(C, D)
    ll += w * (xConst[data.xIndex[i]!]! + V)
    if (perGroup) perGroup[i] = xConst[data.xIndex[i]!]! + V
    if (!wantGradient) continue
    const pD = D === Number.NEGATIVE_INFINITY ? 0 : Math.exp(D - V)
    const pC = 1 - pD
    let dA0r = 0
    let dA0Alpha = 0
    let dA0s = 0
    let dA0Beta = 0
    if (pD > 0) {
      const q = Math.exp(f2.value - f1.value)
      const k = 1 / (1 - q)
      dA0r = (f1.dr - q * f2.dr) * k
      dA0Alpha = (f1.dAlpha - q * f2.dAlpha) * k
      dA0s = (f1.ds - q * f2.ds) * k
      dA0Beta = (f1.dBeta - q * f2.dBeta) * k
    }
    const inv = 1 / (r + s + x)
    gr += w * (xDr[data.xIndex[i]!]! + pC * -laT + pD * (-inv + dA0r))
    gAlpha += w * (r / alpha + pC * (-(r + x) / (alpha + T)) + pD * dA0Alpha)
    gs += w * (Math.log(beta) + pC * -lbT + pD * (1 / s - inv + dA0s))
    gBeta += w * (s / beta + pC * (-s / (beta + T)) + pD * dA0Beta)
  }
  return { value: ll, gradient: [gr, gAlpha, gs, gBeta] }
}

export const paretoNbd: LikelihoodModel = {
  name: 'pnbd',
  parameterNames: ['r', 'alpha', 's', 'beta'],
  start(data) {
    const { meanT, meanX } = dataScale(data)
    const scale = Math.max(0.1, meanT / (1 + meanX))
    return [1, scale, 1, scale]
  },
  logLikelihood: (params, data) => logLikelihoodAndGradient(params, data, false).value,
  logLikelihoodWithGradient: (params, data) => logLikelihoodAndGradient(params, data, true),
  groupLogLikelihoods(params, data) {
    const out = new Float64Array(data.size)
    logLikelihoodAndGradient(params, data, false, out)
    return out
  },
}

export function paretoNbdParams(values: readonly number[]): ParetoNbdParams {
  const [r, alpha, s, beta] = values as [number, number, number, number]
  return { r, alpha, s, beta }
}

/** log of the ratio "alive-and-quiet" : "died during the quiet period", the pieces of P(alive). */
function logDeathOverAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p
  const f1 = logTerm(r, alpha, s, beta, x, tx, false).value
  const f2 = logTerm(r, alpha, s, beta, x, T, false).value
  const logA0 = logSubExp(f1, f2)
  return Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + logA0
}

/** P(alive | x, t_x, T) */
export function paretoNbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const ratio = logDeathOverAlive(p, x, tx, T)
  return ratio === Number.NEGATIVE_INFINITY ? 1 : 1 / (1 + Math.exp(ratio))
}

/** Expected purchases in the next t time units for a customer who is alive. */
export function paretoNbdExpectedIfAlive(p: ParetoNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0
  const { r, alpha, s, beta } = p
  // (β+T)/(s−1) · [1 − ((β+T)/(β+T+t))^{s−1}], continuous at s = 1
  const logQ = Math.log(beta + T) - Math.log(beta + T + t)
  return ((r + x) / (alpha + T)) * (beta + T) * oneMinusPowOverK(logQ, s - 1)
}

/** E[X(t) | x, t_x, T] (Schmittlein et al. 1987; Fader & Hardie 2005, eq. 22). */
export function paretoNbdExpected(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  return paretoNbdExpectedIfAlive(p, t, x, T) * paretoNbdPAlive(p, x, tx, T)
}

/** E[X(t)] for a customer just acquired. */
export function paretoNbdPopulationExpected(p: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0
  const logQ = Math.log(p.beta) - Math.log(p.beta + t)
  return (p.r / p.alpha) * p.beta * oneMinusPowOverK(logQ, p.s - 1)
}

/** The individual log-likelihood (with all constants), needed by DERT. */
export function paretoNbdLogLikelihoodOf(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p
  const C = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T)
  const f1 = logTerm(r, alpha, s, beta, x, tx, false).value
  const f2 = logTerm(r, alpha, s, beta, x, T, false).value
  const D = Math.log(s) - Math.log(r + s + x) + logSubExp(f1, f2)
  return gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta) + logAddExp(C, D)
}

/** ln Γ(a, z), the upper incomplete gamma function, for any real a and z > 0. */
export function logUpperGamma(a: number, z: number): number {
  if (a > 0) return Math.log(upperGamma(z, a, false, true))
  // Γ(a, z) = (Γ(a+1, z) − z^a e^{−z}) / a, stepping up until a > 0
  const shifted = Math.abs(a) < 1e-12 ? 1e-12 : a
  return Math.log((upperGammaAny(shifted + 1, z) - Math.exp(shifted * Math.log(z) - z)) / shifted)
}

function upperGammaAny(a: number, z: number): number {
  if (a > 0) return upperGamma(z, a, false, true)
  const shifted = Math.abs(a) < 1e-12 ? 1e-12 : a
  return (upperGammaAny(shifted + 1, z) - Math.exp(shifted * Math.log(z) - z)) / shifted
}

/**
 * Discounted expected residual transactions (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 2):
 * the present value of all future transactions, discounted continuously at rate δ per time unit.
 */
export function paretoNbdDert(p: ParetoNbdParams, delta: number, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p
  const z = delta * (beta + T)
  const logPsi = z + logUpperGamma(1 - s, z)
  return Math.exp(
    r * Math.log(alpha) +
      s * Math.log(beta) +
      (s - 1) * Math.log(delta) +
      gammaln(r + x + 1) +
      logPsi -
      gammaln(r) -
      (r + x + 1) * Math.log(alpha + T) -
      paretoNbdLogLikelihoodOf(p, x, tx, T),
  )
}
