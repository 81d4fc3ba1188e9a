import type { Insertable } from 'kysely'
import type { Database } from '../src/server/db/schema'

/** A customer's score row as tests need one: P(alive) now and before, the rest plain numbers. */
export function scoreRow(
  customerId: number,
  runId: number,
  pAlive: { now: number; before: number | null },
): Insertable<Database['customer_scores']> {
  return {
    customer_id: customerId,
    run_id: runId,
    x: 1,
    tx: 1,
    t: 1,
    p_alive: pAlive.now,
    previous_p_alive: pAlive.before,
    expected_purchases: 1,
    expected_spend_cents: 100,
    clv_cents: 100,
    won_back_purchases: 0,
    won_back_value_cents: 0,
    mean_interval_days: 30,
    days_since_last: 15,
  }
}
