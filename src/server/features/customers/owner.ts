import type { Kysely, Transaction } from 'kysely'
import type { OwnerInput } from '../../../shared/api/worklist'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { AppError, say } from '../../lib/errors'
import { customerGroupsChanged } from '../../lib/read-cache'
import { requireCustomer } from './require-customer'

type Executor = Kysely<Database> | Transaction<Database>

/** Sets a customer's owner and keeps the change in its history (nothing when it is the same). */
export async function changeOwner(
  trx: Executor,
  customerId: number,
  from: number | null,
  to: number | null,
  change: { source: 'manual' | 'routing'; note: string | null; actor: Actor },
): Promise<void> {
  if (from === to) return
  // the owners' dashboards and counts change (confirmed again once the request has committed)
  customerGroupsChanged()
  await trx
    .updateTable('customers')
    .set({ owner_user_id: to, updated_at: change.actor.now })
    .where('id', '=', customerId)
    .execute()
  await trx
    .insertInto('customer_owner_changes')
    .values({
      customer_id: customerId,
      from_user_id: from,
      to_user_id: to,
      changed_at: change.actor.now,
      changed_by: change.actor.userId,
      source: change.source,
      note: change.note,
    })
    .execute()
}

/** A manager hands a customer to another owner (or to nobody). */
export async function setOwner(db: Kysely<Database>, customerId: number, input: OwnerInput, actor: Actor) {
  await db.transaction().execute(async (trx) => {
    const customer = await requireCustomer(trx, customerId, null)
    if (customer.erased_at) throw new AppError('conflict', say('erasedNothingRecorded'))
    if (input.ownerUserId !== null) {
      const user = await trx
        .selectFrom('users')
        .select('id')
        .where('id', '=', input.ownerUserId)
        .where('disabled_at', 'is', null)
        .executeTakeFirst()
      if (!user) throw new AppError('validation_failed', say('noSuchActiveOwner'))
    }
    await changeOwner(trx, customerId, customer.owner_user_id, input.ownerUserId, {
      source: 'manual',
      note: input.note || null,
      actor,
    })
  })
}

export interface OwnerChangeDto {
  changedAt: string
  from: string | null
  to: string | null
  by: string | null
  source: string
  note: string | null
}

export async function ownerHistory(db: Executor, customerId: number): Promise<OwnerChangeDto[]> {
  const rows = await db
    .selectFrom('customer_owner_changes as h')
    .leftJoin('users as f', 'f.id', 'h.from_user_id')
    .leftJoin('users as t', 't.id', 'h.to_user_id')
    .leftJoin('users as b', 'b.id', 'h.changed_by')
    .select([
      'h.changed_at',
      'f.name as from_name',
      't.name as to_name',
      'b.name as by_name',
      'h.source',
      'h.note',
    ])
    .where('h.customer_id', '=', customerId)
    .orderBy('h.changed_at', 'desc')
    .orderBy('h.id', 'desc')
    .execute()
  return rows.map((r) => ({
    changedAt: r.changed_at,
    from: r.from_name,
    to: r.to_name,
    by: r.by_name,
    source: r.source,
    note: r.note,
  }))
}
