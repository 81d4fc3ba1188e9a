import type { Kysely } from 'kysely'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
import { addDays, type IsoDate } from '../../lib/dates'
import { loadWorklistSettings } from '../worklist/worklist-settings'
import { type AttributionDocument, attributionDocumentOf, provingPurchase } from './attribution'
import { loadWinbackSettings } from './winback-settings'

export interface AttributeWinbacksOptions {
  db: Kysely<Database>
  /** only the attempts of these customers (after an import or an outcome); all when absent */
  customerIds?: readonly number[]
  /**
   * The company's today: a win-back proved now gets a check-in Wiedervorlage for the owner after the
   * configured days (seed 003, second loyalty), unless that day has passed. Left out when loading history.
   */
  today?: IsoDate
}

/**
 * Links every win-back attempt to the purchase that proves it (the first within the attribution
 * window, net of its credit notes), or unlinks it when a later import took that proof away (the
 * order was cancelled or credited). What the rep recorded stays as it was. Idempotent.
 */
export async function attributeWinbacks(
  options: AttributeWinbacksOptions,
): Promise<{ changed: number; changedCustomerIds: number[] }> {
  const { db } = options
  const { attributionDays } = await loadWinbackSettings(db)
  const customerIds =
    options.customerIds ??
    (await db.selectFrom('winback_attempts').select('customer_id').distinct().execute()).map(
      (r) => r.customer_id,
    )
  let changed = 0
  const changedCustomers = new Set<number>()
  const newlyWon: { customerId: number; wonOn: IsoDate; createdBy: number | null }[] = []
  for (const ids of chunks([...new Set(customerIds)])) {
    const attempts = await db
      .selectFrom('winback_attempts')
      .select(['id', 'customer_id', 'started_on', 'won_order_id', 'created_by'])
      .where('customer_id', 'in', ids)
      .execute()
    if (attempts.length === 0) continue
    const from = attempts.reduce(
      (min, a) => (a.started_on < min ? a.started_on : min),
      attempts[0]!.started_on,
    )
    const documents = await db
      .selectFrom('orders')
      .select([
        'id',
        'customer_id',
        'kind',
        'number',
        'reference_number',
        'ordered_on',
        'net_cents',
        'counts_as_purchase',
      ])
      .where('customer_id', 'in', [...new Set(attempts.map((a) => a.customer_id))])
      .where('ordered_on', '>=', from)
      .execute()
    const byCustomer = new Map<number, AttributionDocument[]>()
    for (const d of documents) {
      const list = byCustomer.get(d.customer_id) ?? []
      list.push(attributionDocumentOf(d))
      byCustomer.set(d.customer_id, list)
    }
    for (const a of attempts) {
      const proof = provingPurchase(a.started_on, attributionDays, byCustomer.get(a.customer_id) ?? [])
      if ((proof?.id ?? null) === a.won_order_id) continue
      if (proof && a.won_order_id === null)
        newlyWon.push({ customerId: a.customer_id, wonOn: proof.date, createdBy: a.created_by })
      await db
        .updateTable('winback_attempts')
        .set({ won_order_id: proof?.id ?? null, won_on: proof?.date ?? null })
        .where('id', '=', a.id)
        .execute()
      changed++
      changedCustomers.add(a.customer_id)
    }
  }
  if (options.today !== undefined && newlyWon.length > 0) await planCheckIns(db, newlyWon, options.today)
  return { changed, changedCustomerIds: [...changedCustomers] }
}

/**
 * A check-in Wiedervorlage for each newly won-back customer, with their owner (else whoever started the
 * attempt), the configured days after the proving purchase; none when one is open already.
 */
async function planCheckIns(
  db: Kysely<Database>,
  won: readonly { customerId: number; wonOn: IsoDate; createdBy: number | null }[],
  today: IsoDate,
): Promise<void> {
  const { checkInDays } = await loadWorklistSettings(db)
  if (checkInDays === 0) return
  const now = new Date().toISOString()
  for (const w of won) {
    const dueOn = addDays(w.wonOn, checkInDays)
    if (dueOn < today) continue
    const customer = await db
      .selectFrom('customers')
      .select(['owner_user_id', 'erased_at'])
      .where('id', '=', w.customerId)
      .executeTakeFirst()
    const assignee = customer?.owner_user_id ?? w.createdBy
    if (!customer || customer.erased_at || assignee === null) continue
    const open = await db
      .selectFrom('followups')
      .select('id')
      .where('customer_id', '=', w.customerId)
      .where('source', '=', 'check_in')
      .where('done_at', 'is', null)
      .executeTakeFirst()
    if (open) continue
    await db
      .insertInto('followups')
      .values({
        customer_id: w.customerId,
        assignee_user_id: assignee,
        due_on: dueOn,
        due_time: null,
        priority: 'normal',
        channel: 'phone',
        note: null,
        source: 'check_in',
        campaign_id: null,
        campaign_step: null,
        call_id: null,
        snoozed: 0,
        done_at: null,
        done_call_id: null,
        created_at: now,
        created_by: null,
        updated_at: now,
      })
      .execute()
  }
}
