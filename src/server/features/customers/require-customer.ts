import type { Kysely, Transaction } from 'kysely'
import { lockCustomerWrites } from '../../db/customer-lock'
import type { Database } from '../../db/schema'
import type { IsoDate } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { parseDate } from '../imports/parse-date'

type Executor = Kysely<Database> | Transaction<Database>

/** Parses a date as typed (ISO or DD.MM.YYYY), or says which field is not a date. */
export function typedDate(field: string, raw: string): IsoDate {
  const date = parseDate(raw)
  if (!date) throw new AppError('validation_failed', say('notADate', { field, raw }))
  return date
}

/** A date as typed that has happened: one after today is refused. */
export function inputDate(field: string, raw: string, today: IsoDate): IsoDate {
  const date = typedDate(field, raw)
  if (date > today) throw new AppError('validation_failed', say('dateInFuture', { field, day: date }))
  return date
}

export function optionalDate(field: string, raw: string | null | undefined, today: IsoDate): IsoDate | null {
  return raw === undefined || raw === null || raw === '' ? null : inputDate(field, raw, today)
}

/**
 * The customer, if it exists and this scope may see it; else not_found (a rep never learns of others).
 * Inside a transaction it also takes the customer's write lock (PostgreSQL; SQLite has one writer):
 * two requests that change the same customer at the same moment run one after the other, so the
 * second sees what the first wrote (one open attempt, no consent stored twice).
 */
export async function requireCustomer(db: Executor, id: number, ownerId: number | null) {
  if (db.isTransaction) await lockCustomerWrites(db, id)
  let query = db.selectFrom('customers').selectAll().where('id', '=', id)
  if (ownerId !== null) query = query.where('owner_user_id', '=', ownerId)
  const row = await query.executeTakeFirst()
  if (!row) throw new AppError('not_found', say('noSuchCustomer'))
  return row
}
