import { createHash, randomBytes } from 'node:crypto'
import icalGenerator, { ICalCalendarMethod } from 'ical-generator'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { addDays, type IsoDate } from '../../lib/dates'
import { displayName } from '../customers/customer-rows'
import { getWorklist } from './worklist'

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

/** The path of the user's current feed, or null; the token itself is only shown when made. */
export async function currentFeed(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('calendar_feeds')
    .select(['id', 'created_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

/**
 * A new secret feed URL for the user; the previous one stops working. Only the SHA-256 of the
 * token is stored, so a leaked database does not leak the calendars.
 */
export async function createFeed(db: Kysely<Database>, userId: number, now: string): Promise<string> {
  const token = randomBytes(24).toString('base64url')
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('calendar_feeds')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute()
    await trx
      .insertInto('calendar_feeds')
      .values({ user_id: userId, token_hash: hashOf(token), created_at: now, revoked_at: null })
      .execute()
  })
  return token
}

export async function revokeFeed(db: Kysely<Database>, userId: number, now: string): Promise<void> {
  await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute()
}

/** The user a feed token belongs to, if it is current (an active user). */
export async function feedUser(db: Kysely<Database>, token: string) {
  return db
    .selectFrom('calendar_feeds as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['u.id', 'u.name', 'u.locale', 'u.role'])
    .where('f.token_hash', '=', hashOf(token))
    .where('f.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst()
}

const FEED_DAYS = 14

/**
 * The user's Tagesliste as a calendar (RFC 5545) for Outlook and Google Calendar: today's list as
 * all-day entries, Wiedervorlagen with a time as 30-minute appointments, and the Wiedervorlagen of
 * the next two weeks.
 */
export async function calendarOf(
  db: Kysely<Database>,
  user: { id: number; name: string; locale: string },
  actor: Actor,
  timeZone: string,
): Promise<string> {
  const locale = user.locale === 'en' ? 'en' : 'de'
  const calendar = icalGenerator({
    name: locale === 'de' ? `winback – Tagesliste ${user.name}` : `winback – daily list ${user.name}`,
    method: ICalCalendarMethod.PUBLISH,
    timezone: timeZone,
    prodId: { company: 'winback', product: 'worklist', language: locale.toUpperCase() },
    ttl: 60 * 30,
  })
  const today = await getWorklist(db, user.id, actor.today, actor, locale)
  for (const item of today.items) {
    if (item.done) continue
    const summary = `${item.displayName} (${item.customerNumber})`
    const description = [item.whyText, item.measure?.name[locale], item.phone].filter(Boolean).join('\n')
    calendar.createEvent({
      id: `winback-${item.followupId !== null ? `f${item.followupId}` : `p${user.id}-${actor.today}-${item.customerId}`}`,
      ...timing(item.dueOn < actor.today ? actor.today : item.dueOn, item.dueTime),
      summary,
      description,
      timezone: timeZone,
    })
  }
  const upcoming = await db
    .selectFrom('followups as f')
    .innerJoin('customers as c', 'c.id', 'f.customer_id')
    .select([
      'f.id',
      'f.due_on',
      'f.due_time',
      'f.note',
      'c.customer_number',
      'c.company_name',
      'c.first_name',
      'c.last_name',
      'c.phone',
    ])
    .where('f.assignee_user_id', '=', user.id)
    .where('f.done_at', 'is', null)
    .where('f.due_on', '>', actor.today)
    .where('f.due_on', '<=', addDays(actor.today, FEED_DAYS))
    .where('c.erased_at', 'is', null)
    .execute()
  for (const f of upcoming)
    calendar.createEvent({
      id: `winback-f${f.id}`,
      ...timing(f.due_on, f.due_time),
      summary: `${displayName(f)} (${f.customer_number})`,
      description: [f.note, f.phone].filter(Boolean).join('\n'),
      timezone: timeZone,
    })
  return calendar.toString()
}

function timing(day: IsoDate, time: string | null) {
  if (time === null) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number]
    return { start: new Date(Date.UTC(y, m - 1, d)), allDay: true as const }
  }
  // the wall-clock time in the company's zone: without a zone library ical-generator writes the
  // date's UTC fields as they are, labelled with the event's TZID
  const start = new Date(`${day}T${time}:00Z`)
  return { start, end: new Date(start.getTime() + 30 * 60_000) }
}
