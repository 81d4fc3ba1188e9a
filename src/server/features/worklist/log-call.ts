import type { Kysely, Transaction } from 'kysely'
import type { CampaignStep } from '../../../shared/api/campaigns'
import type { CallInput, CallResult, NextFollowupInput } from '../../../shared/api/worklist'
import type { Role } from '../../../shared/roles'
import { type FollowupSource, finalCallOutcomes, type PlannedChannel } from '../../../shared/worklist'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { addDays, type IsoDate, nextWorkingDay } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { parseEuros } from '../../lib/money'
import { recordStatedReason } from '../churn/churn.service'
import { insertObjection } from '../contact/contact.service'
import type { CustomerScope } from '../customers/customer-scope'
import { changeOwner } from '../customers/owner'
import { requireCustomer, typedDate } from '../customers/require-customer'
import { insertAttempt, requireLawfulContact, setAttemptOutcome } from '../winback/attempts'
import { attributeWinbacks } from '../winback/attribute-winbacks'
import { currentWinbackModel } from '../winback/winback-model'
import { loadWinbackSettings } from '../winback/winback-settings'

export interface Caller {
  id: number
  role: Role
}

/** The next Wiedervorlage's day: as typed, not before today. */
function dueDay(next: NextFollowupInput, today: IsoDate): IsoDate {
  const day = typedDate('next.dueOn', next.dueOn)
  if (day < today) throw new AppError('validation_failed', say('nextDueInPast', { day }))
  return day
}

/**
 * Logs a call (or visit) in one step and one transaction: whether anybody was reached, what came
 * of it, the offer, the reason learned (a stated reason), the note; the win-back attempt it starts or
 * ends; an objection to advertising recorded at once (suppression list, audit, eligibility); the
 * Wiedervorlagen it works off; the next one (required unless the outcome is final; a call that
 * reached nobody is retried the next working day unless another day is given); the campaign's
 * next step. A phone call is a contact in law: the engine is asked first and the call refused when
 * the law does not allow it (the decision is logged either way).
 */
