import erfc from '@stdlib/math-base-special-erfc'
import erfcinv from '@stdlib/math-base-special-erfcinv'

/** The standard normal distribution function. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2)
}

/** The standard normal quantile. */
export function normalQuantile(p: number): number {
  return -Math.SQRT2 * erfcinv(2 * p)
}

export interface PowerInput {
  /** the share that comes back without being contacted (the control group's rate) */
  baselineRate: number
  /** the share expected to come back when contacted */
  treatedRate: number
  /** two-sided significance level */
  alpha?: number
  power?: number
}

/**
 * Customers needed per arm (equal arms) to tell the two rates apart: the two-proportion z-test
 * without continuity correction (Fleiss, Statistical Methods for Rates and Proportions, 3rd ed.,
 * eq. 4.14). Infinity when the rates are equal.
 */
export function sampleSizePerArm({
  baselineRate: p1,
  treatedRate: p2,
  alpha = 0.05,
  power = 0.8,
}: PowerInput) {
  const delta = Math.abs(p2 - p1)
  if (delta === 0) return Number.POSITIVE_INFINITY
  const za = normalQuantile(1 - alpha / 2)
  const zb = normalQuantile(power)
  const mean = (p1 + p2) / 2
  const n =
    (za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / delta ** 2
  return Math.ceil(n)
}

/** The power of the same test with the arms as they are (unequal sizes allowed). */
export function powerOf(input: Omit<PowerInput, 'power'> & { treated: number; control: number }): number {
  const { baselineRate: p1, treatedRate: p2, alpha = 0.05, treated, control } = input
  if (treated <= 0 || control <= 0 || p1 === p2) return 0
  const za = normalQuantile(1 - alpha / 2)
  const pooled = (p1 * control + p2 * treated) / (control + treated)
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / treated + 1 / control))
  const se1 = Math.sqrt((p1 * (1 - p1)) / control + (p2 * (1 - p2)) / treated)
  const z = (Math.abs(p2 - p1) - za * se0) / se1
  return normalCdf(z)
}

export interface PowerPreview {
  baselineRate: number
  treatedRate: number
  alpha: number
  power: number
  requiredPerArm: number
  treated: number
  control: number
  /** the power the campaign has with its arms as drawn */
  achievedPower: number
  /** the control group (or the treated one) is smaller than needed */
  tooSmall: boolean
}

/** What a campaign's arms can show: the size needed per arm and the power they have as drawn. */
export function powerPreview(input: {
  baselineRate: number
  treatedRate: number
  treated: number
  control: number
  alpha?: number
  power?: number
}): PowerPreview {
  const alpha = input.alpha ?? 0.05
  const power = input.power ?? 0.8
  const requiredPerArm = sampleSizePerArm({ ...input, alpha, power })
  const achievedPower = powerOf({ ...input, alpha })
  return {
    baselineRate: input.baselineRate,
    treatedRate: input.treatedRate,
    alpha,
    power,
    requiredPerArm,
    treated: input.treated,
    control: input.control,
    achievedPower,
    tooSmall: input.control < requiredPerArm || input.treated < requiredPerArm,
  }
}
