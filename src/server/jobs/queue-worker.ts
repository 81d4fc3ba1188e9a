import { randomUUID } from 'node:crypto'
import { closeMailTransports } from '../features/messaging/mail-settings'
import { DeferJob, type MessagingContext, PermanentJobError } from '../features/messaging/messaging.service'
import type { Logger } from '../logger'
import { type JobType, jobPayloadSchemas } from './job-types'
import { claimNextJob, completeJob, failJob, reportJobProgress } from './queue'
import { queueHandlers } from './queue-handlers'

export interface QueueWorkerOptions extends MessagingContext {
  logger: Logger
  /** how long a job may run before another worker may take it (progress extends it) */
  leaseMs?: number
  /** how long to wait when nothing is due */
  idleMs?: number
}

export interface QueueWorker {
  /** runs due jobs until none is left (a worker without its background loop: tests, the CLI) */
  drain(): Promise<number>
  stop(): Promise<void>
}

/**
 * Runs the durable queue's jobs one at a time in this process: claims the next due job, runs its
 * handler, marks it done, or queues it again with backoff (failed for good after its attempts or on
 * a permanent error). A job that was running in a process that died is taken again once its lease
 * has run out. Several processes (server, CLI) may work the same queue.
 */
export function startQueueWorker(options: QueueWorkerOptions, background = true): QueueWorker {
  const worker = `${process.pid}:${randomUUID().slice(0, 8)}`
  const leaseMs = options.leaseMs ?? 5 * 60_000
  let stopped = false
  let current: Promise<unknown> = Promise.resolve()

  const runOne = async (): Promise<boolean> => {
    const job = await claimNextJob(options.db, { worker, now: options.clock(), leaseMs })
    if (!job) return false
    const type = job.type as JobType
    const progress = (done: number, total: number) =>
      reportJobProgress(
        options.db.kysely,
        job.id,
        done,
        total,
        new Date(options.clock().getTime() + leaseMs).toISOString(),
      )
    try {
      const schema = jobPayloadSchemas[type]
      if (!schema) throw new PermanentJobError(`unknown job type ${job.type}`)
      const payload = schema.parse(JSON.parse(job.payload))
      // the map is typed per job type; the payload was parsed by that type's schema
      await (queueHandlers[type] as (...args: unknown[]) => Promise<unknown>)(options, payload, progress)
      await completeJob(options.db.kysely, job.id, options.clock().toISOString())
    } catch (error) {
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
        message,
        options.clock(),
        error instanceof PermanentJobError || error instanceof SyntaxError,
      )
      options.logger.warn({ jobId: job.id, type: job.type, err: message, state }, 'queued job failed')
    }
    return true
  }

  const drain = async () => {
    let ran = 0
    while (!stopped && (await runOne())) ran++
    return ran
  }

  const loop = async () => {
    while (!stopped) {
      try {
        if (!(await runOne())) await new Promise((resolve) => setTimeout(resolve, options.idleMs ?? 1000))
      } catch (error) {
        options.logger.error({ err: error }, 'the job queue could not be read')
        await new Promise((resolve) => setTimeout(resolve, 5000))
      }
    }
  }
  if (background) current = loop()
  return {
    // for a worker started without its background loop (tests, the CLI)
    drain,
    async stop() {
      stopped = true
      await current.catch(() => undefined)
      closeMailTransports()
    },
  }
}
