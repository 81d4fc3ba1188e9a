import type { CustomerType } from '../../../shared/customers'
import type { Role } from '../../../shared/roles'
import type { WinbackStatus } from '../../../shared/winback'
import {
  type PlannedChannel,
  type RoutingAssignee,
  relationshipReasonCodes,
  type ValueTier,
} from '../../../shared/worklist'

/** What a routing rule asks of a customer; a condition left out matches everybody. */
export interface RoutingConditions {
  tiers?: ValueTier[]
  segments?: string[]
  reasonCodes?: string[]
  customerTypes?: CustomerType[]
  /** postal codes starting with one of these (a region: "2" is Hamburg and the north, "80" Munich) */
  postalPrefixes?: string[]
  countries?: string[]
  statuses?: WinbackStatus[]
}

export interface RoutingRule {
  id: number
  conditions: RoutingConditions
  assignee: RoutingAssignee
  /** for assignee `user` */
  assigneeUserId: number | null
  /** in order of preference; the first the law allows is taken */
  channels: PlannedChannel[]
}

export interface RoutedCustomer {
  customerId: number
  valueCents: number
  segment: string | null
  reasonCodes: readonly string[]
  customerType: CustomerType
  postalCode: string | null
  country: string | null
  status: WinbackStatus
  ownerUserId: number | null
  /** the channels the contact law allows for this customer today (a visit when letter or phone is) */
  allowedChannels: ReadonlySet<PlannedChannel>
}

export interface StaffMember {
  id: number
  role: Role
}

export interface TierThresholds {
  premiumCents: number
  midCents: number
}

export type Routing =
  | {
      planned: true
      ruleId: number | null
      assigneeUserId: number
      channel: PlannedChannel
      /** a relationship reason moved the customer away from their owner */
      otherThanOwner: boolean
    }
  | { planned: false; ruleId: number | null; blocker: 'no_lawful_channel' | 'no_assignee' }

/** Used when no rule matches: the owner, by phone, else in writing. */
export const fallbackChannels: readonly PlannedChannel[] = ['phone', 'email', 'letter']

export function valueTier(valueCents: number, tiers: TierThresholds): ValueTier {
  if (valueCents >= tiers.premiumCents) return 'premium'
  if (valueCents >= tiers.midCents) return 'mid'
  return 'low'
}

function matches(rule: RoutingConditions, c: RoutedCustomer, tiers: TierThresholds): boolean {
  const has = <T>(list: readonly T[] | undefined, value: T) =>
    list === undefined || list.length === 0 || list.includes(value)
  return (
    has(rule.tiers, valueTier(c.valueCents, tiers)) &&
    has(rule.segments, c.segment ?? '') &&
    (rule.reasonCodes === undefined ||
      rule.reasonCodes.length === 0 ||
      rule.reasonCodes.some((r) => c.reasonCodes.includes(r))) &&
    has(rule.customerTypes, c.customerType) &&
    (rule.postalPrefixes === undefined ||
      rule.postalPrefixes.length === 0 ||
      rule.postalPrefixes.some((p) => (c.postalCode ?? '').startsWith(p))) &&
    has(
      rule.countries?.map((x) => x.toUpperCase()),
      (c.country ?? '').toUpperCase(),
    ) &&
    has(rule.statuses, c.status)
  )
}

/**
 * Who contacts each customer and by which channel: the first matching rule (in order) names the
 * assignee and the channels in order of preference; the first channel the law allows is taken, and
 * a customer with none is not planned. A customer who left because of the relationship (salesperson
 * not liked, contact persons changed) goes to someone other than their owner. Where a rule leaves a
 * choice (no owner, "management"), the one with the fewest customers assigned so far gets it, so
 * work spreads evenly; `load` is updated as customers are routed. Pure: same input, same answer.
 */
export function routeCustomers(
  customers: readonly RoutedCustomer[],
  rules: readonly RoutingRule[],
  staff: readonly StaffMember[],
  tiers: TierThresholds,
  load: Map<number, number> = new Map(),
  /** a campaign's channel: it replaces the rules' channels, routing then only chooses who */
  channelOverride?: PlannedChannel,
): Map<number, Routing> {
  const active = new Set(staff.map((s) => s.id))
  const leastLoaded = (candidates: readonly StaffMember[]): number | null => {
    let best: StaffMember | null = null
    for (const s of candidates)
      if (best === null || (load.get(s.id) ?? 0) < (load.get(best.id) ?? 0)) best = s
    return best?.id ?? null
  }
  const reps = staff.filter((s) => s.role === 'rep')
  const managers = staff.filter((s) => s.role === 'manager')
  const result = new Map<number, Routing>()
  for (const c of customers) {
    const rule = rules.find((r) => matches(r.conditions, c, tiers)) ?? null
    const preferred = channelOverride ? [channelOverride] : (rule?.channels ?? fallbackChannels)
    const channel = preferred.find((ch) => c.allowedChannels.has(ch))
    if (channel === undefined) {
      result.set(c.customerId, { planned: false, ruleId: rule?.id ?? null, blocker: 'no_lawful_channel' })
      continue
    }
    const owner = c.ownerUserId !== null && active.has(c.ownerUserId) ? c.ownerUserId : null
    let assignee: number | null
    switch (rule?.assignee ?? 'owner') {
      case 'user':
        assignee =
          rule?.assigneeUserId !== null &&
          rule?.assigneeUserId !== undefined &&
          active.has(rule.assigneeUserId)
            ? rule.assigneeUserId
            : (owner ?? leastLoaded(reps.length > 0 ? reps : staff))
        break
      case 'management':
        assignee = leastLoaded(managers.length > 0 ? managers : staff.filter((s) => s.role === 'admin'))
        break
      default:
        assignee = owner ?? leastLoaded(reps.length > 0 ? reps : staff)
    }
    let otherThanOwner = false
    const relationship = c.reasonCodes.some((r) => relationshipReasonCodes.includes(r))
    if (relationship && c.ownerUserId !== null && assignee === c.ownerUserId) {
      const ownerRole = staff.find((s) => s.id === c.ownerUserId)?.role
      const others = staff.filter((s) => s.id !== c.ownerUserId && s.role !== 'admin')
      const sameRole = others.filter((s) => s.role === ownerRole)
      assignee = leastLoaded(sameRole.length > 0 ? sameRole : others)
      otherThanOwner = assignee !== null
    }
    if (assignee === null) {
      result.set(c.customerId, { planned: false, ruleId: rule?.id ?? null, blocker: 'no_assignee' })
      continue
    }
    load.set(assignee, (load.get(assignee) ?? 0) + 1)
    result.set(c.customerId, {
      planned: true,
      ruleId: rule?.id ?? null,
      assigneeUserId: assignee,
      channel,
      otherThanOwner,
    })
  }
  return result
}
