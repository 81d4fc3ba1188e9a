import { type ExpressionBuilder, type Kysely, type ReferenceExpression, type Selectable, sql } from 'kysely'
import { contactChannels } from '../../../shared/contact'
import { idRangeIfClose } from '../../db/keyset-pages'
import type { Database } from '../../db/schema'

/** What the valuation of a chunk of customers reads besides their customer rows. */
export interface ChunkReads {
  margins: { customer_id: number; margin: number; net: number }[]
  /** in the order they were recorded, per customer: the first reason's measure is the plan */
  reasons: { customer_id: number; reason_id: number; name_de: string; name_en: string; kind: string }[]
  assessments: Selectable<Database['winback_assessments']>[]
  /** objections to every channel, or to the processing as such (GDPR) */
  objections: { customer_id: number }[]
  /** the customers the contact engine has answered for, and those with a channel the law allows */
  eligibility: { known: number[]; lawful: number[] }
  /** oldest first per customer: the latest attempt is the one left in a map */
  attempts: Pick<
    Selectable<Database['winback_attempts']>,
    'customer_id' | 'outcome' | 'started_on' | 'won_order_id' | 'won_on'
  >[]
}

/** Reads a chunk's rows: `ids` are the chunk's customers, in the order of their ids. */
export type ChunkReader = (ids: readonly number[]) => Promise<ChunkReads>

type Side = 'reasons' | 'assessments' | 'objections' | 'attempts'

/** A chunk's customers as a condition on a customer key: their id range where it is close. */
function chunkCondition(ids: readonly number[]) {
  // the chunk's id range where it is close (its other customers' rows are never looked up): a
  // thousand ids bound and planned six times a chunk was a fifth of a large list's time
  const range = idRangeIfClose(ids)
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, key: ReferenceExpression<DB, TB>) =>
    range ? eb.between(key, range.first, range.last) : eb(key, 'in', ids)
}

type Condition = ReturnType<typeof chunkCondition>

/** The side tables' queries, for the customers a condition picks (or all). */
const sideQueries = (db: Kysely<Database>, ofChunk: Condition | null) => ({
  reasons: () =>
    db
      .selectFrom('customer_churn_reasons as ccr')
      .innerJoin('churn_reasons as r', 'r.id', 'ccr.reason_id')
      .select(['ccr.customer_id', 'r.id as reason_id', 'r.name_de', 'r.name_en', 'r.kind'])
      .$if(ofChunk !== null, (q) => q.where((eb) => ofChunk!(eb, 'ccr.customer_id')))
      // in the order they were recorded: the first reason's measure is the plan, whatever the query plan
      .orderBy('ccr.id')
      .execute(),
  assessments: () =>
    db
      .selectFrom('winback_assessments')
      .selectAll()
      .$if(ofChunk !== null, (q) => q.where((eb) => ofChunk!(eb, 'customer_id')))
      .execute(),
  objections: () =>
    db
      .selectFrom('contact_objections')
      .select('customer_id')
      .$if(ofChunk !== null, (q) => q.where((eb) => ofChunk!(eb, 'customer_id')))
      .where((eb) => eb.or([eb('scope', '=', 'all'), eb('gdpr', '=', 1)]))
      .execute(),
  attempts: () =>
    db
      .selectFrom('winback_attempts')
      .select(['customer_id', 'outcome', 'started_on', 'won_order_id', 'won_on'])
      .$if(ofChunk !== null, (q) => q.where((eb) => ofChunk!(eb, 'customer_id')))
      .orderBy('started_on')
      .orderBy('id')
      .execute(),
})

