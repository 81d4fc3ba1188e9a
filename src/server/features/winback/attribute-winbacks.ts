import type { Kysely } from 'kysely'
import type { OrderKind } from '../../../shared/orders'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
import { type AttributionDocument, provingPurchase } from './attribution'
import { loadWinbackSettings } from './winback-settings'

export interface AttributeWinbacksOptions {
  db: Kysely<Database>
  /** only the attempts of these customers (after an import or an outcome); all when absent */
  customerIds?: readonly number[]
}

/**
 * Links every win-back attempt to the purchase that proves it (the first within the attribution
 * window, net of its credit notes), or unlinks it when a later import took that proof away (the
 * order was cancelled or credited). What the rep recorded stays as it was. Idempotent.
 */
export async function attributeWinbacks(options: AttributeWinbacksOptions): Promise<{ changed: number }> {
  const { db } = options
  const { attributionDays } = await loadWinbackSettings(db)
  const customerIds =
    options.customerIds ??
    (await db.selectFrom('winback_attempts').select('customer_id').distinct().execute()).map(
      (r) => r.customer_id,
    )
  let changed = 0
  for (const ids of chunks([...new Set(customerIds)])) {
    const attempts = await db
      .selectFrom('winback_attempts')
      .select(['id', 'customer_id', 'started_on', 'won_order_id'])
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
      list.push({
        id: d.id,
        kind: d.kind as OrderKind,
        number: d.number,
        referenceNumber: d.reference_number,
        date: d.ordered_on,
        netCents: Number(d.net_cents),
        countsAsPurchase: d.counts_as_purchase === 1,
      })
      byCustomer.set(d.customer_id, list)
    }
    for (const a of attempts) {
      const proof = provingPurchase(a.started_on, attributionDays, byCustomer.get(a.customer_id) ?? [])
      if ((proof?.id ?? null) === a.won_order_id) continue
      await db
        .updateTable('winback_attempts')
        .set({ won_order_id: proof?.id ?? null, won_on: proof?.date ?? null })
        .where('id', '=', a.id)
        .execute()
      changed++
    }
  }
  return { changed }
}
