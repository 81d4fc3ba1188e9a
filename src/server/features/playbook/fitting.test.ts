import { describe, expect, it } from 'vitest'
import { nextWorkingDay, weekdayOf } from '../../lib/dates'
import { hooksFor, measuresFor, rankMeasures } from './fitting'

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

describe('the playbook learns', () => {
  const measures = [
    { id: 1, reasonId: 5, position: 10 },
    { id: 2, reasonId: 5, position: 20 },
    { id: 3, reasonId: null, position: 30 },
  ]
  it('puts the measure that won back more first, within the measures for the reason', () => {
    const evidence = new Map([
      [1, { attempts: 40, won: 4 }],
      [2, { attempts: 40, won: 16 }],
      [3, { attempts: 40, won: 30 }],
    ])
    // 2 (posterior (0.2·10 + 16) / 50 = 0.36) before 1 (0.12); the general measure stays last
    expect(rankMeasures(measuresFor(measures, [5]), evidence, 0.2).map((m) => m.id)).toEqual([2, 1, 3])
  })
  it('keeps a measure with little evidence near the average, and the playbook order without evidence', () => {
    // one success in one attempt is not 100 %: (0.2·10 + 1) / 11 = 0.273, just above (0.2·10 + 6) / 30 = 0.267
    const evidence = new Map([
      [1, { attempts: 20, won: 6 }],
      [2, { attempts: 1, won: 1 }],
    ])
    expect(rankMeasures(measuresFor(measures, [5]), evidence, 0.2).map((m) => m.id)).toEqual([2, 1, 3])
    const lots = new Map([
      [1, { attempts: 200, won: 80 }],
      [2, { attempts: 1, won: 1 }],
    ])
    expect(rankMeasures(measuresFor(measures, [5]), lots, 0.2).map((m) => m.id)).toEqual([1, 2, 3])
    expect(rankMeasures(measuresFor(measures, [5]), new Map(), 0.2).map((m) => m.id)).toEqual([1, 2, 3])
  })
})
