import { betaln, gammaln } from '../special'

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

/**
 * Expected transactions in the next m periods (Fader, Hardie & Shang 2010, eq. 13). The paper's
 * δ/(γ−1)·[Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+m)/Γ(γ+δ+n+m)] divides a vanishing difference by γ − 1 next to
 * γ = 1; with f(k) = Γ(1+δ+k)/Γ(γ+δ+k), f(k) − f(k+1) = f(k)(γ−1)/(γ+δ+k), so it is the sum
 * δ Σ_{j<m} f(n+j)/(γ+δ+n+j), exact at any γ. Between whole periods the count grows linearly.
 */
export function bgBbExpected(p: BgBbParams, m: number, x: number, tx: number, n: number): number {
  if (m <= 0) return 0
  const { alpha, beta, gamma, delta } = p
  const logL = logSumExp(logTerms(p, x, tx, n))
  const logLead =
    betaln(alpha + x + 1, beta + n - x) -
    betaln(alpha, beta) +
    gammaln(gamma + delta) -
    gammaln(1 + delta) -
    logL
  return Math.exp(logLead) * delta * survivalSum(gamma, delta, n, m)
}

/** Σ_{j<m} f(n+j)/(γ+δ+n+j) with f(k) = Γ(1+δ+k)/Γ(γ+δ+k), linear between whole m. */
function survivalSum(gamma: number, delta: number, n: number, m: number): number {
  const whole = Math.floor(m)
  let f = Math.exp(gammaln(1 + delta + n) - gammaln(gamma + delta + n))
  let sum = 0
  for (let j = 0; j < whole; j++) {
    sum += f / (gamma + delta + n + j)
    f *= (1 + delta + n + j) / (gamma + delta + n + j)
  }
  return sum + (m - whole) * (f / (gamma + delta + n + whole))
}

/**
 * Expected transactions in the next m periods of a customer alive now (in period n + 1): the
 * transaction probability's posterior mean (α+x)/(α+β+n) times the expected periods alive,
 * Σ_{k<m} B(γ, δ+n+1+k)/B(γ, δ+n+1). bgBbExpected = P(alive) × this. Linear between whole m.
 */
export function bgBbExpectedIfAlive(p: BgBbParams, m: number, x: number, n: number): number {
  if (m <= 0) return 0
  const { alpha, beta, gamma, delta } = p
  const whole = Math.floor(m)
  // B(γ, d+1)/B(γ, d) = d/(γ+d): the survival factors multiply up
  let survive = 1
  let periods = 0
  for (let k = 0; k < whole; k++) {
    periods += survive
    survive *= (delta + n + 1 + k) / (gamma + delta + n + 1 + k)
  }
  periods += (m - whole) * survive
  return ((alpha + x) / (alpha + beta + n)) * periods
}

/**
 * P(k transactions in the next m whole periods | x, t_x, n): the likelihood of the histories with k
 * more transactions over L(x, t_x, n); C(j−1, k−1) patterns end with the last one in period n + j.
 */
export function bgBbCountProbability(
  p: BgBbParams,
  k: number,
  m: number,
  x: number,
  tx: number,
  n: number,
): number {
  const logL = logSumExp(logTerms(p, x, tx, n))
  if (k === 0) return Math.exp(logSumExp(logTerms(p, x, tx, n + m)) - logL)
  if (k > m) return 0
  const terms: number[] = []
  for (let j = k; j <= m; j++) {
    const logPatterns = gammaln(j) - gammaln(k) - gammaln(j - k + 1)
    terms.push(logPatterns + logSumExp(logTerms(p, x + k, n + j, n + m)))
  }
  return Math.exp(logSumExp(terms) - logL)
}
