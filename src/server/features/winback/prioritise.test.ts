import { describe, expect, it } from 'vitest'
import {
  type Candidate,
  curveAlong,
  type ExclusionFacts,
  effortCurve,
  exclusionOf,
  mergeInOrder,
  onTheList,
  prioritise,
  priorityOrder,
  sortedOutOrder,
  stopIndex,
} from './prioritise'
import { gate } from './valuation'

const facts = (over: Partial<ExclusionFacts> = {}): ExclusionFacts => ({
  objected: false,
  doNotContact: false,
  insolventOrClosed: false,
  switchedForGood: false,
  refusals: 0,
  manual: null,
  winBack: null,
  ...over,
})
const include = { decision: 'include' as const, note: 'neuer Einkäufer' }
const exclude = { decision: 'exclude' as const, note: 'Streitfall' }

describe('exclusionOf', () => {
  it.each([
    [facts(), null],
    [facts({ objected: true }), 'objected'],
    [facts({ objected: true, manual: include }), 'objected'],
    [facts({ doNotContact: true, manual: include }), 'do_not_contact'],
    [facts({ manual: exclude }), 'manual'],
    [facts({ insolventOrClosed: true }), 'insolvent_or_closed'],
    [facts({ insolventOrClosed: true, manual: include }), null],
    [facts({ switchedForGood: true }), 'switched_for_good'],
    [facts({ switchedForGood: true, manual: include }), null],
    [facts({ refusals: 1 }), null],
    [facts({ refusals: 2 }), 'refused_twice'],
    [facts({ refusals: 3, manual: include }), null],
    [facts({ insolventOrClosed: true, objected: true }), 'objected'],
    [facts({ refusals: 2, manual: exclude }), 'manual'],
    [facts({ winBack: 'awaiting_order' }), 'awaiting_order'],
    [facts({ winBack: 'won_back', refusals: 2 }), 'won_back'],
    [facts({ winBack: 'awaiting_order', manual: include }), 'awaiting_order'],
    [facts({ winBack: 'awaiting_order', objected: true }), 'objected'],
  ])('%o → %s', (f, expected) => {
    expect(exclusionOf(f)).toBe(expected)
  })
})

function candidate(
  customerId: number,
  valueCents: number,
  probability: number,
  costCents: number,
  over: Partial<Candidate> = {},
): Candidate {
  return {
    customerId,
    valueCents,
    probability,
    costCents,
    effortMinutes: 30,
    ease: null,
    gate: gate(valueCents, probability, costCents),
    exclusion: null,
    ...over,
  }
}

describe('prioritise', () => {
  const a = candidate(1, 100_000, 0.1, 5_000) // net 5,000
  const b = candidate(2, 100_000, 0.2, 11_000) // net 9,000
  const c = candidate(3, 500_000, 0.9, 1_000, { exclusion: 'objected' })
  const d = candidate(4, 5_000, 0.9, 6_000) // too costly
  const e = candidate(5, 50_000, 0.3, 6_000, { ease: 5 }) // net 9,000, tie with b
  const f = candidate(6, 10_000, 0.05, 2_000, { ease: 4 }) // worth it, net −1,500

  it('leaves out the excluded and those past the CRC/CLV gate', () => {
    expect([a, b, c, d, e, f].filter(onTheList).map((x) => x.customerId)).toEqual([1, 2, 5, 6])
  })

  it('sorts by expected net value, ties by customer id', () => {
    expect(prioritise([a, b, c, d, e, f]).map((x) => x.customerId)).toEqual([2, 5, 1, 6])
  })

  it('sorts easiest first: ease (unrated counts as 3), then probability, then net value', () => {
    expect(prioritise([a, b, c, d, e, f], 'ease').map((x) => x.customerId)).toEqual([5, 6, 2, 1])
  })

  it('does not change its input', () => {
    const input = [a, b]
    prioritise(input)
    expect(input.map((x) => x.customerId)).toEqual([1, 2])
  })
})

describe('mergeInOrder', () => {
  // values drawn from a few, so that ties (broken by customer id) are common
  let seed = 7
  const next = () => {
    seed = (seed * 48271) % 2147483647
    return seed / 2147483647
  }
  const some = (n: number, from: number) =>
    Array.from({ length: n }, (_, i) =>
      candidate(from + i, 1000 * Math.ceil(next() * 50), Math.ceil(next() * 5) / 10, 500, {
        ease: next() < 0.3 ? null : Math.ceil(next() * 5),
      }),
    )

  it('gives the order of prioritising both at once, for either order and any lengths', () => {
    for (const sort of ['net_value', 'ease'] as const)
      for (const [n, m] of [
        [0, 0],
        [0, 5],
        [5, 0],
        [300, 7],
        [7, 300],
        [200, 200],
      ] as const) {
        const x = some(n, 1)
        const y = some(m, 10_000)
        const merged = mergeInOrder(
          prioritise(x, sort),
          prioritise(y, sort),
          priorityOrder(sort, (c) => c.gate.expectedNetCents),
        )
        expect(merged.map((c) => c.customerId)).toEqual(
          prioritise([...x, ...y], sort).map((c) => c.customerId),
        )
        const out = mergeInOrder([...x].sort(sortedOutOrder), [...y].sort(sortedOutOrder), sortedOutOrder)
        expect(out).toEqual([...x, ...y].sort(sortedOutOrder))
      }
  })

  it('sorts out the most valuable first, ties by customer id', () => {
    const order = [candidate(3, 10, 0.1, 1), candidate(1, 20, 0.1, 1), candidate(2, 10, 0.1, 1)]
      .sort(sortedOutOrder)
      .map((c) => c.customerId)
    expect(order).toEqual([1, 2, 3])
  })
})

