import type { Db } from '../db/database'
import { bounceCheckTimes, loadStoredBounceSettings } from '../features/messaging/bounce-settings'
import type { Logger } from '../logger'
import type { JobQueue } from './job-queue'

const QUARTER_HOUR = 15 * 60_000

/**
 * Whether the schedule reads the mailbox now: a quarter hour after the last reading, and not
 * within a quarter hour of the settings being saved (whoever just set up the mailbox reads it with
 * the button; a scheduled reading moments before took their mail and showed them "0 new mails").
 */
export function bounceCheckDue(
  times: { savedAt: string | null; checkedAt: string | null },
  now: Date,
): boolean {
  const since = (at: string | null) =>
    at === null ? Number.POSITIVE_INFINITY : now.getTime() - Date.parse(at)
  return since(times.savedAt) >= QUARTER_HOUR && since(times.checkedAt) >= QUARTER_HOUR
}

/**
 * Queues a reading of the bounce mailbox every quarter hour once one is set up (see
 * bounceCheckDue): one job per quarter hour however many processes check (its key names the
 * quarter hour).
 */
export function scheduleBounceChecks(options: {
  db: Db
  jobs: JobQueue
  logger: Logger
  clock: () => Date
}): { stop(): void; checkNow(): Promise<void> } {
  const check = async () => {
    const settings = await loadStoredBounceSettings(options.db.kysely)
    if (!settings.enabled || settings.host === '') return
    const now = options.clock()
    if (!bounceCheckDue(await bounceCheckTimes(options.db.kysely), now)) return
    const quarter = Math.floor(now.getTime() / QUARTER_HOUR)
    await options.jobs.enqueue('read_bounces', {}, { key: `bounces:${quarter}` })
  }
  const run = () =>
    check().catch((error) => options.logger.error({ err: error }, 'queueing the bounce check failed'))
  void run()
  const timer = setInterval(run, QUARTER_HOUR / 3)
  timer.unref()
  return { stop: () => clearInterval(timer), checkNow: run }
}
