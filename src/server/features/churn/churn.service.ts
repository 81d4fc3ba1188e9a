import type { Kysely, Transaction } from 'kysely'
import type {
  CauseOverview,
  ChurnReasonDto,
  ChurnReasonInput,
  ChurnReasonUpdate,
  CustomerReasonDto,
  CustomerReasonInput,
} from '../../../shared/api/churn'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { AppError, say } from '../../lib/errors'
import { parseEuros } from '../../lib/money'
import type { CustomerScope } from '../customers/customer-scope'
import { inputDate, requireCustomer } from '../customers/require-customer'
import { winbackProfitOf } from '../winback/winback-profit'
import type { ChurnReasonRow } from './churn.table'

export function reasonDto(r: ChurnReasonRow): ChurnReasonDto {
  return {
    id: r.id,
    code: r.code,
    name: { de: r.name_de, en: r.name_en },
    kind: r.kind,
    position: r.position,
    retiredAt: r.retired_at,
  }
}

export async function listReasons(db: Kysely<Database>, includeRetired: boolean): Promise<ChurnReasonDto[]> {
  let query = db.selectFrom('churn_reasons').selectAll().orderBy('position').orderBy('id')
  if (!includeRetired) query = query.where('retired_at', 'is', null)
  return (await query.execute()).map(reasonDto)
}

/** A code from the German name: lower case ASCII words joined by "_", unique by a number if needed. */
function codeOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'reason'
  )
}

export async function createReason(db: Kysely<Database>, input: ChurnReasonInput, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const taken = new Set((await trx.selectFrom('churn_reasons').select('code').execute()).map((r) => r.code))
    let code = codeOf(input.nameDe)
    for (let i = 2; taken.has(code); i++) code = `${codeOf(input.nameDe)}_${i}`
    const last = await trx
      .selectFrom('churn_reasons')
      .select((eb) => eb.fn.max('position').as('position'))
      .executeTakeFirst()
    const row = await trx
      .insertInto('churn_reasons')
      .values({
        code,
        name_de: input.nameDe,
        name_en: input.nameEn,
        kind: input.kind,
        position: Number(last?.position ?? 0) + 10,
        retired_at: null,
        created_at: actor.now,
        updated_at: actor.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('churn_reason_history')
      .values({
        reason_id: row.id,
        change: 'created',
        details: JSON.stringify({ after: input }),
        changed_at: actor.now,
        user_id: actor.userId,
      })
      .execute()
    return reasonDto(row)
  })
}

/** Renames, reclassifies, moves, retires or reactivates a reason; the history keeps what it was. */
export async function updateReason(db: Kysely<Database>, id: number, input: ChurnReasonUpdate, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('churn_reasons').selectAll().where('id', '=', id).executeTakeFirst()
    if (!before) throw new AppError('not_found', say('noSuchReason'))
    const changes = {
      ...(input.nameDe !== undefined ? { name_de: input.nameDe } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.retired === true && !before.retired_at ? { retired_at: actor.now } : {}),
      ...(input.retired === false && before.retired_at ? { retired_at: null } : {}),
    }
    if (Object.keys(changes).length === 0) return reasonDto(before)
    const after = await trx
      .updateTable('churn_reasons')
      .set({ ...changes, updated_at: actor.now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const change =
      'retired_at' in changes
        ? changes.retired_at === null
          ? 'reactivated'
          : 'retired'
        : ('updated' as const)
    const pick = (r: ChurnReasonRow) => ({
      nameDe: r.name_de,
      nameEn: r.name_en,
      kind: r.kind,
      position: r.position,
    })
    await trx
      .insertInto('churn_reason_history')
      .values({
        reason_id: id,
        change,
        details: JSON.stringify({ before: pick(before), after: pick(after) }),
        changed_at: actor.now,
        user_id: actor.userId,
      })
      .execute()
    return reasonDto(after)
  })
}

