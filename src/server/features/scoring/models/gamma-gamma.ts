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

export function gammaGammaLogLikelihood(
  params: readonly number[],
  rows: readonly SpendRow[],
): { value: number; gradient: number[] } {
  const [p, q, g] = params as [number, number, number]
  let ll = 0
  let dp = 0
  let dq = 0
  let dg = 0
  const base = -gammaln(q) + q * Math.log(g)
  const dqBase = -digamma(q) + Math.log(g)
  // the special functions depend on the number of repeat purchases only, of which a base has few
  // distinct values: computed once per x (a million buyers took 20 s of a night's rescoring)
  const byX = new Map<number, { gpq: number; gp: number; dpq: number; dgp: number; lx: number }>()
  for (const row of rows) {
    const w = row.weight ?? 1
    const { x, m } = row
    const px = p * x
    let perX = byX.get(x)
    if (!perX) {
      perX = {
        gpq: gammaln(px + q),
        gp: gammaln(px),
        dpq: digamma(px + q),
        dgp: digamma(px),
        lx: Math.log(x),
      }
      byX.set(x, perX)
    }
    const lxm = Math.log(g + x * m)
    const lm = row.logM ?? Math.log(m)
    ll += w * (base + perX.gpq - perX.gp + (px - 1) * lm + px * perX.lx - (px + q) * lxm)
    const dpq = perX.dpq
    dp += w * x * (dpq - perX.dgp + lm + perX.lx - lxm)
    dq += w * (dqBase + dpq - lxm)
    dg += w * (q / g - (px + q) / (g + x * m))
  }
  return { value: ll, gradient: [dp, dq, dg] }
}

/** E(M | x, m): the expected value of a customer's future transactions, shrunk towards the population mean. */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const populationMean = (params.p * params.gamma) / (params.q - 1)
  if (x === 0) return params.q > 1 ? populationMean : Number.NaN
  return (params.p * (params.gamma + x * m)) / (params.p * x + params.q - 1)
}
