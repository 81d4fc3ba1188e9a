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

/**
 * Many customers' summaries (with their ids) in columns, in the order added: a million as objects
 * took 200 MB of the heap a scoring run holds while it fits, and the garbage the run leaves grows
 * with that. `at` makes a customer's summary as an object when asked.
 */
export class SummaryColumns implements Iterable<CustomerSummary> {
  readonly ids: string[] = []
  private x = new Float64Array(1024)
  private tx = new Float64Array(1024)
  private T = new Float64Array(1024)
  private monetaryCents = new Float64Array(1024)
  private firstDay = new Float64Array(1024)

  get length(): number {
    return this.ids.length
  }

  push(id: string, s: CustomerSummary): void {
    const i = this.ids.length
    if (i === this.x.length) this.grow()
    this.ids.push(id)
    this.x[i] = s.x
    this.tx[i] = s.tx
    this.T[i] = s.T
    this.monetaryCents[i] = s.monetaryCents
    this.firstDay[i] = s.firstDay
  }

  /** The summary of the customer at `index`, made afresh. */
  at(index: number): CustomerSummary {
    if (!(index >= 0 && index < this.ids.length)) throw new RangeError(`no summary at ${index}`)
    return {
      x: this.x[index]!,
      tx: this.tx[index]!,
      T: this.T[index]!,
      monetaryCents: this.monetaryCents[index]!,
      firstDay: this.firstDay[index]!,
    }
  }

  *[Symbol.iterator](): Iterator<CustomerSummary> {
    for (let i = 0; i < this.ids.length; i++) yield this.at(i)
  }

  private grow(): void {
    const grown = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2)
      b.set(a)
      return b
    }
    this.x = grown(this.x)
    this.tx = grown(this.tx)
    this.T = grown(this.T)
    this.monetaryCents = grown(this.monetaryCents)
    this.firstDay = grown(this.firstDay)
  }
}
