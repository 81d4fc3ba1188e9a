import { describe, expect, it } from 'vitest'
import { type RoutedCustomer, type RoutingRule, routeCustomers, valueTier } from './routing'
import { seededRules } from './routing-seed'

const tiers = { premiumCents: 10_000_00, midCents: 1_000_00 }
const staff = [
  { id: 1, role: 'admin' as const },
  { id: 2, role: 'manager' as const },
  { id: 3, role: 'manager' as const },
  { id: 10, role: 'rep' as const },
  { id: 11, role: 'rep' as const },
]
const rules: RoutingRule[] = seededRules.map((r, i) => ({
  id: i + 1,
  conditions: r.conditions,
  assignee: r.assignee,
  assigneeUserId: null,
  channels: r.channels,
}))
const all = new Set(['phone', 'email', 'letter', 'sms', 'visit'] as const)
const customer = (over: Partial<RoutedCustomer> = {}): RoutedCustomer => ({
  customerId: 1,
  valueCents: 5_000_00,
  segment: null,
  reasonCodes: [],
  customerType: 'business',
  postalCode: '20095',
  country: 'DE',
  status: 'lost',
  ownerUserId: 10,
  allowedChannels: all,
  ...over,
})
const route = (c: RoutedCustomer, r = rules, load?: Map<number, number>) =>
  routeCustomers([c], r, staff, tiers, load).get(c.customerId)!

describe('routing', () => {
  it('sorts values into tiers at the thresholds', () => {
    expect(valueTier(10_000_00, tiers)).toBe('premium')
    expect(valueTier(9_999_99, tiers)).toBe('mid')
    expect(valueTier(1_000_00, tiers)).toBe('mid')
    expect(valueTier(999_99, tiers)).toBe('low')
  })

  it('follows seed 001: premium to management by phone, mid to the owner by phone, small business by letter, the rest by e-mail', () => {
    expect(route(customer({ valueCents: 20_000_00 }))).toMatchObject({
      planned: true,
      ruleId: 1,
      channel: 'phone',
    })
    expect([2, 3]).toContain(
      (route(customer({ valueCents: 20_000_00 })) as { assigneeUserId: number }).assigneeUserId,
    )
    expect(route(customer())).toMatchObject({ ruleId: 2, assigneeUserId: 10, channel: 'phone' })
    expect(route(customer({ valueCents: 300_00 }))).toMatchObject({
      ruleId: 3,
      assigneeUserId: 10,
      channel: 'letter',
    })
    expect(route(customer({ valueCents: 300_00, customerType: 'consumer' }))).toMatchObject({
      ruleId: 4,
      channel: 'email',
    })
  })

  it('takes the first channel the law allows, and plans nobody when none is allowed', () => {
    expect(route(customer({ allowedChannels: new Set(['letter', 'email']) }))).toMatchObject({
      channel: 'letter',
    })
    expect(route(customer({ allowedChannels: new Set(['sms']) }))).toEqual({
      planned: false,
      ruleId: 2,
      blocker: 'no_lawful_channel',
    })
  })

  it('gives a customer lost over the relationship to someone other than the owner', () => {
    const r = route(customer({ reasonCodes: ['salesperson_disliked'] }))
    expect(r).toMatchObject({ planned: true, assigneeUserId: 11, otherThanOwner: true })
    const changed = route(customer({ reasonCodes: ['contact_person_changed'], ownerUserId: 11 }))
    expect(changed).toMatchObject({ assigneeUserId: 10, otherThanOwner: true })
    // a premium customer goes to management anyway: not the owner, nothing to move
    expect(route(customer({ valueCents: 50_000_00, reasonCodes: ['salesperson_disliked'] }))).toMatchObject({
      otherThanOwner: false,
    })
  })

  it('spreads customers without an owner and management work evenly', () => {
    const many = Array.from({ length: 10 }, (_, i) => customer({ customerId: i + 1, ownerUserId: null }))
    const routed = routeCustomers(many, rules, staff, tiers)
    const count = (id: number) =>
      [...routed.values()].filter((r) => r.planned && r.assigneeUserId === id).length
    expect([count(10), count(11)]).toEqual([5, 5])
    const premium = Array.from({ length: 6 }, (_, i) =>
      customer({ customerId: i + 1, valueCents: 99_999_00 }),
    )
    const top = routeCustomers(premium, rules, staff, tiers)
    const byManager = (id: number) =>
      [...top.values()].filter((r) => r.planned && r.assigneeUserId === id).length
    expect([byManager(2), byManager(3)]).toEqual([3, 3])
  })

  it('matches segments, reasons, types, postal regions, countries and statuses; no rule: owner by phone', () => {
    const custom: RoutingRule[] = [
      {
        id: 7,
        conditions: {
          segments: ['Gastronomie'],
          postalPrefixes: ['8'],
          countries: ['de'],
          statuses: ['lost'],
        },
        assignee: 'user',
        assigneeUserId: 11,
        channels: ['visit'],
      },
      {
        id: 8,
        conditions: { reasonCodes: ['quality'] },
        assignee: 'management',
        assigneeUserId: null,
        channels: ['letter'],
      },
    ]
    expect(route(customer({ segment: 'Gastronomie', postalCode: '80331' }), custom)).toMatchObject({
      ruleId: 7,
      assigneeUserId: 11,
      channel: 'visit',
    })
    expect(route(customer({ segment: 'Gastronomie', postalCode: '20095' }), custom)).toMatchObject({
      ruleId: null,
      assigneeUserId: 10,
      channel: 'phone',
    })
    expect(route(customer({ reasonCodes: ['quality'] }), custom)).toMatchObject({
      ruleId: 8,
      channel: 'letter',
    })
    expect(
      route(customer({ status: 'at_risk', segment: 'Gastronomie', postalCode: '80331' }), custom),
    ).toMatchObject({
      ruleId: null,
    })
  })

  it('lets a campaign dictate the channel and choose only who', () => {
    const c = customer({ allowedChannels: new Set(['phone', 'email']) })
    expect(routeCustomers([c], rules, staff, tiers, new Map(), 'email').get(1)).toMatchObject({
      channel: 'email',
      assigneeUserId: 10,
    })
    expect(routeCustomers([c], rules, staff, tiers, new Map(), 'letter').get(1)).toMatchObject({
      planned: false,
    })
  })

  it('falls back to a rep when the named user or the owner is no longer active', () => {
    const gone: RoutingRule[] = [
      { id: 9, conditions: {}, assignee: 'user', assigneeUserId: 99, channels: ['phone'] },
    ]
    expect(route(customer({ ownerUserId: 98 }), gone)).toMatchObject({ planned: true, assigneeUserId: 10 })
    expect(routeCustomers([customer()], rules, [], tiers).get(1)).toMatchObject({
      planned: false,
      blocker: 'no_assignee',
    })
  })
})
