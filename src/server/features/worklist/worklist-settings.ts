import type { Kysely, Transaction } from 'kysely'
import { type WorklistSettings, worklistSettingsSchema } from '../../../shared/api/playbook'
import type { Database } from '../../db/schema'
import { readSetting, writeSetting } from '../settings/settings.repository'

type Executor = Kysely<Database> | Transaction<Database>

export const defaultWorklistSettings: WorklistSettings = Object.freeze({
  // seed 002: one or two customers a day in every rep's calendar
  newPerDay: 2,
  newPerDayByUser: {},
  premiumCents: 10_000_00,
  midCents: 1_000_00,
  restDays: 30,
  // seed 003: the won-back customer hears from us again before their loyalty is tested
  checkInDays: 30,
}) as WorklistSettings

const KEY = 'worklist.settings'

export async function loadWorklistSettings(db: Executor): Promise<WorklistSettings> {
  const stored = worklistSettingsSchema.partial().safeParse(await readSetting(db, KEY))
  return { ...defaultWorklistSettings, ...(stored.success ? stored.data : {}) }
}

export async function saveWorklistSettings(
  db: Kysely<Database>,
  settings: WorklistSettings,
  userId: number,
  now: string,
): Promise<void> {
  await writeSetting(db, KEY, worklistSettingsSchema.parse(settings), userId, now)
}

export function newPerDayOf(settings: WorklistSettings, userId: number): number {
  return settings.newPerDayByUser[String(userId)] ?? settings.newPerDay
}