describe('effortCurve', () => {
  const list = [
    candidate(1, 0, 0, 0, {
      gate: { verdict: 'worth_it', ratio: 0.1, expectedNetCents: 10_000 },
      effortMinutes: 30,
    }),
    candidate(2, 0, 0, 0, {
      gate: { verdict: 'worth_it', ratio: 0.1, expectedNetCents: 6_000 },
      effortMinutes: 30,
    }),
    candidate(3, 0, 0, 0, {
      gate: { verdict: 'worth_it', ratio: 0.1, expectedNetCents: 3_000 },
      effortMinutes: 60,
    }),
    candidate(4, 0, 0, 0, {
      gate: { verdict: 'worth_it', ratio: 0.1, expectedNetCents: 1_000 },
      effortMinutes: 60,
    }),
    candidate(5, 0, 0, 0, {
      gate: { verdict: 'worth_it', ratio: 0.9, expectedNetCents: -500 },
      effortMinutes: 30,
    }),
  ]

  it('accumulates net value over contacts and hours (hand-computed)', () => {
    const curve = effortCurve(list)
    expect(curve.points).toEqual([
      { contacts: 0, hours: 0, cumulativeNetCents: 0 },
      { contacts: 1, hours: 0.5, cumulativeNetCents: 10_000 },
      { contacts: 2, hours: 1, cumulativeNetCents: 16_000 },
      { contacts: 3, hours: 2, cumulativeNetCents: 19_000 },
      { contacts: 4, hours: 3, cumulativeNetCents: 20_000 },
      { contacts: 5, hours: 3.5, cumulativeNetCents: 19_500 },
    ])
    expect(curve.totalNetCents).toBe(20_000)
  })

  it('marks 80 % of the result (16,000 of 20,000 after 2 contacts) and where to stop (after 4)', () => {
    const curve = effortCurve(list)
    expect(curve.eightyPercent).toEqual({ contacts: 2, hours: 1, cumulativeNetCents: 16_000 })
    expect(curve.stopHere).toEqual({ contacts: 4, hours: 3, cumulativeNetCents: 20_000 })
  })

  it('with only paying contacts the stop is the end; an empty list has neither mark', () => {
    expect(effortCurve(list.slice(0, 2)).stopHere).toEqual({
      contacts: 2,
      hours: 1,
      cumulativeNetCents: 16_000,
    })
    expect(effortCurve([])).toEqual({
      points: [{ contacts: 0, hours: 0, cumulativeNetCents: 0 }],
      totalNetCents: 0,
      eightyPercent: null,
      stopHere: null,
    })
  })

  it('when nothing pays, stop before the first contact and there is no 80 % point', () => {
    const curve = effortCurve(list.slice(4))
    expect(curve.stopHere).toEqual({ contacts: 0, hours: 0, cumulativeNetCents: 0 })
    expect(curve.eightyPercent).toBeNull()
  })
})

describe('curveAlong', () => {
  let seed = 11
  const next = () => {
    seed = (seed * 48271) % 2147483647
    return seed / 2147483647
  }
  // net values from positive to negative: the stop point falls inside the list
  const list = (n: number) =>
    prioritise(
      Array.from({ length: n }, (_, i) =>
        candidate(
          i + 1,
          1000 * Math.ceil(next() * 100),
          Math.ceil(next() * 9) / 10,
          500 + Math.ceil(next() * 40_000),
          {
            effortMinutes: Math.ceil(next() * 60),
          },
        ),
      ),
    )

  it('with a most number of points: evenly spread, both ends, the 80 % and stop points, each as on the whole curve', () => {
    for (const n of [0, 1, 5, 398, 399, 400, 5000]) {
      const ordered = list(n)
      const full = effortCurve(ordered)
      const thin = curveAlong(ordered, (c) => c.gate.expectedNetCents, 400)
      expect(thin.totalNetCents).toBe(full.totalNetCents)
      expect(thin.eightyPercent).toEqual(full.eightyPercent)
      expect(thin.stopHere).toEqual(full.stopHere)
      if (full.points.length <= 400) {
        expect(thin.points).toEqual(full.points)
        continue
      }
      expect(full.stopHere!.contacts, 'the stop point inside the list').toBeLessThan(n)
      expect(thin.points.length).toBeGreaterThanOrEqual(400)
      expect(thin.points.length).toBeLessThanOrEqual(402)
      for (const p of thin.points) expect(p).toEqual(full.points[p.contacts])
      expect(thin.points[0]).toEqual(full.points[0])
      expect(thin.points.at(-1)).toEqual(full.points.at(-1))
      expect(thin.points).toContainEqual(full.eightyPercent)
      expect(thin.points).toContainEqual(full.stopHere)
      const contacts = thin.points.map((p) => p.contacts)
      for (let i = 1; i < contacts.length; i++) {
        expect(contacts[i]).toBeGreaterThan(contacts[i - 1]!)
        expect(contacts[i]! - contacts[i - 1]!).toBeLessThanOrEqual(Math.ceil(n / 399))
      }
    }
  })

  it('finds the stop point where the first contact no longer pays', () => {
    const net = (x: number) => x
    expect(stopIndex([5, 3, 0, 2], net)).toBe(2)
    expect(stopIndex([5, 3], net)).toBe(2)
    expect(stopIndex([-1], net)).toBe(0)
    expect(stopIndex([], net)).toBe(0)
  })
})
