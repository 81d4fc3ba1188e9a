import { describe, expect, it } from 'vitest'
import type { WinbackItem } from '../../../shared/api/winback'
import type { CurvePoint } from './prioritise'
import { type FullWinbackList, pageOfWinbackList } from './winback-list'

const point = (contacts: number): CurvePoint => ({
  contacts,
  hours: contacts / 3,
  cumulativeNetCents: contacts * 100,
})

describe('pageOfWinbackList', () => {
  const items = Array.from({ length: 5000 }, (_, i) => ({ customerId: i }) as WinbackItem)
  const full: FullWinbackList = {
    items,
    sortedOut: items.slice(0, 7),
    curve: {
      points: Array.from({ length: 5001 }, (_, i) => point(i)),
      totalNetCents: 500_000,
      eightyPercent: point(3999),
      stopHere: point(4321),
    },
    model: 'default',
    asOf: '2026-06-30',
  }
  const query = {
    status: 'lost' as const,
    sort: 'net_value' as const,
    limit: 50,
    offset: 100,
    sortedOutLimit: 5,
    sortedOutOffset: 5,
  }

  it('sends one page of each list with the totals', () => {
    const page = pageOfWinbackList(full, query)
    expect(page.items.map((i) => i.customerId)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i))
    expect(page).toMatchObject({ total: 5000, offset: 100, sortedOutTotal: 7 })
    expect(page.sortedOut.map((i) => i.customerId)).toEqual([5, 6])
  })

  it('thins the curve to a few hundred points, keeping its ends and the 80 % and stop points', () => {
    const { points } = pageOfWinbackList(full, query).curve
    expect(points.length).toBeLessThanOrEqual(402)
    expect(points[0]).toEqual(point(0))
    expect(points.at(-1)).toEqual(point(5000))
    expect(points).toContainEqual(point(3999))
    expect(points).toContainEqual(point(4321))
    expect(points.map((p) => p.contacts)).toEqual([...points.map((p) => p.contacts)].sort((a, b) => a - b))
  })
})
