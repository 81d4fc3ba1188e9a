import { betaln, gammaln, logSubExp } from '../special'

/**
 * BG/BB (Fader, Hardie & Shang 2010) for discrete transaction opportunities (donations per year,
 * renewals): in each period an alive customer transacts with probability p ~ Beta(α, β) and dies
 * with probability θ ~ Beta(γ, δ).
 */
export interface BgBbParams {
  alpha: number
  beta: number
  gamma: number
  delta: number
}

export interface DiscreteRow {
  /** transactions in n periods */
  x: number
  /** period of the last transaction (0 if none) */
  tx: number
  n: number
  weight?: number
}

function logTerms(p: BgBbParams, x: number, tx: number, n: number): number[] {
  const { alpha, beta, gamma, delta } = p
  const lbAB = betaln(alpha, beta)
  const lbGD = betaln(gamma, delta)
  const terms = [betaln(alpha + x, beta + n - x) - lbAB + betaln(gamma, delta + n) - lbGD]
  for (let i = 0; i <= n - tx - 1; i++) {
    terms.push(betaln(alpha + x, beta + tx - x + i) - lbAB + betaln(gamma + 1, delta + tx + i) - lbGD)
  }
  return terms
}

function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values)
  let sum = 0
  for (const v of values) sum += Math.exp(v - max)
  return max + Math.log(sum)
}

export function bgBbLogLikelihood(values: readonly number[], rows: readonly DiscreteRow[]): number {
  const [alpha, beta, gamma, delta] = values as [number, number, number, number]
  let ll = 0
  for (const r of rows)
    ll += (r.weight ?? 1) * logSumExp(logTerms({ alpha, beta, gamma, delta }, r.x, r.tx, r.n))
  return ll
}

/** P(alive in period n+1 | x, t_x, n) */
export function bgBbPAlive(p: BgBbParams, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = p
  const aliveTerm =
    betaln(alpha + x, beta + n - x) -
    betaln(alpha, beta) +
    betaln(gamma, delta + n + 1) -
    betaln(gamma, delta)
  return Math.exp(aliveTerm - logSumExp(logTerms(p, x, tx, n)))
}

/** Expected transactions in the next m periods (Fader, Hardie & Shang 2010, eq. 13). */
export function bgBbExpected(p: BgBbParams, m: number, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = p
  const logL = logSumExp(logTerms(p, x, tx, n))
  const logLead =
    betaln(alpha + x + 1, beta + n - x) -
    betaln(alpha, beta) +
    gammaln(gamma + delta) -
    gammaln(1 + delta) -
    logL
  const now = gammaln(1 + delta + n) - gammaln(gamma + delta + n)
  const later = gammaln(1 + delta + n + m) - gammaln(gamma + delta + n + m)

  // δ/(γ−1) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+m)/Γ(γ+δ+n+m)]: both factors change sign together at γ = 1
  const g = Math.abs(gamma - 1) < 1e-9 ? 1 + 1e-9 : gamma
  const bracket = g > 1 ? logSubExp(now, later) : logSubExp(later, now)
  return Math.exp(logLead + Math.log(delta / Math.abs(g - 1)) + bracket)
}
