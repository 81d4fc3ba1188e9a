import type { Kysely } from 'kysely'
import type { HookInput, MeasureInput, RoutingRuleInput } from '../../../shared/api/playbook'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { AppError, say } from '../../lib/errors'
import { parseEuros } from '../../lib/money'
import { typedDate } from '../customers/require-customer'

async function requireReason(db: Kysely<Database>, reasonId: number | null) {
  if (reasonId === null) return
  const reason = await db
    .selectFrom('churn_reasons')
    .select('id')
    .where('id', '=', reasonId)
    .executeTakeFirst()
  if (!reason) throw new AppError('validation_failed', say('noSuchReasonId'))
}

async function nextPosition(db: Kysely<Database>, table: 'playbook_measures' | 'routing_rules') {
  const last = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('position'))
    .executeTakeFirst()
  return Number(last?.position ?? 0) + 10
}

function measureValues(input: MeasureInput) {
  return {
    reason_id: input.reasonId,
    kind: input.kind,
    name_de: input.nameDe,
    name_en: input.nameEn,
    cost_cents: parseEuros('cost', input.cost),
    talking_points_de: input.talkingPointsDe,
    talking_points_en: input.talkingPointsEn,
    default_offer: input.defaultOffer || null,
    max_offer_cents: input.maxOffer ? parseEuros('maxOffer', input.maxOffer) : null,
  }
}

export async function createMeasure(
  db: Kysely<Database>,
  input: MeasureInput,
  actor: Actor,
): Promise<number> {
  await requireReason(db, input.reasonId)
  const row = await db
    .insertInto('playbook_measures')
    .values({
      ...measureValues(input),
      position: input.position ?? (await nextPosition(db, 'playbook_measures')),
      retired_at: input.retired ? actor.now : null,
      created_at: actor.now,
      updated_at: actor.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateMeasure(db: Kysely<Database>, id: number, input: MeasureInput, actor: Actor) {
  await requireReason(db, input.reasonId)
  const existing = await db
    .selectFrom('playbook_measures')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!existing) throw new AppError('not_found', say('noSuchMeasure'))
  await db
    .updateTable('playbook_measures')
    .set({
      ...measureValues(input),
      ...(input.position !== undefined ? { position: input.position } : {}),
      // retiring keeps the measure for the campaigns and calls that used it
      retired_at: input.retired ? (existing.retired_at ?? actor.now) : null,
      updated_at: actor.now,
    })
    .where('id', '=', id)
    .execute()
}

function hookValues(input: HookInput) {
  const validFrom = typedDate('validFrom', input.validFrom)
  const validUntil = input.validUntil ? typedDate('validUntil', input.validUntil) : null
  if (validUntil !== null && validUntil < validFrom)
    throw new AppError('validation_failed', say('hookEndsBeforeStart'))
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    reason_ids: JSON.stringify([...new Set(input.reasonIds)]),
    valid_from: validFrom,
    valid_until: validUntil,
  }
}

export async function createHook(db: Kysely<Database>, input: HookInput, actor: Actor): Promise<number> {
  for (const r of input.reasonIds) await requireReason(db, r)
  const row = await db
    .insertInto('hooks')
    .values({ ...hookValues(input), created_at: actor.now, created_by: actor.userId, updated_at: actor.now })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateHook(db: Kysely<Database>, id: number, input: HookInput, actor: Actor) {
  for (const r of input.reasonIds) await requireReason(db, r)
  const result = await db
    .updateTable('hooks')
    .set({ ...hookValues(input), updated_at: actor.now })
    .where('id', '=', id)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found', say('noSuchHook'))
}

export async function deleteHook(db: Kysely<Database>, id: number) {
  const result = await db.deleteFrom('hooks').where('id', '=', id).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw new AppError('not_found', say('noSuchHook'))
}

async function ruleValues(db: Kysely<Database>, input: RoutingRuleInput) {
  if (input.assignee === 'user') {
    if (!input.assigneeUserId) throw new AppError('validation_failed', say('nameTheUser'))
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.assigneeUserId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst()
    if (!user) throw new AppError('validation_failed', say('noSuchActiveAssignee'))
  }
  return {
    name_de: input.nameDe,
    name_en: input.nameEn,
    conditions: JSON.stringify(input.conditions),
    assignee: input.assignee,
    assignee_user_id: input.assignee === 'user' ? (input.assigneeUserId ?? null) : null,
    channels: JSON.stringify([...new Set(input.channels)]),
    active: input.active ? 1 : 0,
  }
}

export async function createRule(
  db: Kysely<Database>,
  input: RoutingRuleInput,
  actor: Actor,
): Promise<number> {
  const row = await db
    .insertInto('routing_rules')
    .values({
      ...(await ruleValues(db, input)),
      position: input.position ?? (await nextPosition(db, 'routing_rules')),
      created_at: actor.now,
      updated_at: actor.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateRule(db: Kysely<Database>, id: number, input: RoutingRuleInput, actor: Actor) {
  const values = await ruleValues(db, input)
  const result = await db
    .updateTable('routing_rules')
    .set({
      ...values,
      ...(input.position !== undefined ? { position: input.position } : {}),
      updated_at: actor.now,
    })
    .where('id', '=', id)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found', say('noSuchRoutingRule'))
}

export async function deleteRule(db: Kysely<Database>, id: number) {
  const result = await db.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw new AppError('not_found', say('noSuchRoutingRule'))
}
