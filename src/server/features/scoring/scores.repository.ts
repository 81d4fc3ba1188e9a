import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'
import { isPostgres } from '../../db/dialect-helpers'
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

/**
 * Counts the scoring round up, in a transaction of its own, before a run reads the customers' data,
 * and returns the new number. On PostgreSQL the count waits for the classifications in flight
 * (they hold a share lock of the row: currentScoringRound), so every status row stamped with an
 * earlier number is committed before the run reads; the rows written after carry the new one.
 */
export async function beginScoringRound(db: Kysely<Database>): Promise<number> {
  const row = await db
    .insertInto('scoring_round')
    .values({ id: 1, round: 1 })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ round: eb('scoring_round.round', '+', 1) })))
    .returning('round')
    .executeTakeFirstOrThrow()
  return Number(row.round)
}

/**
 * The scoring round a classification stamps the status rows it writes with, read in its
 * transaction: on PostgreSQL under a share lock of the row, held to the commit (beginScoringRound).
 */
export async function currentScoringRound(trx: Transaction<Database>): Promise<number> {
  const query = trx.selectFrom('scoring_round').select('round').where('id', '=', 1)
  const row = await (isPostgres(trx) ? query.forShare() : query).executeTakeFirst()
  return Number(row?.round ?? 0)
}

/** The day of the fit a run's scores were predicted with: its own, or for an update its fit's (null if gone). */
export async function fitDayOf(
  db: Executor,
  run: { as_of: string; fit_run_id: number | null },
): Promise<string | null> {
  if (run.fit_run_id === null) return run.as_of
  const fitted = await db
    .selectFrom('model_runs')
    .select('as_of')
    .where('id', '=', run.fit_run_id)
    .executeTakeFirst()
  return fitted?.as_of ?? null
}

/** The id of the latest model run (0 before the first). */
export async function latestRunId(db: Executor): Promise<number> {
  const row = await db.selectFrom('model_runs').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.id ?? 0
}

/**
 * The customers whose scores were predicted by a run after `runId`, in the order of their ids; null
 * when one of those runs fitted and predicted every customer (only updates predict some: update-scores.ts).
 */
export async function customersScoredSince(db: Executor, runId: number): Promise<number[] | null> {
  const runs = await db
    .selectFrom('model_runs')
    .select(['id', 'fit_run_id'])
    .where('id', '>', runId)
    .execute()
  if (runs.some((r) => r.fit_run_id === null)) return null
  if (runs.length === 0) return []
  const rows = await db
    .selectFrom('customer_scores')
    .select('customer_id')
    .where('run_id', '>', runId)
    .orderBy('customer_id')
    .execute()
  return rows.map((r) => r.customer_id)
}
