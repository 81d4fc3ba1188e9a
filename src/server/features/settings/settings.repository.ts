import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { writeAudit } from '../audit/audit'

type Executor = Kysely<Database> | Transaction<Database>

export async function readSetting(db: Executor, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return row ? JSON.parse(row.value) : undefined
}

/**
 * Every settings change goes through here and is audited: which setting and which of its fields
 * changed (names only: the values may be secrets, and the settings page shows them anyway).
 */
export async function writeSetting(
  db: Executor,
  key: string,
  value: unknown,
  userId: number | null,
  now: string,
): Promise<void> {
  const previous = await readSetting(db, key)
  const fields = changedFields(previous, value)
  if (fields.length > 0)
    await writeAudit(db, {
      action: 'settings.changed',
      entityType: 'setting',
      entityId: key,
      userId,
      at: now,
      details: { key, fields },
    })
  await store(db, key, value, userId, now)
}

/** The system's own bookkeeping in the settings table (last refresh, last check): not audited. */
export async function writeSystemState(
  db: Executor,
  key: string,
  value: unknown,
  now: string,
): Promise<void> {
  await store(db, key, value, null, now)
}

async function store(db: Executor, key: string, value: unknown, userId: number | null, now: string) {
  const json = JSON.stringify(value)
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now, updated_by: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now, updated_by: userId }))
    .execute()
}

/** The top-level fields whose values differ (all of them when there was nothing before). */
function changedFields(before: unknown, after: unknown): string[] {
  const record = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v }
  if (before === undefined) return Object.keys(record(after))
  const a = record(before)
  const b = record(after)
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  )
}
