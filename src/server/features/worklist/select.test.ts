import { describe, expect, it } from 'vitest'
import { chooseNewCustomers, easeFactor, type PickCandidate } from './select'

const candidate = (id: number, over: Partial<PickCandidate> = {}): PickCandidate => ({
  customerId: id,
  assigneeUserId: 10,
  channel: 'phone',
  expectedNetCents: 1_000_00,
  probability: 0.2,
  ease: null,
  listRank: id,
  campaign: null,
  ...over,
})

describe('choosing the day’s new customers', () => {
  it('weighs ease from 0.6 to 1.4', () => {
    expect([1, 2, 3, 4, 5, null].map(easeFactor)).toEqual(
      [0.6, 0.8, 1, 1.2, 1.4, 1].map((x) => expect.closeTo(x, 12)),
    )
  })

  it('takes the user’s own only, campaign members first, then expected net value times ease', () => {
    const picks = chooseNewCustomers(
      [
        candidate(1, { expectedNetCents: 5_000_00 }),
        candidate(2, { expectedNetCents: 4_000_00, ease: 5 }), // 5,600 € weighed
        candidate(3, { assigneeUserId: 11, expectedNetCents: 9_000_00 }),
        candidate(4, { expectedNetCents: 100_00, campaign: { id: 2, name: 'Herbst', rank: 7 } }),
        candidate(5, { expectedNetCents: 100_00, campaign: { id: 2, name: 'Herbst', rank: 3 } }),
      ],
      10,
      3,
    )
    expect(picks.map((p) => p.candidate.customerId)).toEqual([5, 4, 2])
    expect(picks[0]!.why).toMatchObject({ source: 'campaign', campaignName: 'Herbst', rank: 3 })
    expect(picks[2]!.why).toMatchObject({ source: 'winback_list', rank: 2, ease: 5 })
  })

  it('leaves out customers not worth a contact and stops at the day’s number', () => {
    const picks = chooseNewCustomers(
      [candidate(1, { expectedNetCents: -5 }), candidate(2), candidate(3)],
      10,
      2,
    )
    expect(picks.map((p) => p.candidate.customerId)).toEqual([2, 3])
    expect(chooseNewCustomers([candidate(1)], 10, 0)).toEqual([])
  })

  it('is deterministic: ties go by list rank', () => {
    const list = [candidate(3), candidate(1), candidate(2)]
    expect(chooseNewCustomers(list, 10, 3).map((p) => p.candidate.customerId)).toEqual([1, 2, 3])
  })
})
