import type { Kysely } from 'kysely'
import { chunks } from '../../db/bulk'
import type { Db } from '../../db/database'
import type { Database } from '../../db/schema'
import type { IsoDate } from '../../lib/dates'
import { refreshEligibilityInBatches } from '../contact/eligibility'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { attributeWinbacks } from '../winback/attribute-winbacks'

/**
 * Queues customers whose derived data must be rebuilt, in the transaction that changed them: if the
 * process dies after the commit, the queue still says what is left to do.
 */
export async function queueDerivation(
  trx: Kysely<Database>,
  customerIds: readonly number[],
  asOf: IsoDate,
  now: string,
): Promise<void> {
  for (const ids of chunks(customerIds, 1000))
    await trx
      .insertInto('derivation_queue')
      .values(ids.map((customer_id) => ({ customer_id, as_of: asOf, queued_at: now })))
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ as_of: asOf, queued_at: now }))
      .execute()
}

export async function hasQueuedDerivations(db: Kysely<Database>): Promise<boolean> {
  return (
    (await db.selectFrom('derivation_queue').select('customer_id').limit(1).executeTakeFirst()) !== undefined
  )
}

const BATCH = 2000

/**
 * Rebuilds what follows from a customer's data for every queued customer, batch by batch: status and
 * history, contact eligibility (new people may match an objection), and the purchases that prove
 * win-back attempts. A batch leaves the queue only once rebuilt, so work cut off by a crash is
 * resumed by the next run, and doing a batch twice gives the same result.
 */
export async function deriveQueued(options: {
  db: Db
  onProgress?: (done: number, total: number) => void
}): Promise<{ derived: number }> {
  const { db } = options
  const total = Number(
    (
      await db.kysely
        .selectFrom('derivation_queue')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  let derived = 0
  options.onProgress?.(0, total)
  for (;;) {
    const batch = await db.kysely
      .selectFrom('derivation_queue')
      .select(['customer_id', 'as_of', 'queued_at'])
      .orderBy('customer_id')
      .limit(BATCH)
      .execute()
    if (batch.length === 0) break
    for (const [asOf, ids] of customersBy(batch, 'as_of')) {
      await classifyCustomers({ db, asOf, customerIds: ids })
      await refreshEligibilityInBatches(db, ids, asOf)
      await attributeWinbacks({ db: db.kysely, customerIds: ids, today: asOf })
    }
    // only what was rebuilt leaves the queue: a customer queued again meanwhile stays
    for (const [queuedAt, ids] of customersBy(batch, 'queued_at'))
      await db.kysely
        .deleteFrom('derivation_queue')
        .where('queued_at', '=', queuedAt)
        .where('customer_id', 'in', ids)
        .execute()
    derived += batch.length
    options.onProgress?.(Math.min(derived, total), Math.max(total, derived))
  }
  return { derived }
}

/** The customer ids of queue rows, grouped by one of their columns (usually a single group). */
function customersBy(
  rows: readonly { customer_id: number; as_of: IsoDate; queued_at: string }[],
  column: 'as_of' | 'queued_at',
): Map<string, number[]> {
  const groups = new Map<string, number[]>()
  for (const row of rows) {
    const ids = groups.get(row[column])
    if (ids) ids.push(row.customer_id)
    else groups.set(row[column], [row.customer_id])
  }
  return groups
}
