import type { Config } from './config'
import type { Db } from './db/database'
import { DEMO_PASSWORD } from './features/demo/generate-demo-company'
import { DEMO_SETTING, loadDemoCompany } from './features/demo/load-demo-company'
import { readSetting } from './features/settings/settings.repository'
import { createUser } from './features/users/create-user'
import { generatePassword } from './features/users/password'
import { countUsers } from './features/users/user.repository'
import type { IsoDate } from './lib/dates'
import type { Logger } from './logger'

export interface SignInHint {
  /** shown at every start of a demo installation */
  demo: { email: string; password: string }[] | null
  /** shown once: the generated password of the first admin */
  firstAdmin: { email: string; password: string } | null
}

/**
 * First start: an empty database gets the demo company (unless WINBACK_DEMO=off), or else an admin
 * with a generated password that is printed once.
 */
export async function bootstrap(options: {
  db: Db
  config: Config
  logger: Logger
  today: IsoDate
  now: string
}): Promise<SignInHint> {
  const { db, config, logger, today, now } = options
  const empty = (await countUsers(db.kysely)) === 0
  if (empty && config.demo !== 'off') {
    logger.info('Empty database: loading the demo company (about 2,000 customers, five years of invoices) …')
    const started = Date.now()
    const result = await loadDemoCompany({ db, today, now })
    logger.info({ ...result, seconds: (Date.now() - started) / 1000 }, 'demo company loaded')
  } else if (empty) {
    const password = generatePassword()
    await createUser({ db, email: 'admin@localhost', name: 'Administrator', role: 'admin', password, now })
    return { demo: null, firstAdmin: { email: 'admin@localhost', password } }
  }
  const demo = await readSetting(db.kysely, DEMO_SETTING)
  if (demo === undefined) return { demo: null, firstAdmin: null }
  return {
    demo: ['admin@winback.demo', 'leitung@winback.demo', 'julia.neumann@winback.demo'].map((email) => ({
      email,
      password: DEMO_PASSWORD,
    })),
    firstAdmin: null,
  }
}
