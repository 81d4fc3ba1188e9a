/** Time units of the continuous-time models (BG/NBD, Pareto/NBD, MBG/NBD). */
export const timeUnits = ['day', 'week', 'month'] as const
/** Periods of BG/BB: transaction opportunities such as a year of donations. */
export const periodUnits = ['month', 'quarter', 'year'] as const
export type PeriodUnit = (typeof periodUnits)[number]
export type TimeUnit = (typeof timeUnits)[number] | PeriodUnit
/** Every unit a run can be in. */
export const allTimeUnits = ['day', 'week', 'month', 'quarter', 'year'] as const

/** Days per time unit: a month is 365.25 / 12 days. */
export const daysPerUnit: Record<TimeUnit, number> = {
  day: 1,
  week: 7,
  month: 365.25 / 12,
  quarter: 365.25 / 4,
  year: 365.25,
}

/** One transaction: a day (epoch day) and its amount in cents; negative amounts are credit notes. */
export interface Transaction {
  day: number
  amountCents: number
}

/**
 * The customer-base summary of one customer in the calibration period: x repeat purchases, t_x the
 * time of the last purchase after the first, T the time from the first purchase to the end of
 * calibration (all in the time unit), and the mean value of the repeat purchases.
 */
export interface CustomerSummary {
  x: number
  tx: number
  T: number
  /** mean net value of the repeat purchases in cents; 0 without repeat purchases */
  monetaryCents: number
  /** first purchase day (epoch day) */
  firstDay: number
}

/**
 * Purchase days from transactions: same-day transactions are one purchase; credit notes are netted
 * into their day. A day with purchases counts even when its value is zero (as in the published
 * CDNOW analyses); a day with credit notes only, or whose credits cancel its purchases, does not.
 */
export function purchaseDays(transactions: readonly Transaction[]): { day: number; amountCents: number }[] {
  const byDay = new Map<number, { purchases: number; net: number; credits: boolean }>()
  for (const t of transactions) {
    const entry = byDay.get(t.day) ?? { purchases: 0, net: 0, credits: false }
    if (t.amountCents < 0) entry.credits = true
    else entry.purchases++
    entry.net += t.amountCents
    byDay.set(t.day, entry)
  }
  return [...byDay.entries()]
    .filter(([, e]) => e.purchases > 0 && (e.net > 0 || !e.credits))
    .map(([day, e]) => ({ day, amountCents: Math.max(0, e.net) }))
    .sort((a, b) => a.day - b.day)
}

/**
 * Summarises one customer's transactions up to and including `calibrationEnd` (epoch day).
 * Returns null for a customer who had not bought by then.
 */
export function summarize(
  transactions: readonly Transaction[],
  calibrationEnd: number,
  unit: TimeUnit,
): CustomerSummary | null {
  const days = purchaseDays(transactions.filter((t) => t.day <= calibrationEnd))
  if (days.length === 0) return null
  const first = days[0]!.day
  const last = days.at(-1)!.day
  const scale = daysPerUnit[unit]
  const repeat = days.slice(1)
  const monetary = repeat.length > 0 ? repeat.reduce((s, d) => s + d.amountCents, 0) / repeat.length : 0
  return {
    x: repeat.length,
    tx: (last - first) / scale,
    T: (calibrationEnd - first) / scale,
    monetaryCents: monetary,
    firstDay: first,
  }
}

/** Repeat purchases of a customer in (calibrationEnd, holdoutEnd]. */
export function holdoutPurchases(
  transactions: readonly Transaction[],
  calibrationEnd: number,
  holdoutEnd: number,
): number {
  const days = purchaseDays(transactions.filter((t) => t.day <= holdoutEnd))
  return days.filter((d) => d.day > calibrationEnd).length
}
