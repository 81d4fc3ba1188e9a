import type { Kysely, Transaction } from 'kysely'
import { type EarlyWarningSettingsDto, earlyWarningSettingsSchema } from '../../../shared/api/prevention'
import type { Database } from '../../db/schema'
import { readSetting, writeSetting, writeSystemState } from '../settings/settings.repository'
import { defaultEarlyWarningSettings } from './early-warning'

type Executor = Kysely<Database> | Transaction<Database>

const KEY = 'prevention.settings'
const REFRESHED = 'prevention.refreshedOn'

export async function loadEarlyWarningSettings(db: Executor): Promise<EarlyWarningSettingsDto> {
  const stored = earlyWarningSettingsSchema.partial().safeParse(await readSetting(db, KEY))
  return { ...defaultEarlyWarningSettings, ...(stored.success ? stored.data : {}) }
}

export async function saveEarlyWarningSettings(
  db: Executor,
  settings: EarlyWarningSettingsDto,
  userId: number,
  now: string,
): Promise<void> {
  await writeSetting(db, KEY, earlyWarningSettingsSchema.parse(settings), userId, now)
}

/** The day the whole list was last worked out. */
export async function lastRefreshedOn(db: Executor): Promise<string | null> {
  const value = await readSetting(db, REFRESHED)
  return typeof value === 'string' ? value : null
}

export async function markRefreshed(db: Executor, today: string, now: string): Promise<void> {
  await writeSystemState(db, REFRESHED, today, now)
}
