import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { cachedWinbackList } from '../features/winback/winback-list'
import type { IsoDate } from '../lib/dates'
import type { Logger } from '../logger'

const EVERY_MINUTE = 60_000

/**
 * Keeps the lost customers' win-back list of today computed ahead: everyone's, by net value (the
 * page's first view and what the Tagesliste chooses from). Looked at every minute and computed
 * beside whenever the night, an import or a setting made it out of date, so the first look of the
 * day does not wait for it (seconds at a million customers).
 */
export function keepWinbackListWarm(options: {
  /** the connection the web app reads the list on */
  db: Kysely<Database>
  today: () => IsoDate
  logger: Logger
}): { warmNow(): Promise<void>; stop(): Promise<void> } {
  let running: Promise<void> | null = null
  const warmNow = () => {
    running ??= cachedWinbackList(options.db, { ownerId: null }, options.today(), {
      status: 'lost',
      sort: 'net_value',
    })
      .then(
        () => undefined,
        (error: unknown) => options.logger.warn({ err: error }, 'computing the win-back list ahead failed'),
      )
      .finally(() => {
        running = null
      })
    return running
  }
  const timer = setInterval(() => void warmNow(), EVERY_MINUTE)
  timer.unref()
  void warmNow()
  return {
    warmNow,
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
