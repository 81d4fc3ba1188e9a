import type { Kysely } from 'kysely'
import type { FollowupDto, FollowupInput, FollowupUpdate } from '../../../shared/api/worklist'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import type { IsoDate } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { displayName } from '../customers/customer-rows'
import type { CustomerScope } from '../customers/customer-scope'
import { requireCustomer, typedDate } from '../customers/require-customer'
import { type Caller, insertFollowup } from './log-call'

export interface FollowupFilter {
  state: 'open' | 'overdue' | 'done'
  userId?: number
  customerId?: number
}

/**
 * Wiedervorlagen: a rep sees their own; managers and admins everyone's (or one user's), so they
 * see who has overdue ones.
 */
export async function listFollowups(
  db: Kysely<Database>,
  caller: Caller,
  filter: FollowupFilter,
  today: IsoDate,
): Promise<FollowupDto[]> {
  let query = db
    .selectFrom('followups as f')
    .innerJoin('customers as c', 'c.id', 'f.customer_id')
    .innerJoin('users as u', 'u.id', 'f.assignee_user_id')
    .selectAll('f')
    .select(['c.customer_number', 'c.company_name', 'c.first_name', 'c.last_name', 'u.name as assignee_name'])
    .where('c.erased_at', 'is', null)
  const userId = caller.role === 'rep' ? caller.id : filter.userId
  if (userId !== undefined) query = query.where('f.assignee_user_id', '=', userId)
  if (filter.customerId !== undefined) query = query.where('f.customer_id', '=', filter.customerId)
  if (filter.state === 'done') query = query.where('f.done_at', 'is not', null).orderBy('f.done_at', 'desc')
  else {
    query = query.where('f.done_at', 'is', null)
    if (filter.state === 'overdue') query = query.where('f.due_on', '<', today)
    query = query.orderBy('f.due_on').orderBy('f.due_time').orderBy('f.id')
  }
  const rows = await query.limit(1_000).execute()
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    customerNumber: r.customer_number,
    displayName: displayName(r),
    assigneeUserId: r.assignee_user_id,
    assigneeName: r.assignee_name,
    dueOn: r.due_on,
    dueTime: r.due_time,
    priority: r.priority,
    channel: r.channel,
    note: r.note,
    source: r.source,
    campaignId: r.campaign_id,
    snoozed: r.snoozed,
    doneAt: r.done_at,
    overdue: r.done_at === null && r.due_on < today,
  }))
}

async function requireAssignee(db: Kysely<Database>, caller: Caller, assignee: number) {
  if (assignee !== caller.id && caller.role === 'rep')
    throw new AppError('forbidden', say('repsPlanForThemselves'))
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', assignee)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  if (!user) throw new AppError('validation_failed', say('noSuchActiveAssignee'))
}

/** A Wiedervorlage planned by hand, for the caller or (managers) someone else. */
export async function createFollowup(
  db: Kysely<Database>,
  customerId: number,
  input: FollowupInput,
  actor: Actor,
  caller: Caller,
  scope: CustomerScope,
): Promise<number> {
  const dueOn = typedDate('dueOn', input.dueOn)
  if (dueOn < actor.today) throw new AppError('validation_failed', say('dueInPast', { day: dueOn }))
  const assignee = input.assigneeUserId ?? caller.id
  await requireAssignee(db, caller, assignee)
  return db.transaction().execute(async (trx) => {
    const customer = await requireCustomer(trx, customerId, scope.ownerId)
    if (customer.erased_at) throw new AppError('conflict', say('erasedNothingRecorded'))
    return insertFollowup(trx, {
      customerId,
      assignee,
      dueOn,
      dueTime: input.dueTime ?? null,
      priority: input.priority,
      channel: input.channel,
      note: input.note || null,
      source: 'manual',
      campaignId: null,
      campaignStep: null,
      callId: null,
      actor,
    })
  })
}

/** Snooze (to a later day), reschedule the time, change priority or assignee, or tick off. */
export async function updateFollowup(
  db: Kysely<Database>,
  id: number,
  input: FollowupUpdate,
  actor: Actor,
  caller: Caller,
): Promise<void> {
  const row = await db.selectFrom('followups').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row || (caller.role === 'rep' && row.assignee_user_id !== caller.id))
    throw new AppError('not_found', say('noSuchFollowup'))
  if (input.assigneeUserId !== undefined) await requireAssignee(db, caller, input.assigneeUserId)
  let dueOn: IsoDate | undefined
  if (input.snoozeTo !== undefined) {
    dueOn = typedDate('snoozeTo', input.snoozeTo)
    if (dueOn <= row.due_on && dueOn <= actor.today)
      throw new AppError('validation_failed', say('snoozeLater'))
  }
  await db
    .updateTable('followups')
    .set({
      ...(dueOn !== undefined ? { due_on: dueOn, snoozed: row.snoozed + 1 } : {}),
      ...(input.dueTime !== undefined ? { due_time: input.dueTime } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      ...(input.assigneeUserId !== undefined ? { assignee_user_id: input.assigneeUserId } : {}),
      ...(input.note !== undefined ? { note: input.note || null } : {}),
      ...(input.done !== undefined ? { done_at: input.done ? (row.done_at ?? actor.now) : null } : {}),
      updated_at: actor.now,
    })
    .where('id', '=', id)
    .execute()
}