export async function logCall(
  db: Kysely<Database>,
  customerId: number,
  input: CallInput,
  actor: Actor,
  caller: Caller,
  scope: CustomerScope,
): Promise<CallResult> {
  const today = actor.today
  const reached = input.reached === 'reached'
  const outcome = reached ? (input.outcome ?? null) : null
  const final = outcome !== null && finalCallOutcomes.includes(outcome)
  let next = input.next ?? null
  if (!final && next === null) {
    if (reached) throw new AppError('validation_failed', say('planNext'))
    next = { dueOn: nextWorkingDay(today), priority: 'normal' }
  }
  const nextDue = next === null ? null : dueDay(next, today)
  const nextAssignee = next?.assigneeUserId ?? caller.id
  if (nextAssignee !== caller.id && caller.role === 'rep')
    throw new AppError('forbidden', say('repsPlanForThemselvesNext'))
  const offerCents = input.offerValue ? parseEuros('offerValue', input.offerValue) : null
  const customer = await requireCustomer(db, customerId, scope.ownerId)
  if (customer.erased_at) throw new AppError('conflict', say('erasedNothingRecorded'))
  // asked before the transaction, so a refusal is logged although nothing else is written
  if (input.channel === 'phone' && outcome !== 'objects_to_advertising')
    await requireLawfulContact(db, customerId, 'phone', actor)
  const model = await currentWinbackModel(db, await loadWinbackSettings(db), today)

  const result = await db.transaction().execute(async (trx) => {
    const current = await requireCustomer(trx, customerId, scope.ownerId)
    let attempt = await trx
      .selectFrom('winback_attempts')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('outcome', '=', 'open')
      .executeTakeFirst()
    let attemptId = attempt?.id ?? null
    const membership = await runningMembership(trx, customerId)
    if (reached && !attempt) {
      if (input.measureId) {
        const measure = await trx
          .selectFrom('playbook_measures')
          .select('id')
          .where('id', '=', input.measureId)
          .executeTakeFirst()
        if (!measure) throw new AppError('validation_failed', say('noSuchMeasureId'))
      }
      attemptId = await insertAttempt(
        trx,
        customerId,
        {
          startedOn: today,
          channel: input.channel,
          offer: input.offer || null,
          offerCents,
          note: input.note || null,
          // the measure the rep used, else the campaign's
          measureId: input.measureId ?? membership?.measure_id ?? null,
        },
        actor,
        model,
      )
      attempt = await trx
        .selectFrom('winback_attempts')
        .selectAll()
        .where('id', '=', attemptId)
        .executeTakeFirstOrThrow()
    } else if (reached && attempt && (input.offer || offerCents !== null)) {
      await trx
        .updateTable('winback_attempts')
        .set({
          offer: input.offer || attempt.offer,
          offer_cents: offerCents ?? attempt.offer_cents,
          updated_at: actor.now,
        })
        .where('id', '=', attempt.id)
        .execute()
    }
    if (attempt && final)
      await setAttemptOutcome(
        trx,
        attempt,
        { outcome: outcome === 'won_back' ? 'won_back' : 'declined', decidedOn: today },
        actor,
      )
    const objectionId =
      outcome === 'objects_to_advertising'
        ? await insertObjection(
            trx,
            current,
            { scope: 'all', gdpr: false, via: 'phone', receivedAt: today, wording: input.note },
            actor,
          )
        : null
    if (input.reasonId) await recordStatedReason(trx, customerId, input.reasonId, input.note || null, actor)
    const call = await trx
      .insertInto('calls')
      .values({
        customer_id: customerId,
        user_id: caller.id,
        channel: input.channel,
        called_at: actor.now,
        called_on: today,
        reached: input.reached,
        outcome,
        offer: input.offer || null,
        offer_cents: offerCents,
        reason_id: input.reasonId ?? null,
        note: input.note || null,
        campaign_id: membership?.campaign_id ?? null,
        attempt_id: attemptId,
        competitor: reached ? input.competitor || null : null,
        created_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await workOffFollowups(trx, customerId, call.id, input.followupId, caller.id, final, actor)
    let followupId: number | null = null
    if (next !== null && nextDue !== null) {
      if (nextAssignee !== caller.id)
        await handOver(trx, customerId, current.owner_user_id, nextAssignee, actor)
      followupId = await insertFollowup(trx, {
        customerId,
        assignee: nextAssignee,
        dueOn: nextDue,
        dueTime: next.dueTime ?? null,
        priority: next.priority,
        channel: next.channel ?? (input.channel as PlannedChannel),
        note: next.note || null,
        source: reached ? 'call' : 'retry',
        campaignId: membership?.campaign_id ?? null,
        campaignStep: null,
        callId: call.id,
        actor,
      })
    }
    if (membership) await advanceCampaign(trx, membership, customerId, caller.id, final, call.id, actor)
    return { callId: call.id, attemptId, followupId, objectionId }
  })
  // a purchase may already prove a win-back the call recorded
  await attributeWinbacks({ db, customerIds: [customerId], today: actor.today })
  return result
}

async function runningMembership(trx: Transaction<Database>, customerId: number) {
  return trx
    .selectFrom('campaign_members as m')
    .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .select(['m.campaign_id', 'm.contacted_on', 'c.steps', 'c.name', 'c.measure_id'])
    .where('m.customer_id', '=', customerId)
    .where('m.arm', '=', 'treatment')
    .where('c.state', '=', 'running')
    .orderBy('c.id', 'desc')
    .executeTakeFirst()
}

/**
 * The Wiedervorlagen this call works off: the one named, and the caller's due ones for this
 * customer; after a final outcome every open one (nothing more is planned for the customer).
 */
async function workOffFollowups(
  trx: Transaction<Database>,
  customerId: number,
  callId: number,
  followupId: number | undefined,
  callerId: number,
  final: boolean,
  actor: Actor,
) {
  if (followupId !== undefined) {
    const named = await trx
      .selectFrom('followups')
      .select(['id', 'done_at'])
      .where('id', '=', followupId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst()
    if (!named) throw new AppError('not_found', say('noSuchFollowupForCustomer'))
  }
  await trx
    .updateTable('followups')
    .set({ done_at: actor.now, done_call_id: callId, updated_at: actor.now })
    .where('customer_id', '=', customerId)
    .where('done_at', 'is', null)
    .where((eb) =>
      final
        ? eb.lit(true)
        : eb.or([
            ...(followupId !== undefined ? [eb('id', '=', followupId)] : []),
            eb.and([eb('assignee_user_id', '=', callerId), eb('due_on', '<=', actor.today)]),
          ]),
    )
    .execute()
}

/** A rep sees only their own customers: one handed a Wiedervorlage becomes theirs. */
async function handOver(
  trx: Transaction<Database>,
  customerId: number,
  owner: number | null,
  to: number,
  actor: Actor,
) {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', '=', to)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  if (!user) throw new AppError('validation_failed', say('noSuchActiveNextAssignee'))
  if (user.role === 'rep' && owner !== to)
    await changeOwner(trx, customerId, owner, to, { source: 'manual', note: 'Wiedervorlage', actor })
}

export interface NewFollowup {
  customerId: number
  assignee: number
  dueOn: IsoDate
  dueTime: string | null
  priority: 'normal' | 'high' | 'urgent'
  channel: PlannedChannel
  note: string | null
  source: FollowupSource
  campaignId: number | null
  campaignStep: number | null
  callId: number | null
  actor: Actor
}

export async function insertFollowup(
  trx: Transaction<Database> | Kysely<Database>,
  f: NewFollowup,
): Promise<number> {
  const row = await trx
    .insertInto('followups')
    .values({
      customer_id: f.customerId,
      assignee_user_id: f.assignee,
      due_on: f.dueOn,
      due_time: f.dueTime,
      priority: f.priority,
      channel: f.channel,
      note: f.note,
      source: f.source,
      campaign_id: f.campaignId,
      campaign_step: f.campaignStep,
      call_id: f.callId,
      snoozed: 0,
      done_at: null,
      done_call_id: null,
      created_at: f.actor.now,
      created_by: f.actor.userId,
      updated_at: f.actor.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * A treated member's first contact is the campaign's first step: it is marked contacted, and each
 * later step becomes a Wiedervorlage its offset after that day (once; not after a final outcome).
 */
async function advanceCampaign(
  trx: Transaction<Database>,
  membership: { campaign_id: number; contacted_on: string | null; steps: string; name: string },
  customerId: number,
  callerId: number,
  final: boolean,
  callId: number,
  actor: Actor,
) {
  if (membership.contacted_on !== null) return
  await trx
    .updateTable('campaign_members')
    .set({ contacted_on: actor.today })
    .where('campaign_id', '=', membership.campaign_id)
    .where('customer_id', '=', customerId)
    .execute()
  if (final) return
  const steps = JSON.parse(membership.steps) as CampaignStep[]
  const first = steps[0]?.offsetDays ?? 0
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i]!
    // e-mail steps winback sends itself (messaging): nobody has to remember them
    if (step.channel === 'email') continue
    await insertFollowup(trx, {
      customerId,
      assignee: callerId,
      dueOn: addDays(actor.today, step.offsetDays - first),
      dueTime: null,
      priority: 'normal',
      channel: step.channel,
      note: step.note ? `${membership.name}: ${step.note}` : membership.name,
      source: 'campaign',
      campaignId: membership.campaign_id,
      campaignStep: i,
      callId,
      actor,
    })
  }
}