/** The tables every customer has rows in: read chunk by chunk in any case. */
async function denseReads(db: Kysely<Database>, ofChunk: Condition) {
  const [margins, known, lawful] = await Promise.all([
    db
      .selectFrom('orders')
      .select(['customer_id'])
      .select((eb) => [
        eb.fn.sum<number>('margin_cents').as('margin'),
        eb.fn.sum<number>('net_cents').as('net'),
      ])
      .where((eb) => ofChunk(eb, 'customer_id'))
      .where('margin_cents', 'is not', null)
      .groupBy('customer_id')
      .execute(),
    // every customer answered for has a row for every channel (contact/eligibility.ts): the first
    // channel's rows say who was answered for. Both values of `allowed` named, the index of
    // (channel, allowed, customer) is read as two ranges of the chunk's ids (given the channel
    // alone, SQLite read every row of the channel for each chunk: 27 s for a list)
    db
      .selectFrom('contact_eligibility')
      .select('customer_id')
      .where('channel', '=', contactChannels[0])
      .where('allowed', 'in', [0, 1])
      .where((eb) => ofChunk(eb, 'customer_id'))
      .execute(),
    // from the index of (channel, allowed, customer): the few allowed rows, not every row
    db
      .selectFrom('contact_eligibility')
      .select('customer_id')
      .distinct()
      .where('channel', 'in', contactChannels)
      .where('allowed', '=', 1)
      .where((eb) => ofChunk(eb, 'customer_id'))
      .execute(),
  ])
  return {
    margins,
    eligibility: { known: known.map((r) => r.customer_id), lawful: lawful.map((r) => r.customer_id) },
  }
}

/** Reads every chunk with its own queries: for a few customers (a page's items, a write's patch). */
export function queryingReader(db: Kysely<Database>): ChunkReader {
  return async (ids) => {
    const ofChunk = chunkCondition(ids)
    const side = sideQueries(db, ofChunk)
    const [dense, reasons, assessments, objections, attempts] = await Promise.all([
      denseReads(db, ofChunk),
      side.reasons(),
      side.assessments(),
      side.objections(),
      side.attempts(),
    ])
    return { ...dense, reasons, assessments, objections, attempts }
  }
}

/**
 * A side table with at most this many rows is read once for a whole list instead of a query per
 * chunk: reasons, assessments, objections and attempts are recorded by people, a few thousand
 * against a million customers. Their four queries were half of the 3,800 a list of 540,000 lost
 * customers made.
 */
const READ_WHOLE_UP_TO = 50_000

/**
 * The reader of a whole list: the side tables that are small read once (grouped by customer, each
 * customer's rows in the order of the query), the others and the tables every customer has rows in
 * chunk by chunk. What it reads is as of when the list was begun, as any list made over seconds is:
 * later writes bring it up to date (updatedFor reads them with queryingReader).
 */
export async function wholeListReader(
  db: Kysely<Database>,
  readWholeUpTo = READ_WHOLE_UP_TO,
): Promise<ChunkReader> {
  const whole = sideQueries(db, null)
  const preloaded = new Map<Side, Map<number, unknown[]>>()
  for (const side of ['reasons', 'assessments', 'objections', 'attempts'] as const) {
    if (!(await hasAtMost(db, side, readWholeUpTo))) continue
    const byCustomer = new Map<number, unknown[]>()
    for (const row of await whole[side]()) {
      const rows = byCustomer.get(row.customer_id)
      if (rows) rows.push(row)
      else byCustomer.set(row.customer_id, [row])
    }
    preloaded.set(side, byCustomer)
  }
  const of = <S extends Side>(side: S, ids: readonly number[]): ChunkReads[S] | null => {
    const byCustomer = preloaded.get(side)
    if (!byCustomer) return null
    return ids.flatMap((id) => byCustomer.get(id) ?? []) as ChunkReads[S]
  }
  return async (ids) => {
    const ofChunk = chunkCondition(ids)
    const side = sideQueries(db, ofChunk)
    const [dense, reasons, assessments, objections, attempts] = await Promise.all([
      denseReads(db, ofChunk),
      of('reasons', ids) ?? side.reasons(),
      of('assessments', ids) ?? side.assessments(),
      of('objections', ids) ?? side.objections(),
      of('attempts', ids) ?? side.attempts(),
    ])
    return { ...dense, reasons, assessments, objections, attempts }
  }
}

/** Whether a side table has at most `limit` rows (counted up to one more, not all). */
async function hasAtMost(db: Kysely<Database>, side: Side, limit: number): Promise<boolean> {
  const table = {
    reasons: 'customer_churn_reasons',
    assessments: 'winback_assessments',
    objections: 'contact_objections',
    attempts: 'winback_attempts',
  } as const satisfies Record<Side, keyof Database>
  const row = await db
    .selectFrom(
      db
        .selectFrom(table[side])
        .select(sql<number>`1`.as('one'))
        .limit(limit + 1)
        .as('first'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n) <= limit
}
