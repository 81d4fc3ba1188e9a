import { describe, expect, it } from 'vitest'
import { nextWorkingDay, weekdayOf } from '../../lib/dates'
import { hooksFor, measuresFor } from './fitting'

describe('fitting measures and hooks', () => {
  const measures = [
    { id: 1, reasonId: 5, position: 20 },
    { id: 2, reasonId: 5, position: 10 },
    { id: 3, reasonId: null, position: 30 },
    { id: 4, reasonId: 7, position: 5 },
  ]
  it('puts the measures for the reasons first, in the reasons’ then the playbook’s order, then general ones', () => {
    expect(measuresFor(measures, [5]).map((m) => m.id)).toEqual([2, 1, 3])
    expect(measuresFor(measures, [7, 5]).map((m) => m.id)).toEqual([4, 2, 1, 3])
    expect(measuresFor(measures, []).map((m) => m.id)).toEqual([3])
  })
  it('shows hooks valid that day for one of the reasons, or for everybody', () => {
    const hooks = [
      { id: 1, reasonIds: [5], validFrom: '2026-01-01', validUntil: '2026-06-30' },
      { id: 2, reasonIds: [], validFrom: '2026-03-01', validUntil: null },
      { id: 3, reasonIds: [9], validFrom: '2026-01-01', validUntil: null },
    ]
    expect(hooksFor(hooks, [5], '2026-06-30').map((h) => h.id)).toEqual([1, 2])
    expect(hooksFor(hooks, [5], '2026-07-01').map((h) => h.id)).toEqual([2])
    expect(hooksFor(hooks, [5], '2026-02-01').map((h) => h.id)).toEqual([1])
  })
  it('knows weekdays and skips the weekend for the next working day', () => {
    expect(weekdayOf('2026-12-03')).toBe(4) // a Thursday
    expect(nextWorkingDay('2026-12-03')).toBe('2026-12-04')
    expect(nextWorkingDay('2026-12-04')).toBe('2026-12-07')
    expect(nextWorkingDay('2026-12-05')).toBe('2026-12-07')
  })
})
