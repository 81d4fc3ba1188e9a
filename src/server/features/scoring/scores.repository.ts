import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'
import { forEachPageByCustomer } from '../../db/keyset-pages'
import { customersWithoutRow, rowsByStatus } from '../../db/per-customer-rows'
import type { Database } from '../../db/schema'
import { NumbersById } from '../../lib/compact-sets'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * Copies these customers' new status onto their scores, after their classification was written in
 * the same transaction: the customer list orders a status by P(alive) or CLV from one index of the
 * scores. Only the classified customers' score rows are touched (a night's few), and of those only
 * the ones whose status changed: how many, returned.
 */
export async function copyStatusToScores(db: Executor, customerIds: readonly number[]): Promise<number> {
  if (customerIds.length === 0) return 0
  const statusNow = (eb: ExpressionBuilder<Database, 'customer_scores'>) =>
    eb
      .selectFrom('customer_status as s')
      .select('s.status')
      .whereRef('s.customer_id', '=', 'customer_scores.customer_id')
  const result = await db
    .updateTable('customer_scores')
    .set((eb) => ({ status: statusNow(eb) }))
    .where('customer_id', 'in', customerIds)
    // only the rows whose status changed: of a night's customers due most keep theirs (61,214 of
    // 67,077 at a million customers), and each row written is four index entries on PostgreSQL
    .where((eb) => eb('status', 'is distinct from', statusNow(eb)))
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * How many customers not erased have no score: every one before the first model run, those
 * without purchases (a model run scores none of them), and those an import created since the last
 * run (counted, not looked for: see customersWithoutRow).
 */
export function customersWithoutScore(db: Executor): Promise<number> {
  return customersWithoutRow(db, 'customer_scores')
}

/**
 * How many score rows there are of each status copied onto them (a customer's status and the copy
 * on their score are written in one transaction).
 */
export function scoreRowsByStatus(db: Executor): Promise<Map<string, number>> {
  return rowsByStatus(db, 'customer_scores')
}

/** Score rows read at once by previousPAlive. */
const PAGE = 10_000

/**
 * Each scored customer's P(alive) as stored now (before a new run replaces it): read page by page
 * into 8 bytes per customer (a Map of a million took 100 MB beside the run being saved).
 */
export async function previousPAlive(
  db: Executor,
  pageSize = PAGE,
): Promise<(customerId: number) => number | null> {
  const values = new NumbersById()
  await forEachPageByCustomer(
    (afterId, limit) =>
      db
        .selectFrom('customer_scores')
        .select(['customer_id', 'p_alive'])
        .where('customer_id', '>', afterId)
        .orderBy('customer_id')
        .limit(limit)
        .execute(),
    pageSize,
    // a value that is no number (PostgreSQL keeps NaN) says nothing about the risk before
    (r) => {
      const pAlive = Number(r.p_alive)
      if (!Number.isNaN(pAlive)) values.set(r.customer_id, pAlive)
    },
  )
  return (customerId) => values.get(customerId)
}
