import type { Kysely, Transaction } from 'kysely'
import { type EarlyWarningSettingsDto, earlyWarningSettingsSchema } from '../../../shared/api/prevention'
import type { Database } from '../../db/schema'
import { readSetting, writeSetting, writeSystemState } from '../settings/settings.repository'
import { defaultEarlyWarningSettings } from './early-warning'

type Executor = Kysely<Database> | Transaction<Database>

const KEY = 'prevention.settings'
const REFRESHED = 'prevention.refreshedOn'
const MARK = 'prevention.refreshMark'

/**
 * Where the last refresh of the whole list began: its day, the scoring round it counted up to before
 * reading, the latest model run it read and the settings it used. The night's refresh works out
 * again only the customers written since (refresh-early-warnings.ts).
 */
export interface RefreshMark {
  day: string
  round: number
  runId: number
  settings: EarlyWarningSettingsDto
}

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

/** The last whole refresh's mark; null before the first, or after a change that needs a whole one. */
export async function lastRefreshMark(db: Executor): Promise<RefreshMark | null> {
  const value = (await readSetting(db, MARK)) as RefreshMark | undefined
  return value && typeof value.day === 'string' && typeof value.round === 'number' ? value : null
}

export async function markRefreshed(db: Executor, mark: RefreshMark, now: string): Promise<void> {
  await writeSystemState(db, REFRESHED, mark.day, now)
  await writeSystemState(db, MARK, mark, now)
}
