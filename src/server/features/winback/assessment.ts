import type { Insertable, Kysely, Transaction } from 'kysely'
import type { WinbackAssessmentDto, WinbackAssessmentInput } from '../../../shared/api/winback'
import type { Database } from '../../db/schema'
import { AppError, say } from '../../lib/errors'
import type { CustomerScope } from '../customers/customer-scope'
import { requireCustomer } from '../customers/require-customer'
import type { WinbackAssessmentTable } from './winback.table'

export async function getAssessment(
  db: Kysely<Database>,
  customerId: number,
  scope: CustomerScope,
): Promise<WinbackAssessmentDto> {
  await requireCustomer(db, customerId, scope.ownerId)
  const a = await db
    .selectFrom('winback_assessments')
    .selectAll()
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  return {
    ease: a?.ease ?? null,
    insolventOrClosed: a?.insolvent_or_closed === 1,
    switchedForGood: a?.switched_for_good === 1,
    refusals: a?.refusals ?? 0,
    positiveResponses: a?.positive_responses ?? 0,
    manualDecision: a?.manual_decision ?? null,
    manualNote: a?.manual_note ?? null,
    plannedMeasureCents: a?.planned_measure_cents == null ? null : Number(a.planned_measure_cents),
  }
}

/** Saves what the rep knows; fields left out stay as they were. A manual decision needs a note. */
export async function saveAssessment(
  db: Kysely<Database>,
  customerId: number,
  input: WinbackAssessmentInput,
  actor: { userId: number | null; now: string },
  scope: CustomerScope,
): Promise<WinbackAssessmentDto> {
  if (input.manualDecision && !input.manualNote?.trim())
    throw new AppError('validation_failed', say('manualNoteNeeded'))
  const values = {
    ...(input.ease !== undefined ? { ease: input.ease } : {}),
    ...(input.insolventOrClosed !== undefined
      ? { insolvent_or_closed: input.insolventOrClosed ? 1 : 0 }
      : {}),
    ...(input.switchedForGood !== undefined ? { switched_for_good: input.switchedForGood ? 1 : 0 } : {}),
    ...(input.refusals !== undefined ? { refusals: input.refusals } : {}),
    ...(input.positiveResponses !== undefined ? { positive_responses: input.positiveResponses } : {}),
    ...(input.manualDecision !== undefined ? { manual_decision: input.manualDecision } : {}),
    ...(input.manualNote !== undefined ? { manual_note: input.manualNote || null } : {}),
    ...(input.plannedMeasureCents !== undefined ? { planned_measure_cents: input.plannedMeasureCents } : {}),
  }
  await db.transaction().execute(async (trx) => {
    await requireCustomer(trx, customerId, scope.ownerId)
    await upsertAssessment(trx, customerId, values, actor)
  })
  return getAssessment(db, customerId, scope)
}

type Executor = Kysely<Database> | Transaction<Database>
type AssessmentValues = Partial<
  Omit<Insertable<WinbackAssessmentTable>, 'customer_id' | 'updated_at' | 'updated_by'>
>

/** Sets these fields of the customer's assessment, creating it (everything else unknown) if there is none. */
export async function upsertAssessment(
  db: Executor,
  customerId: number,
  values: AssessmentValues,
  actor: { userId: number | null; now: string },
): Promise<void> {
  await db
    .insertInto('winback_assessments')
    .values({
      customer_id: customerId,
      ease: null,
      insolvent_or_closed: 0,
      switched_for_good: 0,
      refusals: 0,
      positive_responses: 0,
      manual_decision: null,
      manual_note: null,
      planned_measure_cents: null,
      ...values,
      updated_at: actor.now,
      updated_by: actor.userId,
    })
    .onConflict((oc) =>
      oc.column('customer_id').doUpdateSet({ ...values, updated_at: actor.now, updated_by: actor.userId }),
    )
    .execute()
}
