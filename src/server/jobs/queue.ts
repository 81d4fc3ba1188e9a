import type { Kysely, Transaction } from 'kysely'
import type { Db } from '../db/database'
import type { Database } from '../db/schema'
import { AppError, inEnglish, type ServerText, say } from '../lib/errors'
import { backoffMs, type JobPayload, type JobType, jobPayloadSchemas, maxAttemptsOf } from './job-types'
import type { QueuedJobRow, QueuedJobState } from './queue.table'

type Executor = Kysely<Database> | Transaction<Database>

export interface EnqueueOptions {
  /** at most one job with this key, ever: a second enqueue returns the first job */
  key?: string
  runAt?: string
  maxAttempts?: number
  /** what a page finds the job by (latestJobByRef) */
  ref?: string
}

/**
 * Puts a job in the durable queue (inside the caller's transaction if it is one: the job exists
 * exactly when what it works on does). Returns the job's id, or the id of the job with the same key.
 */
export async function enqueue<T extends JobType>(
  db: Executor,
  type: T,
  payload: JobPayload<T>,
  now: string,
  options: EnqueueOptions = {},
): Promise<number> {
  const parsed = jobPayloadSchemas[type].parse(payload)
  const inserted = await db
    .insertInto('queued_jobs')
    .values({
      type,
      payload: JSON.stringify(parsed),
      idempotency_key: options.key ?? null,
      state: 'queued',
      attempts: 0,
      max_attempts: options.maxAttempts ?? maxAttemptsOf[type],
      run_at: options.runAt ?? now,
      locked_until: null,
      locked_by: null,
      last_error: null,
      last_error_text: null,
      phase: '',
      done: 0,
      total: 0,
      ref: options.ref ?? null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) return inserted.id
  const existing = await db
    .selectFrom('queued_jobs')
    .select('id')
    .where('idempotency_key', '=', options.key!)
    .executeTakeFirstOrThrow()
  return existing.id
}

/**
 * Takes the next due job for this worker: a queued one whose time has come, or a running one whose
 * worker's lease ran out (it died). One statement, so two workers never take the same job
 * (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one writer at a time).
 */
export async function claimNextJob(
  db: Db,
  options: { worker: string; now: Date; leaseMs: number; types?: readonly JobType[] },
): Promise<QueuedJobRow | undefined> {
  const now = options.now.toISOString()
  const k = db.kysely
  return k
    .updateTable('queued_jobs')
    .set((eb) => ({
      state: 'running',
      locked_by: options.worker,
      locked_until: new Date(options.now.getTime() + options.leaseMs).toISOString(),
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', (eb) => {
      let next = eb
        .selectFrom('queued_jobs')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('state', '=', 'queued'), w('run_at', '<=', now)]),
            w.and([w('state', '=', 'running'), w('locked_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
      if (options.types) next = next.where('type', 'in', [...options.types])
      return db.dialect === 'postgres' ? next.forUpdate().skipLocked() : next
    })
    .returningAll()
    .executeTakeFirst()
}

/** A running job's progress and lease: while it is renewed, no other worker takes the job. */
export async function reportJobProgress(
  db: Executor,
  id: number,
  progress: { phase: string; done: number; total: number },
  lockedUntil: string,
): Promise<void> {
  await db
    .updateTable('queued_jobs')
    .set({ ...progress, locked_until: lockedUntil })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .execute()
}

export async function completeJob(db: Executor, id: number, now: string): Promise<void> {
  await db
    .updateTable('queued_jobs')
    .set({
      state: 'succeeded',
      phase: 'done',
      finished_at: now,
      updated_at: now,
      locked_until: null,
      last_error: null,
      last_error_text: null,
    })
    .where('id', '=', id)
    .execute()
}

/**
 * A job that threw: queued again after a backoff while attempts remain (unless the error is
 * permanent), else failed and listed for a person to retry.
 */
export async function failJob(
  db: Executor,
  job: Pick<QueuedJobRow, 'id' | 'attempts' | 'max_attempts'>,
  error: ServerText,
  now: Date,
  permanent: boolean,
): Promise<QueuedJobState> {
  const retry = !permanent && job.attempts < job.max_attempts
  const at = now.toISOString()
  await db
    .updateTable('queued_jobs')
    .set({
      state: retry ? 'queued' : 'failed',
      run_at: retry ? new Date(now.getTime() + backoffMs(job.attempts)).toISOString() : at,
      last_error: inEnglish(error).slice(0, 2000),
      last_error_text: JSON.stringify(error).slice(0, 4000),
      locked_until: null,
      locked_by: null,
      updated_at: at,
      finished_at: retry ? null : at,
    })
    .where('id', '=', job.id)
    .execute()
  return retry ? 'queued' : 'failed'
}

/** A failed job queued again by a person, with its attempts counted afresh. */
export async function retryFailedJob(db: Executor, id: number, now: string): Promise<void> {
  const result = await db
    .updateTable('queued_jobs')
    .set({ state: 'queued', attempts: 0, run_at: now, updated_at: now, finished_at: null })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found', say('noSuchFailedJob'))
}

export async function listQueuedJobs(
  db: Executor,
  options: { state?: QueuedJobState; limit?: number } = {},
): Promise<QueuedJobRow[]> {
  let query = db
    .selectFrom('queued_jobs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit ?? 200)
  if (options.state) query = query.where('state', '=', options.state)
  return query.execute()
}

/** How many jobs of these keys' prefix are not finished yet (a campaign step's sending). */
export async function unfinishedJobs(db: Executor, keyPrefix: string): Promise<number> {
  const row = await db
    .selectFrom('queued_jobs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('idempotency_key', 'like', `${keyPrefix}%`)
    .where('state', 'in', ['queued', 'running'])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findQueuedJob(db: Executor, id: number): Promise<QueuedJobRow | undefined> {
  return db.selectFrom('queued_jobs').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The latest job of a type for a reference (an import run's id). */
export async function latestJobByRef(
  db: Executor,
  type: JobType,
  ref: string,
): Promise<QueuedJobRow | undefined> {
  return db
    .selectFrom('queued_jobs')
    .selectAll()
    .where('type', '=', type)
    .where('ref', '=', ref)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** A job of these types that is queued or running, if any (one classification at a time). */
export async function activeJobOf(
  db: Executor,
  types: readonly JobType[],
): Promise<QueuedJobRow | undefined> {
  return db
    .selectFrom('queued_jobs')
    .selectAll()
    .where('type', 'in', [...types])
    .where('state', 'in', ['queued', 'running'])
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Forgets succeeded jobs finished before a moment (the nightly job keeps 30 days): the quarter-hourly
 * bounce checks alone would add 35,000 rows a year. Failed jobs stay until a person retries them.
 */
export async function purgeSucceededJobs(db: Executor, finishedBefore: string): Promise<number> {
  const result = await db
    .deleteFrom('queued_jobs')
    .where('state', '=', 'succeeded')
    .where('finished_at', '<', finishedBefore)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
