import type { Kysely } from 'kysely'
import { type WinbackSettings, winbackSettingsSchema } from '../../../shared/api/winback'
import type { Database } from '../../db/schema'
import { readSetting, writeSetting } from '../settings/settings.repository'

export const defaultWinbackSettings: WinbackSettings = Object.freeze({
  hourlyRateCents: 60_00,
  minutesPerChannel: { email: 5, phone: 15, letter: 10, sms: 2, visit: 90 },
  plannedContacts: ['phone', 'email'],
  measureCents: 50_00,
  postageCents: 95,
  defaultMarginRate: 0.3,
  marginRateBySegment: {},
  expectedLifetimeYears: 3,
  attributionDays: 90,
  maxCostRatio: 1,
  minOutcomes: 50,
}) as WinbackSettings

const KEY = 'winback.settings'

/** Money a year from now is worth less: the monthly rate values are discounted at (scoring runs may set their own). */
export const DEFAULT_MONTHLY_DISCOUNT_RATE = 0.01

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

/** The horizon of the value if won back: the expected lifetime after a win-back, in whole months. */
export function wonBackMonths(settings: WinbackSettings): number {
  return Math.round(settings.expectedLifetimeYears * 12)
}

export async function wonBackMonthsOf(db: Kysely<Database>): Promise<number> {
  return wonBackMonths(await loadWinbackSettings(db))
}
