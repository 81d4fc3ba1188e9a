import { randomUUID } from 'node:crypto'
import { forgetCachedReads } from '../lib/read-cache'

export type JobStatus = 'running' | 'succeeded' | 'failed'

export interface JobState {
  id: string
  type: string
  status: JobStatus
  phase: string
  done: number
  total: number
  startedAt: string
  finishedAt: string | null
  error: string | null
  /** the job's own reference, e.g. the import run id */
  ref: string | null
}

export type ProgressReporter = (phase: string, done: number, total: number) => void

/**
 * Long work (imports, reclassification) runs in the background of the server process; its live
 * progress is kept here, in memory, so polling it needs no database query. Durable results are
 * written by the job itself (e.g. import_runs).
 */
export class JobRegistry {
  private readonly jobs = new Map<string, JobState>()
  private readonly running = new Set<Promise<unknown>>()
  /** the last job of each type: jobs of one type run one after another, never interleaved */
  private readonly tails = new Map<string, Promise<unknown>>()

  constructor(private readonly clock: () => Date = () => new Date()) {}

  start(type: string, ref: string | null, work: (report: ProgressReporter) => Promise<unknown>): JobState {
    const job: JobState = {
      id: randomUUID(),
      type,
      status: 'running',
      phase: 'starting',
      done: 0,
      total: 0,
      startedAt: this.clock().toISOString(),
      finishedAt: null,
      error: null,
      ref,
    }
    this.jobs.set(job.id, job)
    const report: ProgressReporter = (phase, done, total) => Object.assign(job, { phase, done, total })
    const previous = this.tails.get(type) ?? Promise.resolve()
    const promise = previous
      .catch(() => undefined)
      .then(() => work(report))
      // a job writes after its request has ended: lists cached meanwhile are out of date
      .finally(forgetCachedReads)
      .then(
        () =>
          Object.assign(job, { status: 'succeeded', phase: 'done', finishedAt: this.clock().toISOString() }),
        (error: unknown) =>
          Object.assign(job, {
            status: 'failed',
            error: error instanceof Error ? error.message : String(error),
            finishedAt: this.clock().toISOString(),
          }),
      )
    this.tails.set(type, promise)
    this.running.add(promise)
    void promise.finally(() => this.running.delete(promise))
    return job
  }

  get(id: string): JobState | undefined {
    return this.jobs.get(id)
  }

  findByRef(type: string, ref: string): JobState | undefined {
    let found: JobState | undefined
    for (const job of this.jobs.values()) if (job.type === type && job.ref === ref) found = job
    return found
  }

  isRunning(type: string): boolean {
    for (const job of this.jobs.values()) if (job.type === type && job.status === 'running') return true
    return false
  }

  /** Waits for all running jobs (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running])
  }
}
