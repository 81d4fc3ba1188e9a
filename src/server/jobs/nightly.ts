import type { Db } from '../db/database'
import { classifyCustomers } from '../features/lifecycle/classify-customers'
import type { IsoDate } from '../lib/dates'
import type { Logger } from '../logger'
import type { JobRegistry } from './job-registry'

const HOUR = 3_600_000

/**
 * Keeps the classification current: whenever the stored classification is older than today
 * (after midnight, or after the server was down), every customer is reclassified as of today.
 */
export function scheduleNightlyClassification(options: {
  db: Db
  jobs: JobRegistry
  logger: Logger
  today: () => IsoDate
}): () => void {
  const check = async () => {
    const row = await options.db.kysely
      .selectFrom('customer_status')
      .select((eb) => eb.fn.max('as_of').as('as_of'))
      .executeTakeFirst()
    const today = options.today()
    if (!row?.as_of || row.as_of >= today || options.jobs.isRunning('classify')) return
    options.logger.info({ from: row.as_of, to: today }, 'reclassifying customers as of today')
    options.jobs.start('classify', today, (report) =>
      classifyCustomers({
        db: options.db,
        asOf: today,
        onProgress: (done, total) => report('classifying', done, total),
      }),
    )
  }
  const run = () =>
    check().catch((error) => options.logger.error({ err: error }, 'nightly classification failed'))
  void run()
  const timer = setInterval(run, HOUR)
  timer.unref()
  return () => clearInterval(timer)
}
