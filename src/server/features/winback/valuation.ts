/**
 * What a lost customer is worth if won back, and what winning them back costs (PRODUCT.md step 3).
 * Pure: money in integer cents, rates as fractions.
 */

export type ValueMethod = 'model' | 'historical_margin'

/** The customer-base model's view of this customer if won back (revenue, over the run's horizon). */
export interface ModelWonBack {
  /** expected purchases over the horizon while alive, as they bought before */
  purchases: number
  /** expected revenue per purchase (Gamma-Gamma) */
  spendCents: number
  /** expected revenue over the horizon, discounted */
  discountedRevenueCents: number
  horizonMonths: number
}

export interface ValueInput {
  /** the model's value if won back, when a usable model has scored this customer */
  model: ModelWonBack | null
  /** revenue of the 12 months before the loss */
  annualRevenueCents: number
  /** the share of revenue that is contribution margin, from the imported documents, when they carry one */
  importedMarginRate: number | null
  /** the segment's default margin (0.3 = 30 %) when the import has none */
  defaultMarginRate: number
  /** how long a won-back customer is expected to stay, in months (the horizon of the margin method) */
  horizonMonths: number
  monthlyDiscountRate: number
}

export interface Value {
  cents: number
  method: ValueMethod
  /** the annual contribution margin before the loss (revenue × margin rate) */
  annualMarginCents: number
  marginRate: number
  marginFromImport: boolean
  horizonMonths: number
  /** model only: expected purchases over the horizon and revenue per purchase */
  purchases: number | null
  spendCents: number | null
}

/** Σ over the months of the horizon of 1 / (1 + rate)^month: what a steady monthly amount is worth today. */
export function annuityFactor(months: number, monthlyRate: number): number {
  // a list values every customer with the same horizon and rate: the last sum is kept
  if (months === lastAnnuity.months && monthlyRate === lastAnnuity.monthlyRate) return lastAnnuity.factor
  let factor = 0
  for (let month = 1; month <= months; month++) factor += 1 / (1 + monthlyRate) ** month
  lastAnnuity = { months, monthlyRate, factor }
  return factor
}

let lastAnnuity = { months: Number.NaN, monthlyRate: Number.NaN, factor: 0 }

/**
 * What a customer is worth once they buy again, in contribution margin over the horizon, discounted.
 * From the model: their expected purchases and spend as if alive (their own rate, P(alive) = 1), times
 * the margin rate. Without a usable model: the historical annual margin over the expected lifetime.
 * The probability of winning them back is not in it: it enters once, in the expected net value.
 */
export function valueIfWonBack(input: ValueInput): Value {
  const marginFromImport = input.importedMarginRate !== null
  const marginRate = Math.max(
    0,
    marginFromImport ? (input.importedMarginRate as number) : input.defaultMarginRate,
  )
  const annualMarginCents = Math.round(input.annualRevenueCents * marginRate)
  const model = input.model
  if (
    model &&
    model.horizonMonths > 0 &&
    Number.isFinite(model.discountedRevenueCents) &&
    model.discountedRevenueCents > 0
  )
    // literals, not a spread of the common part: a list values a million customers
    return {
      annualMarginCents,
      marginRate,
      marginFromImport,
      cents: Math.round(model.discountedRevenueCents * marginRate),
      method: 'model',
      horizonMonths: model.horizonMonths,
      purchases: model.purchases,
      spendCents: Math.round(model.spendCents),
    }
  const monthly = annualMarginCents / 12
  return {
    annualMarginCents,
    marginRate,
    marginFromImport,
    cents: Math.max(0, Math.round(monthly * annuityFactor(input.horizonMonths, input.monthlyDiscountRate))),
    method: 'historical_margin',
    horizonMonths: input.horizonMonths,
    purchases: null,
    spendCents: null,
  }
}

export interface RecoveryCostInput {
  /** cost of the planned measure (voucher, discount, gift, visit expenses) */
  measureCents: number
  /** planned contacts: minutes per contact on each channel */
  contacts: readonly { channel: string; minutes: number }[]
  /** what an hour of the sales team costs */
  hourlyRateCents: number
  /** postage of one letter; every contact on the letter channel pays it */
  postageCents?: number
}

export interface RecoveryCost {
  cents: number
  effortMinutes: number
  effortCents: number
  measureCents: number
  postageCents: number
}

/** Recovery cost = cost of the measure + contact effort (minutes × hourly rate) + postage of the letters. */
export function recoveryCost(input: RecoveryCostInput): RecoveryCost {
  const effortMinutes = input.contacts.reduce((sum, c) => sum + Math.max(0, c.minutes), 0)
  const effortCents = Math.round((effortMinutes / 60) * input.hourlyRateCents)
  const measureCents = Math.max(0, Math.round(input.measureCents))
  const letters = input.contacts.filter((c) => c.channel === 'letter').length
  const postageCents = letters * Math.max(0, Math.round(input.postageCents ?? 0))
  return {
    cents: measureCents + effortCents + postageCents,
    effortMinutes,
    effortCents,
    measureCents,
    postageCents,
  }
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
