import { describe, expect, it } from 'vitest'
import type { WinbackItem } from '../../../shared/api/winback'
import type { CurvePoint } from './prioritise'
import { pageOfWinbackList, type RankedWinbackList, type WinbackEntry } from './winback-list'

const point = (contacts: number): CurvePoint => ({
  contacts,
  hours: contacts / 3,
  cumulativeNetCents: contacts * 100,
})

describe('pageOfWinbackList', () => {
  const entry = (customerId: number): WinbackEntry => ({
    customerId,
    valueCents: 0,
    expectedNetCents: 0,
    probability: 0,
    ease: null,
    effortMinutes: 20,
    pastStop: customerId >= 4321,
  })
  const entries = Array.from({ length: 5000 }, (_, i) => entry(i))
  const asked: number[][] = []
  const full: RankedWinbackList = {
    entries,
    sortedOut: Array.from({ length: 7 }, (_, i) => entry(10_000 + i)),
    // the whole curve's numbers, with as many points as asked for
    curve: (maxPoints) => ({
      points: Array.from({ length: Math.min(5001, maxPoints ?? 5001) }, (_, i) => point(i)),
      totalNetCents: 500_000,
      eightyPercent: point(3999),
      stopHere: point(4321),
    }),
    model: 'default',
    asOf: '2026-06-30',
    // the items of the entries asked for, as the list makes them
    itemsOf: async (wanted) => {
      asked.push(wanted.map((e) => e.customerId))
      return wanted.map((e) => ({ customerId: e.customerId, pastStop: e.pastStop }) as WinbackItem)
    },
    updatedFor: () => Promise.reject(new Error('a page does not change the list')),
  }
  const query = {
    status: 'lost' as const,
    sort: 'net_value' as const,
    limit: 50,
    offset: 100,
    sortedOutLimit: 5,
    sortedOutOffset: 5,
  }

  it("sends one page of each list with the totals, making only those pages' items", async () => {
    asked.length = 0
    const page = await pageOfWinbackList(full, query)
    expect(page.items.map((i) => i.customerId)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i))
    expect(page).toMatchObject({ total: 5000, offset: 100, sortedOutTotal: 7 })
    expect(page.sortedOut.map((i) => i.customerId)).toEqual([10_005, 10_006])
    expect(asked).toEqual([[...Array.from({ length: 50 }, (_, i) => 100 + i), 10_005, 10_006]])
  })

  it('marks the items past the stop point as the entries have them', async () => {
    const page = await pageOfWinbackList(full, { ...query, offset: 4300 })
    expect(page.items.filter((i) => i.pastStop).map((i) => i.customerId)[0]).toBe(4321)
    expect(page.items.filter((i) => !i.pastStop)).toHaveLength(21)
  })

  it('sends the curve with the totals, 80 % and stop points of the whole list, and a few hundred points', async () => {
    const { curve } = await pageOfWinbackList(full, query)
    expect(curve).toMatchObject({ totalNetCents: 500_000, eightyPercent: point(3999), stopHere: point(4321) })
    expect(curve.points).toHaveLength(400)
  })
})
