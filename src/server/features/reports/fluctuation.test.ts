import { describe, expect, it } from 'vitest'
import { fluctuation, type StatusChange, secondLoyalty } from './fluctuation'

const change = (customerId: number, month: string, status: StatusChange['status']): StatusChange => ({
  customerId,
  month,
  status,
})

describe('natural fluctuation', () => {
  const history = [
    change(1, '2025-01', 'new'),
    change(2, '2025-01', 'new'),
    change(3, '2025-01', 'new'),
    change(4, '2025-01', 'new'),
    change(1, '2025-02', 'active'),
    change(2, '2025-02', 'active'),
    change(3, '2025-03', 'lost'),
    change(4, '2025-03', 'lost'),
    change(5, '2025-03', 'new'),
    change(3, '2025-05', 'reactivated'),
  ]
  it('counts the base at the start of each month, the lost, new and reactivated, and what would offset the loss', () => {
    const months = fluctuation(history, '2025-02', '2025-05')
    expect(months).toMatchObject([
      { month: '2025-02', base: 4, lost: 0, new: 0, reactivated: 0, churnRate: 0, winbacksToOffset: 0 },
      { month: '2025-03', base: 4, lost: 2, new: 1, reactivated: 0, churnRate: 0.5, winbacksToOffset: 1 },
      { month: '2025-04', base: 3, lost: 0, new: 0, reactivated: 0, churnRate: 0, winbacksToOffset: 0 },
      { month: '2025-05', base: 3, lost: 0, new: 0, reactivated: 1, churnRate: 0, winbacksToOffset: 0 },
    ])
  })

  it("follows the base's average tenure and its revenue of the last 12 months per customer", () => {
    // customer 1 first bought in 2024-01 (before the history), the others in the month they became new
    const firstMonthOf = new Map([[1, '2024-01']])
    const revenueByMonth = new Map([
      ['2024-06', 1_200_00], // more than 12 months before 2025-06: outside its window
      ['2025-01', 400_00],
      ['2025-03', 800_00],
      ['2025-05', 300_00],
    ])
    const months = fluctuation(history, '2025-01', '2025-06', { firstMonthOf, revenueByMonth })
    // 2025-01 starts with nobody in the base
    expect(months[0]).toMatchObject({ base: 0, averageTenureMonths: null, annualValuePerCustomerCents: null })
    // 2025-02: 1 has 13 months behind it, 2, 3 and 4 one month: (13 + 1 + 1 + 1) / 4 = 4
    expect(months[1]).toMatchObject({ base: 4, averageTenureMonths: 4, annualValuePerCustomerCents: 100_00 })
    // 2025-04: 3 and 4 were lost, 5 came in 2025-03: (15 + 3 + 1) / 3; 1,200 € over three
    expect(months[3]!.averageTenureMonths).toBeCloseTo(19 / 3, 10)
    expect(months[3]!.annualValuePerCustomerCents).toBe(400_00)
    // 2025-06: 3 is back with its first purchase of 2025-01: (17 + 5 + 3 + 5) / 4; 1,500 € over four
    expect(months[5]).toMatchObject({
      base: 4,
      averageTenureMonths: 7.5,
      annualValuePerCustomerCents: 375_00,
    })
  })

  it('follows reactivated customers for 6 and 12 months once those months have passed', () => {
    const changes = [
      ...history,
      change(4, '2025-06', 'reactivated'),
      change(4, '2025-10', 'at_risk'), // 4 months later: re-churned within 6
      change(3, '2026-02', 'sleeping'), // 9 months after its reactivation: within 12 only
    ]
    // by 2026-05 both have six months behind them, only the one of 2025-05 twelve
    expect(secondLoyalty(changes, '2025-01', '2025-12', '2026-05')).toEqual({
      reactivated: 2,
      observed6m: 2,
      rechurned6m: 1,
      observed12m: 1,
      rechurned12m: 1,
    })
    expect(secondLoyalty(changes, '2025-01', '2025-12', '2026-07')).toMatchObject({
      observed12m: 2,
      rechurned12m: 2,
    })
    expect(secondLoyalty(changes, '2025-06', '2025-12', '2026-07')).toMatchObject({ reactivated: 1 })
  })
})