export async function listCustomerReasons(
  db: Kysely<Database>,
  customerId: number,
  scope: CustomerScope,
): Promise<CustomerReasonDto[]> {
  await requireCustomer(db, customerId, scope.ownerId)
  const rows = await db
    .selectFrom('customer_churn_reasons as ccr')
    .innerJoin('churn_reasons as r', 'r.id', 'ccr.reason_id')
    .leftJoin('users as u', 'u.id', 'ccr.created_by')
    .select([
      'ccr.id',
      'ccr.source',
      'ccr.confidence',
      'ccr.recorded_on',
      'ccr.note',
      'ccr.remediation_cost_cents',
      'ccr.created_at',
      'u.name as recorded_by',
      'r.id as reason_id',
      'r.code',
      'r.name_de',
      'r.name_en',
      'r.kind',
      'r.position',
      'r.retired_at',
      'r.created_at as reason_created_at',
      'r.updated_at as reason_updated_at',
    ])
    .where('ccr.customer_id', '=', customerId)
    .orderBy('ccr.recorded_on', 'desc')
    .orderBy('ccr.id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    reason: {
      id: r.reason_id,
      code: r.code,
      name: { de: r.name_de, en: r.name_en },
      kind: r.kind,
      position: r.position,
      retiredAt: r.retired_at,
    },
    source: r.source,
    confidence: r.confidence,
    recordedOn: r.recorded_on,
    note: r.note,
    remediationCostCents: r.remediation_cost_cents === null ? null : Number(r.remediation_cost_cents),
    recordedBy: r.recorded_by,
    createdAt: r.created_at,
  }))
}

