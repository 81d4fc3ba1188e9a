import type { Kysely } from 'kysely'
import { type WinbackSettings, winbackSettingsSchema } from '../../../shared/api/winback'
import type { Database } from '../../db/schema'
import { readSetting, writeSetting } from '../settings/settings.repository'

export const defaultWinbackSettings: WinbackSettings = Object.freeze({
  hourlyRateCents: 60_00,
  minutesPerChannel: { email: 5, phone: 15, letter: 10, sms: 2, visit: 90 },
  plannedContacts: ['phone', 'email'],
  measureCents: 50_00,
  defaultMarginRate: 0.3,
  marginRateBySegment: {},
  expectedLifetimeYears: 3,
  maxCostRatio: 1,
  minOutcomes: 50,
}) as WinbackSettings

const KEY = 'winback.settings'

export async function loadWinbackSettings(db: Kysely<Database>): Promise<WinbackSettings> {
  const stored = winbackSettingsSchema.partial().safeParse(await readSetting(db, KEY))
  return { ...defaultWinbackSettings, ...(stored.success ? stored.data : {}) }
}

export async function saveWinbackSettings(
  db: Kysely<Database>,
  settings: WinbackSettings,
  userId: number,
  now: string,
): Promise<void> {
  await writeSetting(db, KEY, winbackSettingsSchema.parse(settings), userId, now)
}
