import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/** The latest P(alive) and CLV of these customers (those scored), for the copy on their status. */
export async function latestScoresOf(
  db: Executor,
  customerIds: readonly number[],
): Promise<Map<number, { pAlive: number; clvCents: number }>> {
  const scores = new Map<number, { pAlive: number; clvCents: number }>()
  if (customerIds.length === 0) return scores
  for (const r of await db
    .selectFrom('customer_scores')
    .select(['customer_id', 'p_alive', 'clv_cents'])
    .where('customer_id', 'in', customerIds)
    .execute())
    scores.set(r.customer_id, { pAlive: Number(r.p_alive), clvCents: Number(r.clv_cents) })
  return scores
}
