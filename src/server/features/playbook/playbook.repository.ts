import type { Kysely, Transaction } from 'kysely'
import type { HookDto, MeasureDto, RoutingRuleDto } from '../../../shared/api/playbook'
import type { PlannedChannel } from '../../../shared/worklist'
import type { Database } from '../../db/schema'
import type { IsoDate } from '../../lib/dates'
import type { HookRow, PlaybookMeasureRow } from './playbook.table'
import type { RoutingConditions, RoutingRule } from './routing'

type Executor = Kysely<Database> | Transaction<Database>

export function measureDto(r: PlaybookMeasureRow): MeasureDto {
  return {
    id: r.id,
    reasonId: r.reason_id,
    kind: r.kind,
    name: { de: r.name_de, en: r.name_en },
    costCents: Number(r.cost_cents),
    talkingPoints: { de: r.talking_points_de, en: r.talking_points_en },
    defaultOffer: r.default_offer,
    maxOfferCents: r.max_offer_cents === null ? null : Number(r.max_offer_cents),
    position: r.position,
    retiredAt: r.retired_at,
  }
}

export function hookDto(r: HookRow, today: IsoDate): HookDto {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    reasonIds: JSON.parse(r.reason_ids) as number[],
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    current: r.valid_from <= today && (r.valid_until === null || r.valid_until >= today),
  }
}

/** The playbook's measures in order (the retired ones only when asked for). */
export async function loadMeasures(db: Executor, includeRetired = false): Promise<MeasureDto[]> {
  let query = db.selectFrom('playbook_measures').selectAll().orderBy('position').orderBy('id')
  if (!includeRetired) query = query.where('retired_at', 'is', null)
  return (await query.execute()).map(measureDto)
}

export async function loadHooks(db: Executor, today: IsoDate): Promise<HookDto[]> {
  const rows = await db
    .selectFrom('hooks')
    .selectAll()
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => hookDto(r, today))
}

export async function loadRoutingRuleDtos(db: Executor): Promise<RoutingRuleDto[]> {
  const rows = await db
    .selectFrom('routing_rules as r')
    .leftJoin('users as u', 'u.id', 'r.assignee_user_id')
    .selectAll('r')
    .select('u.name as assignee_name')
    .orderBy('r.position')
    .orderBy('r.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    name: { de: r.name_de, en: r.name_en },
    conditions: JSON.parse(r.conditions) as RoutingConditions,
    assignee: r.assignee,
    assigneeUserId: r.assignee_user_id,
    assigneeName: r.assignee_name,
    channels: JSON.parse(r.channels) as PlannedChannel[],
    active: r.active === 1,
  }))
}

/** The active rules in the order routing applies them. */
export async function loadRoutingRules(db: Executor): Promise<RoutingRule[]> {
  return (await loadRoutingRuleDtos(db))
    .filter((r) => r.active)
    .map((r) => ({
      id: r.id,
      conditions: r.conditions,
      assignee: r.assignee,
      assigneeUserId: r.assigneeUserId,
      channels: r.channels,
    }))
}
