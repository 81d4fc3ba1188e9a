import type { Kysely, Transaction } from 'kysely'
import type {
  CancellationDto,
  CancellationInput,
  CancellationOutcomeInput,
  RetentionInput,
  RetentionSummary,
} from '../../../shared/api/cancellations'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { AppError, say } from '../../lib/errors'
import { parseEuros } from '../../lib/money'
import { reasonDto } from '../churn/churn.service'
import type { CustomerScope } from '../customers/customer-scope'
import { inputDate, requireCustomer, typedDate } from '../customers/require-customer'
import { decideCancellation, receiveCancellation, summariseRetention } from './cancellation-rules'

function selectCancellations(db: Kysely<Database>) {
  return db
    .selectFrom('contract_cancellations as k')
    .innerJoin('contracts as ct', 'ct.id', 'k.contract_id')
    .leftJoin('churn_reasons as r', 'r.id', 'k.reason_id')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .selectAll('k')
    .select([
      'ct.number as contract_number',
      'ct.product',
      'ct.monthly_value_cents',
      'u.name as recorded_by',
      'r.code as reason_code',
      'r.name_de as reason_name_de',
      'r.name_en as reason_name_en',
      'r.kind as reason_kind',
      'r.position as reason_position',
      'r.retired_at as reason_retired_at',
      'r.created_at as reason_created_at',
      'r.updated_at as reason_updated_at',
    ])
}
type CancellationJoinRow = Awaited<ReturnType<ReturnType<typeof selectCancellations>['execute']>>[number]

function reasonOf(r: CancellationJoinRow) {
  return r.reason_id === null || r.reason_code === null
    ? null
    : reasonDto({
        id: r.reason_id,
        code: r.reason_code,
        name_de: r.reason_name_de!,
        name_en: r.reason_name_en!,
        kind: r.reason_kind!,
        position: r.reason_position!,
        retired_at: r.reason_retired_at,
        created_at: r.reason_created_at!,
        updated_at: r.reason_updated_at!,
      })
}

function toDto(r: CancellationJoinRow): CancellationDto {
  return {
    id: r.id,
    contractId: r.contract_id,
    contractNumber: r.contract_number,
    product: r.product,
    receivedOn: r.received_on,
    effectiveOn: r.effective_on,
    reason: reasonOf(r),
    note: r.note,
    retentionOffer: r.retention_offer,
    retentionOfferCents: r.retention_offer_cents === null ? null : Number(r.retention_offer_cents),
    retentionOn: r.retention_on,
    outcome: r.outcome,
    outcomeOn: r.outcome_on,
    recordedBy: r.recorded_by,
  }
}

export async function listCancellations(
  db: Kysely<Database>,
  customerId: number,
  scope: CustomerScope,
): Promise<CancellationDto[]> {
  await requireCustomer(db, customerId, scope.ownerId)
  const rows = await selectCancellations(db)
    .where('k.customer_id', '=', customerId)
    .orderBy('k.received_on', 'desc')
    .orderBy('k.id', 'desc')
    .execute()
  return rows.map(toDto)
}

/**
 * Records a received cancellation: the contract is marked cancelled (and ends on the effective day),
 * and the reason is recorded for the customer with source "cancellation", so the cause overview
 * counts it. All in one transaction. Returns the new cancellation's id.
 */
