/**
 * What a lost customer is worth if won back, and what winning them back costs (PRODUCT.md step 3).
 * Pure: money in integer cents, rates as fractions.
 */

export type ValueMethod = 'clv' | 'historical_margin'

export interface ValueInput {
  /** the statistical engine's CLV over the horizon, when the customer could be scored */
  clvCents: number | null
  /** revenue of the 12 months before the loss */
  annualRevenueCents: number
  /** margin of those 12 months from the import, when the documents carry one */
  annualMarginCents: number | null
  /** the segment's default margin (0.3 = 30 %) when the import has none */
  defaultMarginRate: number
  /** how many years a won-back customer is expected to stay */
  expectedLifetimeYears: number
}

export interface Value {
  cents: number
  method: ValueMethod
  /** the annual contribution margin the historical method used */
  annualMarginCents: number
  marginFromImport: boolean
}

/**
 * CLV from the statistical engine where it applies (its horizon and discounting already in it);
 * otherwise the historical annual contribution margin over the expected lifetime.
 */
export function valueIfWonBack(input: ValueInput): Value {
  const marginFromImport = input.annualMarginCents !== null
  const annualMarginCents = marginFromImport
    ? (input.annualMarginCents as number)
    : Math.round(input.annualRevenueCents * input.defaultMarginRate)
  if (input.clvCents !== null && Number.isFinite(input.clvCents) && input.clvCents > 0)
    return { cents: Math.round(input.clvCents), method: 'clv', annualMarginCents, marginFromImport }
  return {
    cents: Math.max(0, Math.round(annualMarginCents * input.expectedLifetimeYears)),
    method: 'historical_margin',
    annualMarginCents,
    marginFromImport,
  }
}

export interface RecoveryCostInput {
  /** cost of the planned measure (voucher, discount, gift, visit expenses) */
  measureCents: number
  /** planned contacts: minutes per contact on each channel */
  contacts: readonly { channel: string; minutes: number }[]
  /** what an hour of the sales team costs */
  hourlyRateCents: number
}

export interface RecoveryCost {
  cents: number
  effortMinutes: number
  effortCents: number
  measureCents: number
}

/** Recovery cost = cost of the measure + contact effort (minutes × hourly rate). */
export function recoveryCost(input: RecoveryCostInput): RecoveryCost {
  const effortMinutes = input.contacts.reduce((sum, c) => sum + Math.max(0, c.minutes), 0)
  const effortCents = Math.round((effortMinutes / 60) * input.hourlyRateCents)
  const measureCents = Math.max(0, Math.round(input.measureCents))
  return { cents: measureCents + effortCents, effortMinutes, effortCents, measureCents }
}

export type GateVerdict = 'worth_it' | 'too_costly' | 'no_value'

export interface Gate {
  verdict: GateVerdict
  /** CRC / CLV; null when there is no value to compare with */
  ratio: number | null
  /** P(win back) × value − recovery cost */
  expectedNetCents: number
}

/**
 * The CRC/CLV gate of the sources: winning back pays only while the recovery cost stays below the
 * value won back (ratio < maxRatio, default 1). Expected net value weighs the value by the
 * probability of winning the customer back.
 */
export function gate(valueCents: number, probability: number, costCents: number, maxRatio = 1): Gate {
  const expectedNetCents = Math.round(probability * valueCents - costCents)
  if (valueCents <= 0) return { verdict: 'no_value', ratio: null, expectedNetCents }
  const ratio = costCents / valueCents
  return { verdict: ratio < maxRatio ? 'worth_it' : 'too_costly', ratio, expectedNetCents }
}
