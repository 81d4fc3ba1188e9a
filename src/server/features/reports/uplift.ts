import betaln from '@stdlib/math-base-special-betaln'
import gammaln from '@stdlib/math-base-special-gammaln'
import { normalCdf, normalQuantile } from '../campaigns/power'

export interface Interval {
  low: number
  high: number
}

/** Wilson's score interval for a proportion x/n (Wilson 1927); [0, 1] for n = 0. */
export function wilsonInterval(x: number, n: number, confidence = 0.95): Interval {
  if (n === 0) return { low: 0, high: 1 }
  const z = normalQuantile(1 - (1 - confidence) / 2)
  const p = x / n
  const z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

/**
 * The interval of the difference p1 − p2 of two independent proportions by Newcombe's hybrid score
 * method (Newcombe 1998, method 10), built from the two Wilson intervals.
 */
export function newcombeInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): Interval {
  const p1 = n1 === 0 ? 0 : x1 / n1
  const p2 = n2 === 0 ? 0 : x2 / n2
  const a = wilsonInterval(x1, n1, confidence)
  const b = wilsonInterval(x2, n2, confidence)
  const d = p1 - p2
  return {
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  }
}

const logChoose = (n: number, k: number) => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)

/**
 * Fisher's exact test of a 2×2 table [[a, b], [c, d]], two-sided: the sum of the probabilities of
 * every table with the same margins that is no more likely than the observed one.
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const row1 = a + b
  const col1 = a + c
  const n = a + b + c + d
  const logP = (x: number) => logChoose(col1, x) + logChoose(n - col1, row1 - x) - logChoose(n, row1)
  const observed = logP(a)
  let p = 0
  for (let x = Math.max(0, row1 + col1 - n); x <= Math.min(row1, col1); x++) {
    const lp = logP(x)
    // a relative tolerance, as R's fisher.test, so that ties by rounding count as equally likely
    if (lp <= observed + 1e-7) p += Math.exp(lp)
  }
  return Math.min(1, p)
}

/** The pooled two-proportion z-test, two-sided p-value. */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1
  const pooled = (x1 + x2) / (n1 + n2)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
  if (se === 0) return 1
  const z = (x1 / n1 - x2 / n2) / se
  return 2 * (1 - normalCdf(Math.abs(z)))
}

/**
 * P(p_T > p_C) under independent Beta(1 + x, 1 + n − x) posteriors (uniform priors), exactly:
 * the closed form for Beta variables with an integer first parameter (Evan Miller, "Formulas for
 * Bayesian A/B testing", 2015).
 */
export function probabilityBetter(xT: number, nT: number, xC: number, nC: number): number {
  const aT = 1 + xT
  const bT = 1 + nT - xT
  const aC = 1 + xC
  const bC = 1 + nC - xC
  let total = 0
  for (let i = 0; i < aT; i++)
    total += Math.exp(betaln(aC + i, bC + bT) - Math.log(bT + i) - betaln(1 + i, bT) - betaln(aC, bC))
  return Math.min(1, Math.max(0, total))
}

export interface Arm {
  members: number
  won: number
}

export interface UpliftInput {
  treatment: Arm
  control: Arm
  /** days of the attribution window that have passed, and its length */
  daysPassed: number
  windowDays: number
  /** the customers per arm a verdict needs (the campaign's power preview) */
  requiredPerArm: number
}

export interface Uplift {
  treatment: { members: number; won: number; rate: number; interval: Interval }
  control: { members: number; won: number; rate: number; interval: Interval }
  difference: number
  interval: Interval
  pValue: number
  test: 'fisher' | 'z'
  probabilityBetter: number
  /** a verdict is given only with enough members and at least half the window passed */
  verdict: 'better' | 'no_difference' | 'worse' | 'too_little_data' | 'too_early'
}

/**
 * Treatment against control: the rates with Wilson intervals, the difference with Newcombe's
 * interval, a p-value (Fisher's exact test when an expected cell is below 5, else the z-test), the
 * Bayesian probability that treatment beats control, and a verdict only when it may be given.
 */
export function uplift(input: UpliftInput): Uplift {
  const { treatment: t, control: c } = input
  const rate = (a: Arm) => (a.members === 0 ? 0 : a.won / a.members)
  const n = t.members + c.members
  const won = t.won + c.won
  const expected = [
    (t.members * won) / Math.max(1, n),
    (t.members * (n - won)) / Math.max(1, n),
    (c.members * won) / Math.max(1, n),
    (c.members * (n - won)) / Math.max(1, n),
  ]
  const small = expected.some((e) => e < 5)
  const pValue = small
    ? fisherExact(t.won, t.members - t.won, c.won, c.members - c.won)
    : twoProportionZTest(t.won, t.members, c.won, c.members)
  const interval = newcombeInterval(t.won, t.members, c.won, c.members)
  const verdict =
    input.daysPassed < input.windowDays / 2
      ? 'too_early'
      : t.members < input.requiredPerArm || c.members < input.requiredPerArm
        ? 'too_little_data'
        : pValue >= 0.05
          ? 'no_difference'
          : rate(t) > rate(c)
            ? 'better'
            : 'worse'
  return {
    treatment: { ...t, rate: rate(t), interval: wilsonInterval(t.won, t.members) },
    control: { ...c, rate: rate(c), interval: wilsonInterval(c.won, c.members) },
    difference: rate(t) - rate(c),
    interval,
    pValue,
    test: small ? 'fisher' : 'z',
    probabilityBetter: probabilityBetter(t.won, t.members, c.won, c.members),
    verdict,
  }
}
