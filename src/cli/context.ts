import { type Config, databaseConfigFrom, loadConfig } from '../server/config'
import { type Db, openDatabase } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { companyToday } from '../server/lib/clock'
import type { IsoDate } from '../server/lib/dates'
import type { Locale } from '../shared/i18n/format'

export interface GlobalOptions {
  db?: string
  lang?: string
}

export interface CliContext {
  config: Config
  db: Db
  locale: Locale
  today: IsoDate
}

/** Opens (and migrates) the database named by --db, DATABASE_URL, or the default file under ./data. */
export async function openContext(options: GlobalOptions): Promise<CliContext> {
  const base = loadConfig()
  const config = options.db
    ? loadConfig(process.env, { database: databaseConfigFrom(options.db, base.dataDir) })
    : base
  const db = openDatabase(config.database)
  await migrateToLatest(db.kysely)
  const locale: Locale = options.lang === 'en' ? 'en' : 'de'
  return { config, db, locale, today: companyToday(() => new Date(), config.timeZone) }
}

export async function withContext<T>(
  options: GlobalOptions,
  work: (ctx: CliContext) => Promise<T>,
): Promise<T> {
  const ctx = await openContext(options)
  try {
    return await work(ctx)
  } finally {
    await ctx.db.close()
  }
}
