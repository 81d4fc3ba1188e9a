import type { Db } from '../db/database'
import { loadStoredBounceSettings } from '../features/messaging/bounce-settings'
import type { Logger } from '../logger'
import type { JobQueue } from './job-queue'

const QUARTER_HOUR = 15 * 60_000

/**
 * Queues a reading of the bounce mailbox every quarter hour once one is set up: one job per quarter
 * hour however many processes check (its key names the quarter hour).
 */
export function scheduleBounceChecks(options: {
  db: Db
  jobs: JobQueue
  logger: Logger
  clock: () => Date
}): { stop(): void; checkNow(): void } {
  const check = async () => {
    const settings = await loadStoredBounceSettings(options.db.kysely)
    if (!settings.enabled || settings.host === '') return
    const quarter = Math.floor(options.clock().getTime() / QUARTER_HOUR)
    await options.jobs.enqueue('read_bounces', {}, { key: `bounces:${quarter}` })
  }
  const run = () =>
    void check().catch((error) => options.logger.error({ err: error }, 'queueing the bounce check failed'))
  run()
  const timer = setInterval(run, QUARTER_HOUR / 3)
  timer.unref()
  return { stop: () => clearInterval(timer), checkNow: run }
}
