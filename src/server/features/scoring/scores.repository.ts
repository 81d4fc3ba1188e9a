import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * Copies these customers' new status onto their scores, after their classification was written in
 * the same transaction: the customer list orders a status by P(alive) or CLV from one index of the
 * scores. Only the classified customers' score rows are touched (a night's few).
 */
export async function copyStatusToScores(db: Executor, customerIds: readonly number[]): Promise<void> {
  if (customerIds.length === 0) return
  await db
    .updateTable('customer_scores')
    .set((eb) => ({
      status: eb
        .selectFrom('customer_status as s')
        .select('s.status')
        .whereRef('s.customer_id', '=', 'customer_scores.customer_id'),
    }))
    .where('customer_id', 'in', customerIds)
    .execute()
}
