import type { Kysely, Transaction } from 'kysely'
import type { AttemptDto, AttemptInput, AttemptOutcomeInput } from '../../../shared/api/winback'
import type { ContactChannel } from '../../../shared/contact'
import { attemptState } from '../../../shared/winback'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import type { IsoDate } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { parseEuros } from '../../lib/money'
import { checkContacts } from '../contact/check-contact'
import { standardPurpose } from '../contact/eligibility'
import type { CustomerScope } from '../customers/customer-scope'
import { inputDate, requireCustomer } from '../customers/require-customer'
import { upsertAssessment } from './assessment'
import { attributeWinbacks } from './attribute-winbacks'
import { attributionWindowEnd } from './attribution'
import { winbackProbability } from './probability'
import { situationOf } from './situation'
import { currentWinbackModel } from './winback-model'
import { loadWinbackSettings } from './winback-settings'

type Executor = Kysely<Database> | Transaction<Database>

export async function listAttempts(
  db: Kysely<Database>,
  customerId: number,
  scope: CustomerScope,
  today: IsoDate,
): Promise<AttemptDto[]> {
  await requireCustomer(db, customerId, scope.ownerId)
  const { attributionDays } = await loadWinbackSettings(db)
  const rows = await db
    .selectFrom('winback_attempts as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .leftJoin('orders as o', 'o.id', 'a.won_order_id')
    .selectAll('a')
    .select(['u.name as recorded_by', 'o.number as won_document'])
    .where('a.customer_id', '=', customerId)
    .orderBy('a.started_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute()
  return rows.map((r) => {
    const windowEnds = attributionWindowEnd(r.started_on, attributionDays)
    return {
      id: r.id,
      startedOn: r.started_on,
      channel: r.channel,
      offer: r.offer,
      offerCents: r.offer_cents === null ? null : Number(r.offer_cents),
      outcome: attemptState(r.outcome, r.won_order_id !== null),
      recorded: r.outcome,
      outcomeOn: r.outcome_on,
      wonOn: r.won_on,
      wonDocument: r.won_document,
      windowEnds,
      windowOpen: windowEnds >= today,
      note: r.note,
      probability: Number(r.probability),
      recordedBy: r.recorded_by,
    }
  })
}

/** The model's factors for this customer today, from reasons, status and assessment. */
async function currentSituation(db: Executor, customerId: number, today: string) {
  const [status, reasons, assessment] = await Promise.all([
    db
      .selectFrom('customer_status')
      .select('last_purchase_on')
      .where('customer_id', '=', customerId)
      .executeTakeFirst(),
    db
      .selectFrom('customer_churn_reasons as ccr')
      .innerJoin('churn_reasons as r', 'r.id', 'ccr.reason_id')
      .select('r.kind')
      .where('ccr.customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('winback_assessments')
      .select(['ease', 'positive_responses'])
      .where('customer_id', '=', customerId)
      .executeTakeFirst(),
  ])
  return situationOf({
    reasonKinds: reasons.map((r) => r.kind),
    lastPurchaseOn: status?.last_purchase_on ?? null,
    today,
    ease: assessment?.ease ?? null,
    positiveResponses: assessment?.positive_responses ?? 0,
  })
}

/**
 * Starts a win-back attempt. A contact by e-mail, phone, letter or SMS is a contact in law: the
 * engine is asked at this moment and the attempt refused when the channel is not allowed (the
 * decision is logged either way). The factors and the probability are kept as they are today, so the
 * learned model later fits on what was known when the attempt began.
 */
export async function startAttempt(
  db: Kysely<Database>,
  customerId: number,
  input: AttemptInput,
  actor: Actor,
  scope: CustomerScope,
): Promise<number> {
  const startedOn = input.startedOn ? inputDate('startedOn', input.startedOn, actor.today) : actor.today
  const offerCents = input.offerValue ? parseEuros('offerValue', input.offerValue) : null
  const settings = await loadWinbackSettings(db)
  const model = await currentWinbackModel(db, settings, actor.today)
  const refuseIfOpen = async (executor: Executor) => {
    const open = await executor
      .selectFrom('winback_attempts')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('outcome', '=', 'open')
      .executeTakeFirst()
    if (open) throw new AppError('conflict', say('attemptOpen'))
  }
  const customer = await requireCustomer(db, customerId, scope.ownerId)
  if (customer.erased_at) throw new AppError('conflict', say('erasedNothingRecorded'))
  await refuseIfOpen(db)
  // outside the transaction below: a refusal is logged even though nothing else is written
  if (input.channel !== 'visit') await requireLawfulContact(db, customerId, input.channel, actor)
  const id = await db.transaction().execute(async (trx) => {
    // one request at a time per customer: of ten at once, one starts the attempt, nine are told why not
    await requireCustomer(trx, customerId, scope.ownerId)
    await refuseIfOpen(trx)
    return insertAttempt(
      trx,
      customerId,
      { startedOn, channel: input.channel, offer: input.offer || null, offerCents, note: input.note || null },
      actor,
      model,
    )
  })
  // an attempt entered afterwards may already have its proving purchase
  await attributeWinbacks({ db, customerIds: [customerId], today: actor.today })
  return id
}

/**
 * Writes a new open attempt with the model's factors and probability as they are on its first day
 * (inside the caller's transaction, after its checks).
 */
export async function insertAttempt(
  trx: Executor,
  customerId: number,
  attempt: {
    startedOn: IsoDate
    channel: AttemptInput['channel']
    offer: string | null
    offerCents: number | null
    note: string | null
    measureId?: number | null
  },
  actor: Actor,
  model: Awaited<ReturnType<typeof currentWinbackModel>>,
): Promise<number> {
  const situation = await currentSituation(trx, customerId, attempt.startedOn)
  const row = await trx
    .insertInto('winback_attempts')
    .values({
      customer_id: customerId,
      started_on: attempt.startedOn,
      channel: attempt.channel,
      offer: attempt.offer,
      offer_cents: attempt.offerCents,
      measure_id: attempt.measureId ?? null,
      outcome: 'open',
      outcome_on: null,
      note: attempt.note,
      situation: JSON.stringify(situation),
      probability: winbackProbability(situation, model).probability,
      created_at: actor.now,
      created_by: actor.userId,
      updated_at: actor.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function requireLawfulContact(
  db: Kysely<Database>,
  customerId: number,
  channel: ContactChannel,
  actor: Actor,
): Promise<void> {
  const decision = (
    await checkContacts(db, {
      customerIds: [customerId],
      channel,
      purpose: standardPurpose,
      context: 'contact_logged',
      actor,
      contactMade: true,
    })
  ).get(customerId)
  if (!decision?.allowed)
    throw new AppError(
      'contact_not_allowed',
      say('contactNotAllowed', {
        channel,
        blockers: [...new Set(decision?.blockers.map((b) => b.code) ?? ['unknown'])].join(', '),
      }),
      { channel, blockers: decision?.blockers ?? [] },
    )
}

/**
 * Records (or corrects) how an attempt ended. A refusal counts towards "refused twice" in the
 * assessment; correcting a refusal to another outcome takes it back.
 */
export async function decideAttempt(
  db: Kysely<Database>,
  customerId: number,
  id: number,
  input: AttemptOutcomeInput,
  actor: Actor,
  scope: CustomerScope,
): Promise<void> {
  const decidedOn = input.decidedOn ? inputDate('decidedOn', input.decidedOn, actor.today) : actor.today
  await db.transaction().execute(async (trx) => {
    await requireCustomer(trx, customerId, scope.ownerId)
    const attempt = await trx
      .selectFrom('winback_attempts')
      .selectAll()
      .where('id', '=', id)
      .where('customer_id', '=', customerId)
      .executeTakeFirst()
    if (!attempt) throw new AppError('not_found', say('noSuchAttempt'))
    await setAttemptOutcome(trx, attempt, { outcome: input.outcome, decidedOn, note: input.note }, actor)
  })
}

/**
 * Sets how an attempt ended (inside the caller's transaction). A refusal counts towards "refused
 * twice" in the assessment; correcting a refusal to another outcome takes it back.
 */
export async function setAttemptOutcome(
  trx: Executor,
  attempt: { id: number; customer_id: number; started_on: string; outcome: string },
  decision: { outcome: AttemptOutcomeInput['outcome']; decidedOn: IsoDate; note?: string },
  actor: Actor,
): Promise<void> {
  if (decision.decidedOn < attempt.started_on)
    throw new AppError('validation_failed', say('outcomeBeforeAttempt'))
  await trx
    .updateTable('winback_attempts')
    .set({
      outcome: decision.outcome,
      outcome_on: decision.decidedOn,
      ...(decision.note !== undefined ? { note: decision.note || null } : {}),
      updated_at: actor.now,
    })
    .where('id', '=', attempt.id)
    .execute()
  const refusalChange = (decision.outcome === 'declined' ? 1 : 0) - (attempt.outcome === 'declined' ? 1 : 0)
  if (refusalChange !== 0) {
    const current = await trx
      .selectFrom('winback_assessments')
      .select('refusals')
      .where('customer_id', '=', attempt.customer_id)
      .executeTakeFirst()
    const refusals = Math.max(0, (current?.refusals ?? 0) + refusalChange)
    await upsertAssessment(trx, attempt.customer_id, { refusals }, actor)
  }
}
