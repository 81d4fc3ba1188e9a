import type { TimeUnit } from './summary'

/** Time units per month, as lifetimes' customer_lifetime_value counts them. */
export const unitsPerMonth: Record<TimeUnit, number> = {
  day: 30,
  week: 4.345,
  month: 1,
  quarter: 1 / 3,
  year: 1 / 12,
}

/**
 * Discounted customer lifetime value as in lifetimes' customer_lifetime_value: for each month of
 * the horizon, the expected purchases in that month times the expected spend, discounted at a
 * monthly rate.
 *
 * @param expectedBy expected purchases from now up to t time units
 */
export function discountedClv(
  expectedBy: (t: number) => number,
  spendPerPurchase: number,
  options: { months: number; monthlyDiscountRate: number; unit: TimeUnit },
): number {
  const factor = unitsPerMonth[options.unit]
  let clv = 0
  let previous = 0
  for (let month = 1; month <= options.months; month++) {
    const cumulative = expectedBy(month * factor)
    clv += (spendPerPurchase * (cumulative - previous)) / (1 + options.monthlyDiscountRate) ** month
    previous = cumulative
  }
  return clv
}
