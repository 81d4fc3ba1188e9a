import { randomUUID } from 'node:crypto'
import { closeMailTransports } from '../features/messaging/mail-settings'
import { textOfError } from '../lib/errors'
import { changeMarkOf, forgetAllButPatchable, forgetCachedReads, refreshChangeMark } from '../lib/read-cache'
import { DeferJob, PermanentJobError } from './job-errors'
import { type JobLane, type JobType, jobLanes, jobPayloadSchemas } from './job-types'
import { claimNextJob, completeJob, failJob, reportJobProgress } from './queue'
import { type JobContext, keepsCachedLists, queueHandlers } from './queue-handlers'

export interface QueueWorkerOptions extends JobContext {
  /** how long a job is another worker's only after its last sign of life (renewed while it runs) */
  leaseMs?: number
  /** how long to wait when nothing is due */
  idleMs?: number
  /** which lanes this process works (the CLI sends, the server does everything) */
  lanes?: readonly JobLane[]
  /**
   * the connection the web app reads its cached lists on, when it is another (SQLite): its change
   * mark before and after a job that names the customers it changed lets a list brought up to date
   * for them count as current
   */
  listsReadFrom?: object
}

export interface LiveProgress {
  phase: string
  done: number
  total: number
}

export interface QueueWorker {
  /** runs due jobs until none is left (a worker without its background loop: tests, the CLI) */
  drain(): Promise<number>
  /** a job was queued: look at once instead of after the idle wait */
  wake(): void
  /** the progress of a job running in this process, as of this moment */
  live(id: number): LiveProgress | undefined
  stop(): Promise<void>
}

/**
 * Runs the durable queue's jobs in this process, one at a time per lane: claims the next due job,
 * runs its handler, marks it done, or queues it again with backoff (failed for good after its
 * attempts or on a permanent error). While a job runs, its progress is kept here for the pages and
 * written to the queue with its lease every quarter lease; a job whose process died is taken again
 * once its lease has run out. Several processes (server, CLI) may work the same queue.
 */
export function startQueueWorker(options: QueueWorkerOptions, background = true): QueueWorker {
  const worker = `${process.pid}:${randomUUID().slice(0, 8)}`
  const leaseMs = options.leaseMs ?? 60_000
  const lanes = options.lanes ?? (['messages', 'work'] as const)
  const running = new Map<number, LiveProgress>()
  let stopped = false
  let loops: Promise<unknown>[] = []
  const sleepers = new Set<() => void>()

  const leaseEnd = () => new Date(options.clock().getTime() + leaseMs).toISOString()

  const runOne = async (lane: JobLane): Promise<boolean> => {
    const job = await claimNextJob(options.db, {
      worker,
      now: options.clock(),
      leaseMs,
      types: jobLanes[lane],
    })
    if (!job) return false
    const type = job.type as JobType
    const live: LiveProgress = { phase: 'starting', done: 0, total: 0 }
    running.set(job.id, live)
    const progress = (phase: string, done: number, total: number) =>
      Object.assign(live, { phase, done, total })
    // the heartbeat: on SQLite it may wait while an import holds the write lock; it tries again
    let beating: Promise<void> | null = null
    const heartbeat = setInterval(() => {
      beating ??= reportJobProgress(options.db.kysely, job.id, { ...live }, leaseEnd())
        .catch(() => undefined)
        .finally(() => {
          beating = null
        })
    }, leaseMs / 4)
    heartbeat.unref()
    const mark = options.listsReadFrom && changeMarkOf(options.listsReadFrom)
    if (mark) await refreshChangeMark(options.listsReadFrom!)
    const markBefore = mark?.()
    let changed: readonly number[] | null = null
    try {
      const schema = jobPayloadSchemas[type]
      if (!schema) throw new PermanentJobError(`unknown job type ${job.type}`)
      const payload = schema.parse(JSON.parse(job.payload))
      // the map is typed per job type; the payload was parsed by that type's schema
      const result = await (queueHandlers[type] as (...args: unknown[]) => Promise<unknown>)(
        options,
        payload,
        progress,
      )
      changed = changedCustomersOf(result)
      clearInterval(heartbeat)
      await beating
      await completeJob(options.db.kysely, job.id, options.clock().toISOString())
    } catch (error) {
      clearInterval(heartbeat)
      await beating
      if (error instanceof DeferJob) {
        await options.db.kysely
          .updateTable('queued_jobs')
          .set({
            state: 'queued',
            attempts: Math.max(0, job.attempts - 1),
            run_at: new Date(options.clock().getTime() + error.delayMs).toISOString(),
            locked_until: null,
            locked_by: null,
          })
          .where('id', '=', job.id)
          .execute()
        return true
      }
      const message = error instanceof Error ? error.message : String(error)
      const state = await failJob(
        options.db.kysely,
        job,
        textOfError(error),
        options.clock(),
        error instanceof PermanentJobError || error instanceof SyntaxError,
      )
      options.logger.warn({ jobId: job.id, type: job.type, err: message, state }, 'queued job failed')
    } finally {
      running.delete(job.id)
      // a job writes after the request that queued it has ended: lists cached meanwhile are out of
      // date (those that can be brought up to date only for the customers it changed, if it says)
      if (changed !== null) {
        if (mark) await refreshChangeMark(options.listsReadFrom!)
        forgetAllButPatchable(
          changed,
          mark && { db: options.listsReadFrom!, before: markBefore, after: mark() },
        )
      } else if (!keepsCachedLists.has(type)) forgetCachedReads()
    }
    return true
  }

  const drain = async () => {
    let ran = 0
    for (let any = true; any && !stopped; ) {
      any = false
      for (const lane of lanes) {
        while (!stopped && (await runOne(lane))) {
          ran++
          any = true
        }
      }
    }
    return ran
  }

  const idle = () =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        sleepers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, options.idleMs ?? 1000)
      sleepers.add(wake)
    })

  const loop = async (lane: JobLane) => {
    while (!stopped) {
      try {
        if (!(await runOne(lane))) await idle()
      } catch (error) {
        options.logger.error({ err: error }, 'the job queue could not be read')
        await new Promise((resolve) => setTimeout(resolve, 5000))
      }
    }
  }
  if (background) loops = lanes.map(loop)
  return {
    drain,
    wake: () => {
      for (const wake of [...sleepers]) wake()
    },
    live: (id) => {
      const found = running.get(id)
      return found ? { ...found } : undefined
    },
    async stop() {
      stopped = true
      for (const wake of [...sleepers]) wake()
      await Promise.allSettled(loops)
      closeMailTransports()
    },
  }
}

/** The customers a job's result says it changed (the nightly job's), else null: anybody's. */
function changedCustomersOf(result: unknown): readonly number[] | null {
  if (typeof result !== 'object' || result === null || !('changedCustomers' in result)) return null
  const { changedCustomers } = result as { changedCustomers: unknown }
  return Array.isArray(changedCustomers) ? (changedCustomers as number[]) : null
}
