import { describe, expect, it } from 'vitest'
import {
  type Candidate,
  type ExclusionFacts,
  effortCurve,
  exclusionOf,
  onTheList,
  prioritise,
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
