import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

export interface ConfirmedNote {
  text: string
  reasonIds: number[]
}

/**
 * The notes whose reason a person confirmed: stated in a call, given in a cancellation, a survey or
 * a win/loss review, with high or medium confidence (an assumed reason is a guess, not a label).
 * A note recorded with several reasons for the same customer is one note with all of them. Erased
 * customers' notes are gone with them; retired reasons and "unknown" are not learned.
 */
export async function confirmedReasonNotes(db: Kysely<Database>): Promise<{
  notes: ConfirmedNote[]
  lastRecordId: number
}> {
  const rows = await db
    .selectFrom('customer_churn_reasons as ccr')
    .innerJoin('churn_reasons as r', 'r.id', 'ccr.reason_id')
    .innerJoin('customers as c', 'c.id', 'ccr.customer_id')
    .select(['ccr.id', 'ccr.customer_id', 'ccr.reason_id', 'ccr.note'])
    .where('ccr.note', 'is not', null)
    .where('ccr.source', '!=', 'assumed')
    .where('ccr.confidence', 'in', ['high', 'medium'])
    .where('r.retired_at', 'is', null)
    .where('r.kind', '!=', 'unknown')
    .where('c.erased_at', 'is', null)
    .orderBy('ccr.id')
    .execute()
  const byNote = new Map<string, ConfirmedNote>()
  for (const row of rows) {
    const text = (row.note ?? '').trim()
    if (text === '') continue
    const key = `${row.customer_id}\u0000${text}`
    const note = byNote.get(key)
    if (note) {
      if (!note.reasonIds.includes(row.reason_id)) note.reasonIds.push(row.reason_id)
    } else byNote.set(key, { text, reasonIds: [row.reason_id] })
  }
  const last = await db
    .selectFrom('customer_churn_reasons')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return { notes: [...byNote.values()], lastRecordId: Number(last?.id ?? 0) }
}

/** How many reasons were recorded after the given one (what a model trained then has not seen). */
export async function reasonsRecordedAfter(db: Kysely<Database>, recordId: number): Promise<number> {
  const row = await db
    .selectFrom('customer_churn_reasons')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('id', '>', recordId)
    .where('note', 'is not', null)
    .where('source', '!=', 'assumed')
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
