import type { Kysely } from 'kysely'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
import { addDays } from '../../lib/dates'
import { loadWinbackSettings } from './winback-settings'

export interface CustomerWinback {
  /** a purchase proved a win-back attempt */
  wonBack: boolean
  /** margin of the purchases in the proved attempts' windows, minus offers and staff time of every attempt */
  profitCents: number
}

/** Per customer: won back (proved) or not, and what their win-back attempts earned. */
export async function winbackProfitOf(
  db: Kysely<Database>,
  customerIds: readonly number[],
): Promise<Map<number, CustomerWinback>> {
  const settings = await loadWinbackSettings(db)
  const result = new Map<number, CustomerWinback>()
  for (const part of chunks([...new Set(customerIds)])) {
    const attempts = await db
      .selectFrom('winback_attempts')
      .select(['customer_id', 'started_on', 'channel', 'offer_cents', 'won_on'])
      .where('customer_id', 'in', part)
      .execute()
    if (attempts.length === 0) continue
    const won = attempts.filter((a) => a.won_on !== null)
    const orders =
      won.length === 0
        ? []
        : await db
            .selectFrom('orders')
            .select(['customer_id', 'ordered_on', 'net_cents', 'margin_cents'])
            .where('customer_id', 'in', [...new Set(won.map((a) => a.customer_id))])
            .where('counts_as_purchase', '=', 1)
            .execute()
    for (const a of attempts) {
      const entry = result.get(a.customer_id) ?? { wonBack: false, profitCents: 0 }
      entry.profitCents -=
        Number(a.offer_cents ?? 0) + (settings.minutesPerChannel[a.channel] / 60) * settings.hourlyRateCents
      if (a.won_on !== null) {
        entry.wonBack = true
        const end = addDays(a.started_on, settings.attributionDays)
        for (const o of orders)
          if (o.customer_id === a.customer_id && o.ordered_on >= a.won_on && o.ordered_on <= end)
            entry.profitCents +=
              o.margin_cents === null
                ? Number(o.net_cents) * settings.defaultMarginRate
                : Number(o.margin_cents)
      }
      result.set(a.customer_id, entry)
    }
  }
  for (const e of result.values()) e.profitCents = Math.round(e.profitCents)
  return result
}
