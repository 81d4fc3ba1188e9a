import type { Kysely, Transaction } from 'kysely'
import type { CustomerType } from '../../../shared/customers'
import type { WinbackStatus } from '../../../shared/winback'
import type { PlannedChannel } from '../../../shared/worklist'
import type { Database } from '../../db/schema'
import { loadEligibility } from '../contact/eligibility'
import { loadRoutingRules } from './playbook.repository'
import {
  type RoutedCustomer,
  type Routing,
  routeCustomers,
  type StaffMember,
  type TierThresholds,
} from './routing'

type Executor = Kysely<Database> | Transaction<Database>

export interface RoutingInput {
  customerId: number
  valueCents: number
  status: WinbackStatus
}

/** The active users who can be given customers. */
export async function loadStaff(db: Executor): Promise<StaffMember[]> {
  return db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute()
}

/** Each user's open Wiedervorlagen: the load routing evens out. */
async function openLoad(db: Executor): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('followups')
    .select('assignee_user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('done_at', 'is', null)
    .groupBy('assignee_user_id')
    .execute()
  return new Map(rows.map((r) => [r.assignee_user_id, Number(r.n)]))
}

/**
 * Routes these customers with the company's rules: their facts, reasons and the channels the law
 * allows (the eligibility cache; the contact itself asks the engine again) are loaded here, the
 * decision is `routeCustomers`'.
 */
export async function routeCandidates(
  db: Executor,
  inputs: readonly RoutingInput[],
  tiers: TierThresholds,
  channelOverride?: PlannedChannel,
): Promise<Map<number, Routing>> {
  const [rules, staff, load] = await Promise.all([loadRoutingRules(db), loadStaff(db), openLoad(db)])
  const customers: RoutedCustomer[] = []
  for (let i = 0; i < inputs.length; i += 1000) {
    const part = inputs.slice(i, i + 1000)
    const ids = part.map((p) => p.customerId)
    const [facts, reasons, eligibility] = await Promise.all([
      db
        .selectFrom('customers')
        .select(['id', 'type', 'segment', 'postal_code', 'country', 'owner_user_id'])
        .where('id', 'in', ids)
        .execute(),
      db
        .selectFrom('customer_churn_reasons as ccr')
        .innerJoin('churn_reasons as r', 'r.id', 'ccr.reason_id')
        .select(['ccr.customer_id', 'r.code'])
        .where('ccr.customer_id', 'in', ids)
        .execute(),
      loadEligibility(db, ids),
    ])
    const factsOf = new Map(facts.map((f) => [f.id, f]))
    const codesOf = new Map<number, string[]>()
    for (const r of reasons) codesOf.set(r.customer_id, [...(codesOf.get(r.customer_id) ?? []), r.code])
    for (const p of part) {
      const f = factsOf.get(p.customerId)
      if (!f) continue
      customers.push({
        customerId: p.customerId,
        valueCents: p.valueCents,
        segment: f.segment,
        reasonCodes: codesOf.get(p.customerId) ?? [],
        customerType: f.type as CustomerType,
        postalCode: f.postal_code,
        country: f.country,
        status: p.status,
        ownerUserId: f.owner_user_id,
        allowedChannels: allowedChannels(eligibility.get(p.customerId)),
      })
    }
  }
  return routeCustomers(customers, rules, staff, tiers, load, channelOverride)
}

/** The channels the law allows; a visit is arranged by letter or phone, so it needs one of them. */
export function allowedChannels(
  channels: Map<string, { allowed: boolean }> | undefined,
): Set<PlannedChannel> {
  const allowed = new Set<PlannedChannel>()
  for (const [channel, e] of channels ?? []) if (e.allowed) allowed.add(channel as PlannedChannel)
  if (allowed.has('letter') || allowed.has('phone')) allowed.add('visit')
  return allowed
}

/**
 * Who would contact each of these list rows by which channel, or why nobody is planned: for the page
 * of the win-back list on screen (the load of open Wiedervorlagen decides ties as in the Tagesliste).
 */
export async function planRows<T extends { customerId: number; valueCents: number }>(
  db: Executor,
  rows: readonly T[],
  status: WinbackStatus,
  tiers: TierThresholds,
): Promise<
  (T & {
    plan: {
      assigneeName: string | null
      channel: PlannedChannel | null
      blocker: 'no_lawful_channel' | 'no_assignee' | null
    }
  })[]
> {
  if (rows.length === 0) return []
  const routing = await routeCandidates(
    db,
    rows.map((r) => ({ customerId: r.customerId, valueCents: r.valueCents, status })),
    tiers,
  )
  const names = new Map(
    (await db.selectFrom('users').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
  )
  return rows.map((r) => {
    const route = routing.get(r.customerId)
    return {
      ...r,
      plan: route?.planned
        ? { assigneeName: names.get(route.assigneeUserId) ?? null, channel: route.channel, blocker: null }
        : { assigneeName: null, channel: null, blocker: route?.blocker ?? 'no_lawful_channel' },
    }
  })
}
