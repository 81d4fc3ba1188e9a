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
  for (const row of rows) {
    const w = row.weight ?? 1
    const { x, m } = row
    const px = p * x
    const lxm = Math.log(g + x * m)
    ll +=
      w * (base + gammaln(px + q) - gammaln(px) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * lxm)
    const dpq = digamma(px + q)
    dp += w * x * (dpq - digamma(px) + Math.log(m) + Math.log(x) - lxm)
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