export async function recordCancellation(
  db: Kysely<Database>,
  customerId: number,
  input: CancellationInput,
  actor: Actor,
  scope: CustomerScope,
): Promise<number> {
  const receivedOn = inputDate('receivedOn', input.receivedOn, actor.today)
  const effectiveOn = input.effectiveOn ? typedDate('effectiveOn', input.effectiveOn) : null // may lie ahead
  return db.transaction().execute(async (trx) => {
    const customer = await requireCustomer(trx, customerId, scope.ownerId)
    if (customer.erased_at) throw new AppError('conflict', say('erasedNothingRecorded'))
    const contract = await trx
      .selectFrom('contracts')
      .selectAll()
      .where('id', '=', input.contractId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst()
    if (!contract) throw new AppError('validation_failed', say('notCustomersContract'))
    const open = await trx
      .selectFrom('contract_cancellations')
      .select('id')
      .where('contract_id', '=', contract.id)
      .where('outcome', 'in', ['pending', 'effective'])
      .executeTakeFirst()
    const dates = receiveCancellation(
      { startedOn: contract.started_on, endsOn: contract.ends_on, cancelledOn: contract.cancelled_on },
      open !== undefined,
      receivedOn,
      effectiveOn,
    )
    let customerReasonId: number | null = null
    if (input.reasonId !== undefined) {
      const reason = await trx
        .selectFrom('churn_reasons')
        .select(['id', 'retired_at'])
        .where('id', '=', input.reasonId)
        .executeTakeFirst()
      if (!reason) throw new AppError('validation_failed', say('noSuchReasonId'))
      if (reason.retired_at) throw new AppError('validation_failed', say('reasonRetired'))
      customerReasonId = (
        await trx
          .insertInto('customer_churn_reasons')
          .values({
            customer_id: customerId,
            reason_id: reason.id,
            source: 'cancellation',
            confidence: 'high',
            recorded_on: receivedOn,
            note: input.note || null,
            remediation_cost_cents: null,
            created_at: actor.now,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    }
    const row = await trx
      .insertInto('contract_cancellations')
      .values({
        contract_id: contract.id,
        customer_id: customerId,
        received_on: receivedOn,
        effective_on: effectiveOn,
        reason_id: input.reasonId ?? null,
        customer_reason_id: customerReasonId,
        note: input.note || null,
        retention_offer: null,
        retention_offer_cents: null,
        retention_on: null,
        outcome: 'pending',
        outcome_on: null,
        previous_cancelled_on: contract.cancelled_on,
        previous_ends_on: contract.ends_on,
        created_at: actor.now,
        created_by: actor.userId,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('contracts')
      .set({ cancelled_on: dates.cancelledOn, ends_on: dates.endsOn })
      .where('id', '=', contract.id)
      .execute()
    return row.id
  })
}

async function requireCancellation(
  db: Kysely<Database> | Transaction<Database>,
  customerId: number,
  id: number,
) {
  const row = await db
    .selectFrom('contract_cancellations')
    .selectAll()
    .where('id', '=', id)
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  if (!row) throw new AppError('not_found', say('noSuchCancellation'))
  return row
}

/** The retention offer made to keep the customer; only while the cancellation is open. */
export async function recordRetention(
  db: Kysely<Database>,
  customerId: number,
  id: number,
  input: RetentionInput,
  actor: Actor,
  scope: CustomerScope,
): Promise<void> {
  await requireCustomer(db, customerId, scope.ownerId)
  const attemptedOn = input.attemptedOn
    ? inputDate('attemptedOn', input.attemptedOn, actor.today)
    : actor.today
  const cents = input.offerValue ? parseEuros('offerValue', input.offerValue) : null
  await db.transaction().execute(async (trx) => {
    const k = await requireCancellation(trx, customerId, id)
    if (k.outcome !== 'pending')
      throw new AppError('conflict', say('cancellationAlready', { outcome: k.outcome }))
    if (attemptedOn < k.received_on) throw new AppError('validation_failed', say('offerBeforeCancellation'))
    await trx
      .updateTable('contract_cancellations')
      .set({
        retention_offer: input.offer,
        retention_offer_cents: cents,
        retention_on: attemptedOn,
        updated_at: actor.now,
      })
      .where('id', '=', id)
      .execute()
  })
}

/** Withdrawn (the contract runs on) or effective (it ends); changes the contract in the same transaction. */
export async function decideOutcome(
  db: Kysely<Database>,
  customerId: number,
  id: number,
  input: CancellationOutcomeInput,
  actor: Actor,
  scope: CustomerScope,
): Promise<void> {
  await requireCustomer(db, customerId, scope.ownerId)
  const decidedOn = input.decidedOn ? inputDate('decidedOn', input.decidedOn, actor.today) : actor.today
  await db.transaction().execute(async (trx) => {
    const k = await requireCancellation(trx, customerId, id)
    const contract = await trx
      .selectFrom('contracts')
      .selectAll()
      .where('id', '=', k.contract_id)
      .executeTakeFirstOrThrow()
    const dates = decideCancellation(
      { startedOn: contract.started_on, endsOn: contract.ends_on, cancelledOn: contract.cancelled_on },
      { cancelledOn: k.previous_cancelled_on, endsOn: k.previous_ends_on },
      { receivedOn: k.received_on, effectiveOn: k.effective_on, outcome: k.outcome },
      input.outcome,
      decidedOn,
    )
    await trx
      .updateTable('contract_cancellations')
      .set({ outcome: input.outcome, outcome_on: decidedOn, updated_at: actor.now })
      .where('id', '=', id)
      .execute()
    await trx
      .updateTable('contracts')
      .set({ cancelled_on: dates.cancelledOn, ends_on: dates.endsOn })
      .where('id', '=', contract.id)
      .execute()
  })
}

/** Retention in all, per offer and per reason, over the customers this scope sees. */
export async function retentionSummary(
  db: Kysely<Database>,
  scope: CustomerScope,
): Promise<RetentionSummary> {
  let query = selectCancellations(db).innerJoin('customers as c', 'c.id', 'k.customer_id')
  if (scope.ownerId !== null) query = query.where('c.owner_user_id', '=', scope.ownerId)
  const rows = await query.execute()
  return summariseRetention(
    rows.map((r) => ({
      outcome: r.outcome,
      retentionOffer: r.retention_offer,
      reason: reasonOf(r),
      reasonKey: r.reason_id,
      monthlyValueCents: r.monthly_value_cents === null ? null : Number(r.monthly_value_cents),
    })),
  )
}
