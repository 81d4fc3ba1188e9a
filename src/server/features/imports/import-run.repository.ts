import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema'
import { say, storedText } from '../../lib/errors'
import type { ImportRunRow, ImportRunTable } from './import-run.table'

type Executor = Kysely<Database> | Transaction<Database>

export async function insertImportRun(db: Executor, run: Insertable<ImportRunTable>): Promise<number> {
  const row = await db.insertInto('import_runs').values(run).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function updateImportRun(
  db: Executor,
  id: number,
  patch: Updateable<ImportRunTable>,
): Promise<void> {
  await db.updateTable('import_runs').set(patch).where('id', '=', id).execute()
}

export function findImportRun(db: Executor, id: number): Promise<ImportRunRow | undefined> {
  return db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listImportRuns(
  db: Executor,
  limit: number,
): Promise<Omit<ImportRunRow, 'rejected_csv' | 'issues'>[]> {
  return db
    .selectFrom('import_runs')
    .select([
      'id',
      'file_name',
      'file_hash',
      'file_size',
      'format',
      'kind',
      'source',
      'encoding',
      'delimiter',
      'status',
      'options',
      'rows_total',
      'rows_valid',
      'rows_rejected',
      'customers_created',
      'customers_updated',
      'documents_created',
      'documents_updated',
      'documents_unchanged',
      'contracts_created',
      'contracts_updated',
      'contracts_unchanged',
      'message',
      'message_text',
      'user_id',
      'created_at',
      'finished_at',
    ])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/**
 * Runs left "running" without a queued or running import job (started before imports were queued
 * jobs, or by a CLI import that was killed): nothing of them was committed, they can be started
 * again. A run whose job is still in the queue is imported again by that job.
 */
export async function failInterruptedRuns(db: Executor, now: string): Promise<number> {
  const interrupted = storedText(say('importInterrupted'))
  const result = await db
    .updateTable('import_runs')
    .set({
      status: 'failed',
      message: interrupted.english,
      message_text: interrupted.json,
      finished_at: now,
    })
    .where('status', '=', 'running')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('queued_jobs')
            .select('queued_jobs.id')
            .where('queued_jobs.type', '=', 'import_file')
            .where('queued_jobs.ref', '=', sql<string>`cast(import_runs.id as text)`)
            .where('queued_jobs.state', 'in', ['queued', 'running']),
        ),
      ),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Which customers with ids in (afterId, throughId] are queued for derivation: one read of the
 * queue's key for a page of customers in the order of their ids, however many of them there are.
 */
export async function queuedForDerivationBetween(
  db: Executor,
  range: { afterId: number; throughId: number },
): Promise<Set<number>> {
  const rows = await db
    .selectFrom('derivation_queue')
    .select('customer_id')
    .where('customer_id', '>', range.afterId)
    .where('customer_id', '<=', range.throughId)
    .execute()
  return new Set(rows.map((r) => r.customer_id))
}
