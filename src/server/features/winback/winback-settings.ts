import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema'
import { readSetting, writeSetting } from '../settings/settings.repository'

/** How the company values and costs a win-back attempt; stored as one setting. */
export const winbackSettingsSchema = z.object({
  /** what an hour of the sales team costs */
  hourlyRateCents: z.number().int().min(0).max(10_000_00),
  /** minutes one contact takes, per channel */
  minutesPerChannel: z.object({
    email: z.number().min(0).max(600),
    phone: z.number().min(0).max(600),
    letter: z.number().min(0).max(600),
    sms: z.number().min(0).max(600),
    visit: z.number().min(0).max(600),
  }),
  /** the contacts a standard attempt plans */
  plannedContacts: z.array(z.enum(['email', 'phone', 'letter', 'sms', 'visit'])).max(10),
  /** cost of the standard measure (voucher, discount) when none is planned for the customer */
  measureCents: z.number().int().min(0).max(10_000_000_00),
  defaultMarginRate: z.number().min(0).max(1),
  marginRateBySegment: z.record(z.string(), z.number().min(0).max(1)),
  expectedLifetimeYears: z.number().min(0).max(50),
  /** the CRC/CLV gate */
  maxCostRatio: z.number().min(0).max(10),
  /** outcomes needed before a learned model replaces the default */
  minOutcomes: z.number().int().min(10).max(100_000),
})
export type WinbackSettings = z.infer<typeof winbackSettingsSchema>

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
