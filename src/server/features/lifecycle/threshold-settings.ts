import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { readSetting, writeSetting } from '../settings/settings.repository'
import { emptyThresholdSettings, type ThresholdSettings, thresholdSettingsSchema } from './thresholds'

type Executor = Kysely<Database> | Transaction<Database>

const KEY = 'lifecycle.thresholds'

export async function loadThresholdSettings(db: Executor): Promise<ThresholdSettings> {
  const stored = await readSetting(db, KEY)
  return stored === undefined ? emptyThresholdSettings : thresholdSettingsSchema.parse(stored)
}

export async function saveThresholdSettings(
  db: Executor,
  settings: ThresholdSettings,
  userId: number | null,
  now: string,
): Promise<void> {
  await writeSetting(db, KEY, thresholdSettingsSchema.parse(settings), userId, now)
}
