import type { JobDto } from '../../shared/api/jobs'
import { parseServerText } from '../../shared/i18n/server-text'
import type { JobPayload, JobType } from './job-types'
import { activeJobOf, type EnqueueOptions, enqueue, findQueuedJob, latestJobByRef } from './queue'
import type { QueuedJobRow } from './queue.table'
import type { JobContext } from './queue-handlers'
import { type QueueWorker, type QueueWorkerOptions, startQueueWorker } from './queue-worker'

/**
 * The durable queue as the routes and the nightly schedule use it: they queue declared jobs and
 * follow them, with the live progress of a job that runs in this process.
 */
export interface JobQueue {
  enqueue<T extends JobType>(type: T, payload: JobPayload<T>, options?: EnqueueOptions): Promise<JobDto>
  get(id: number): Promise<JobDto | undefined>
  /** the latest job of a type for a reference (an import run's id) */
  byRef(type: JobType, ref: string): Promise<JobDto | undefined>
  /** a queued or running job of these types */
  active(types: readonly JobType[]): Promise<JobDto | undefined>
  /** a job was queued in a transaction of the caller's: start it at once */
  wake(): void
  /** runs every due job (a queue without background loops: tests) */
  idle(): Promise<void>
  stop(): Promise<void>
}

export function createJobQueue(
  ctx: JobContext & Omit<QueueWorkerOptions, keyof JobContext>,
  options: { background: boolean },
): JobQueue {
  const worker: QueueWorker = startQueueWorker(ctx, options.background)
  const view = (row: QueuedJobRow | undefined) => (row ? toJobDto(row, worker.live(row.id)) : undefined)
  return {
    async enqueue(type, payload, enqueueOptions) {
      const id = await enqueue(ctx.db.kysely, type, payload, ctx.clock().toISOString(), enqueueOptions)
      worker.wake()
      return view(await findQueuedJob(ctx.db.kysely, id))!
    },
    get: async (id) => view(await findQueuedJob(ctx.db.kysely, id)),
    byRef: async (type, ref) => view(await latestJobByRef(ctx.db.kysely, type, ref)),
    active: async (types) => view(await activeJobOf(ctx.db.kysely, types)),
    wake: () => worker.wake(),
    async idle() {
      if (!options.background) await worker.drain()
    },
    stop: () => worker.stop(),
  }
}

export function toJobDto(row: QueuedJobRow, live?: { phase: string; done: number; total: number }): JobDto {
  const progress = live ?? {
    phase: row.state === 'queued' ? 'queued' : row.phase || 'starting',
    done: row.done,
    total: row.total,
  }
  return {
    id: String(row.id),
    type: row.type,
    status: row.state,
    ...progress,
    startedAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.last_error,
    errorText: parseServerText(row.last_error_text),
    ref: row.ref,
  }
}
