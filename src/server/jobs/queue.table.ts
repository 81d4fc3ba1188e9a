import type { Generated, Selectable } from 'kysely'

export type QueuedJobState = 'queued' | 'running' | 'succeeded' | 'failed'

/** A job in the durable queue: survives restarts, retried with backoff, unique by its idempotency key. */
export interface QueuedJobTable {
  id: Generated<number>
  /** one of jobTypes (job-types.ts) */
  type: string
  /** JSON, validated by the type's schema */
  payload: string
  /** at most one job per key, ever: enqueueing it again returns the first */
  idempotency_key: string | null
  state: QueuedJobState
  /** how often it was started */
  attempts: number
  max_attempts: number
  /** not before */
  run_at: string
  /** a running job whose lease ran out (its worker died) is started again */
  locked_until: string | null
  locked_by: string | null
  last_error: string | null
  /** JSON: the error as a key of serverErrors with its parameters, for the reader's language */
  last_error_text: string | null
  /** what a running job is doing now (its handler's words, translated by the page) */
  phase: string
  done: number
  total: number
  /** what a page finds the job by: an import's run id, a classification's day */
  ref: string | null
  created_at: string
  updated_at: string
  finished_at: string | null
}

export type QueuedJobRow = Selectable<QueuedJobTable>