export async function addCustomerReason(
  db: Kysely<Database>,
  customerId: number,
  input: CustomerReasonInput,
  actor: Actor,
  scope: CustomerScope,
): Promise<number> {
  const recordedOn = input.recordedOn ? inputDate('recordedOn', input.recordedOn, actor.today) : actor.today
  const remediation = input.remediationCost ? parseEuros('remediationCost', input.remediationCost) : null
  return db.transaction().execute(async (trx) => {
    const customer = await requireCustomer(trx, customerId, scope.ownerId)
    if (customer.erased_at) throw new AppError('conflict', say('erasedNothingRecorded'))
    const reason = await trx
      .selectFrom('churn_reasons')
      .selectAll()
      .where('id', '=', input.reasonId)
      .executeTakeFirst()
    if (!reason) throw new AppError('validation_failed', say('noSuchReasonId'))
    if (reason.retired_at) throw new AppError('validation_failed', say('reasonRetired'))
    const same = await trx
      .selectFrom('customer_churn_reasons')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('reason_id', '=', input.reasonId)
      .where('source', '=', input.source)
      .where('recorded_on', '=', recordedOn)
      .executeTakeFirst()
    if (same)
      throw new AppError('conflict', say('reasonRecordedAlready'), {
        reasonId: same.id,
      })
    const row = await trx
      .insertInto('customer_churn_reasons')
      .values({
        customer_id: customerId,
        reason_id: input.reasonId,
        source: input.source,
        confidence: input.confidence,
        recorded_on: recordedOn,
        note: input.note || null,
        remediation_cost_cents: remediation,
        created_at: actor.now,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}

export async function removeCustomerReason(
  db: Kysely<Database>,
  customerId: number,
  id: number,
  scope: CustomerScope,
): Promise<void> {
  await requireCustomer(db, customerId, scope.ownerId)
  const result = await db
    .deleteFrom('customer_churn_reasons')
    .where('id', '=', id)
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw new AppError('not_found', say('noSuchRecordedReason'))
}

/**
 * Per reason: the customers with it who are lost now, their lost annual revenue, the remediation cost
 * recorded, and how many came back; in Pareto order (largest lost revenue first) with the running
 * share. A customer with two reasons counts under both; the total counts them once.
 */
export async function causeOverview(db: Kysely<Database>, scope: CustomerScope): Promise<CauseOverview> {
  let query = db
    .selectFrom('customer_churn_reasons as ccr')
    .innerJoin('customers as c', 'c.id', 'ccr.customer_id')
    .leftJoin('customer_status as cs', 'cs.customer_id', 'c.id')
    .select([
      'ccr.customer_id',
      'ccr.reason_id',
      'ccr.remediation_cost_cents',
      'cs.status',
      'cs.annual_revenue_cents',
    ])
    .where('c.erased_at', 'is', null)
  if (scope.ownerId !== null) query = query.where('c.owner_user_id', '=', scope.ownerId)
  const rows = await query.execute()
  const reasons = new Map((await db.selectFrom('churn_reasons').selectAll().execute()).map((r) => [r.id, r]))
  const byReason = new Map<
    number,
    { lost: Set<number>; back: Set<number>; revenue: Map<number, number>; cost: number }
  >()
  const lostRevenue = new Map<number, number>()
  const withReason = new Set<number>()
  const controllableLost = new Set<number>()
  for (const r of rows) {
    withReason.add(r.customer_id)
    const entry = byReason.get(r.reason_id) ?? {
      lost: new Set(),
      back: new Set(),
      revenue: new Map(),
      cost: 0,
    }
    byReason.set(r.reason_id, entry)
    entry.cost += Number(r.remediation_cost_cents ?? 0)
    if (r.status === 'lost') {
      const revenue = Number(r.annual_revenue_cents ?? 0)
      entry.lost.add(r.customer_id)
      entry.revenue.set(r.customer_id, revenue)
      lostRevenue.set(r.customer_id, revenue)
      if (reasons.get(r.reason_id)?.kind === 'controllable') controllableLost.add(r.customer_id)
    } else if (r.status === 'reactivated' || r.status === 'active') entry.back.add(r.customer_id)
  }
  const total = [...lostRevenue.values()].reduce((s, v) => s + v, 0)
  const sum = (m: Map<number, number>) => [...m.values()].reduce((s, v) => s + v, 0)
  // what win-back achieved per reason (seed 001 step 6a): proved win-backs and their profit
  const winback = await winbackProfitOf(db, [...withReason])
  const customersOf = new Map<number, Set<number>>()
  for (const r of rows)
    customersOf.set(r.reason_id, (customersOf.get(r.reason_id) ?? new Set()).add(r.customer_id))
  const sorted = [...byReason]
    .map(([id, e]) => ({ reason: reasons.get(id)!, e, revenue: sum(e.revenue) }))
    .sort(
      (a, b) =>
        b.revenue - a.revenue || b.e.lost.size - a.e.lost.size || a.reason.position - b.reason.position,
    )
  const reasonsTotal = sorted.reduce((s, x) => s + x.revenue, 0)
  let running = 0
  return {
    rows: sorted.map(({ reason, e, revenue }) => {
      running += revenue
      return {
        reason: reasonDto(reason),
        lostCustomers: e.lost.size,
        lostAnnualRevenueCents: revenue,
        remediationCostCents: e.cost,
        cameBack: e.back.size,
        wonBack: [...(customersOf.get(reason.id) ?? [])].filter((id) => winback.get(id)?.wonBack).length,
        winbackProfitCents: [...(customersOf.get(reason.id) ?? [])].reduce(
          (s, id) => s + (winback.get(id)?.profitCents ?? 0),
          0,
        ),
        share: reasonsTotal > 0 ? revenue / reasonsTotal : 0,
        cumulativeShare: reasonsTotal > 0 ? running / reasonsTotal : 0,
      }
    }),
    totalLostAnnualRevenueCents: total,
    controllableShare:
      total > 0 ? [...controllableLost].reduce((s, id) => s + (lostRevenue.get(id) ?? 0), 0) / total : 0,
    customersWithReason: withReason.size,
  }
}

/**
 * The reason a customer gave in a call, recorded as a stated reason with high confidence inside the
 * caller's transaction; nothing when the same reason was stated that day already.
 */
export async function recordStatedReason(
  trx: Transaction<Database>,
  customerId: number,
  reasonId: number,
  note: string | null,
  actor: Actor,
): Promise<void> {
  const reason = await trx
    .selectFrom('churn_reasons')
    .selectAll()
    .where('id', '=', reasonId)
    .executeTakeFirst()
  if (!reason) throw new AppError('validation_failed', say('noSuchReasonId'))
  if (reason.retired_at) throw new AppError('validation_failed', say('reasonRetired'))
  const same = await trx
    .selectFrom('customer_churn_reasons')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('reason_id', '=', reasonId)
    .where('source', '=', 'stated')
    .where('recorded_on', '=', actor.today)
    .executeTakeFirst()
  if (same) return
  await trx
    .insertInto('customer_churn_reasons')
    .values({
      customer_id: customerId,
      reason_id: reasonId,
      source: 'stated',
      confidence: 'high',
      recorded_on: actor.today,
      note,
      remediation_cost_cents: null,
      created_at: actor.now,
      created_by: actor.userId,
    })
    .execute()
}
