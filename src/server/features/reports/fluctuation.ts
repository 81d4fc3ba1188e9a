import type { LifecycleStatus } from '../../../shared/lifecycle'

/** One entry of the monthly status history: the status a customer has from this month on. */
export interface StatusChange {
  customerId: number
  /** YYYY-MM */
  month: string
  status: LifecycleStatus
}

export interface FluctuationMonth {
  month: string
  /** customers buying or expected to buy at the start of the month (new, active, at risk, sleeping, reactivated) */
  base: number
  lost: number
  new: number
  reactivated: number
  /** lost / base */
  churnRate: number
  /** how many win-backs that month would have kept the base where it was: lost − new, at least 0 */
  winbacksToOffset: number
  /** the base's average months since their first purchase; null without a base */
  averageTenureMonths: number | null
  /** net revenue of the 12 months up to this one per customer in the base: the average customer value; null without a base */
  annualValuePerCustomerCents: number | null
}

/** What the tenure and value columns need besides the status history. */
export interface FluctuationFacts {
  /** YYYY-MM of each customer's first purchase */
  firstMonthOf: ReadonlyMap<number, string>
  /** net revenue per month (YYYY-MM), in cents */
  revenueByMonth: ReadonlyMap<string, number>
}

const inBase: ReadonlySet<LifecycleStatus> = new Set(['new', 'active', 'at_risk', 'sleeping', 'reactivated'])

/**
 * Natural fluctuation (seeds 000 and 004) month by month from the status history: the base at the
 * start of each month, how many were lost, new and reactivated in it, the churn rate, and how many
 * win-backs would have offset the loss. Pure; `changes` in any order, months from `from` to `to`.
 */
export function fluctuation(
  changes: readonly StatusChange[],
  from: string,
  to: string,
  facts: FluctuationFacts = { firstMonthOf: new Map(), revenueByMonth: new Map() },
): FluctuationMonth[] {
  const sorted = [...changes].sort((a, b) => a.month.localeCompare(b.month) || a.customerId - b.customerId)
  const current = new Map<number, LifecycleStatus>()
  let base = 0
  // the sum of the base's first-purchase month numbers: the average tenure without a pass over the base
  let firstMonthSum = 0
  // without a known first purchase, the first month in the history stands in for it
  const firstIndex = new Map<number, number>()
  const firstIndexOf = (c: StatusChange) => {
    let index = firstIndex.get(c.customerId)
    if (index === undefined) {
      index = monthIndex(facts.firstMonthOf.get(c.customerId) ?? c.month)
      firstIndex.set(c.customerId, index)
    }
    return index
  }
  const months: FluctuationMonth[] = []
  const revenueWindow: number[] = []
  let i = 0
  for (let month = sorted[0]?.month ?? from; month <= to; month = nextMonth(month)) {
    const startBase = base
    const startFirstMonthSum = firstMonthSum
    let lost = 0
    let fresh = 0
    let reactivated = 0
    for (; i < sorted.length && sorted[i]!.month === month; i++) {
      const c = sorted[i]!
      const before = current.get(c.customerId)
      if (before !== undefined && inBase.has(before)) {
        base--
        firstMonthSum -= firstIndexOf(c)
      }
      if (inBase.has(c.status)) {
        base++
        firstMonthSum += firstIndexOf(c)
      }
      current.set(c.customerId, c.status)
      if (c.status === 'lost' && before !== 'lost') lost++
      if (c.status === 'new') fresh++
      if (c.status === 'reactivated') reactivated++
    }
    revenueWindow.push(facts.revenueByMonth.get(month) ?? 0)
    if (revenueWindow.length > 12) revenueWindow.shift()
    if (month >= from)
      months.push({
        month,
        base: startBase,
        lost,
        new: fresh,
        reactivated,
        churnRate: startBase === 0 ? 0 : lost / startBase,
        winbacksToOffset: Math.max(0, lost - fresh),
        averageTenureMonths: startBase === 0 ? null : monthIndex(month) - startFirstMonthSum / startBase,
        annualValuePerCustomerCents:
          startBase === 0 ? null : Math.round(revenueWindow.reduce((s, x) => s + x, 0) / startBase),
      })
  }
  return months
}

function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return y * 12 + m - 1
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number) as [number, number]
  const [yb, mb] = b.split('-').map(Number) as [number, number]
  return (yb - ya) * 12 + (mb - ma)
}

const gone: ReadonlySet<LifecycleStatus> = new Set(['at_risk', 'sleeping', 'lost'])

export interface SecondLoyalty {
  /** reactivations in the period */
  reactivated: number
  /** of those with six months behind them: how many were at risk, sleeping or lost again within six months */
  observed6m: number
  rechurned6m: number
  observed12m: number
  rechurned12m: number
}

/**
 * Second loyalty (seed 003): whether reactivated customers stay. A reactivation in [from, to] is
 * followed for 6 and 12 months (only those whose months have passed by `asOfMonth` count).
 */
export function secondLoyalty(
  changes: readonly StatusChange[],
  from: string,
  to: string,
  asOfMonth: string,
): SecondLoyalty {
  const byCustomer = new Map<number, StatusChange[]>()
  for (const c of changes) byCustomer.set(c.customerId, [...(byCustomer.get(c.customerId) ?? []), c])
  const result: SecondLoyalty = {
    reactivated: 0,
    observed6m: 0,
    rechurned6m: 0,
    observed12m: 0,
    rechurned12m: 0,
  }
  for (const list of byCustomer.values()) {
    list.sort((a, b) => a.month.localeCompare(b.month))
    list.forEach((c, index) => {
      if (c.status !== 'reactivated' || c.month < from || c.month > to) return
      result.reactivated++
      const relapse = list.slice(index + 1).find((later) => gone.has(later.status))
      const after = relapse ? monthsBetween(c.month, relapse.month) : Number.POSITIVE_INFINITY
      if (monthsBetween(c.month, asOfMonth) >= 6) {
        result.observed6m++
        if (after <= 6) result.rechurned6m++
      }
      if (monthsBetween(c.month, asOfMonth) >= 12) {
        result.observed12m++
        if (after <= 12) result.rechurned12m++
      }
    })
  }
  return result
}
