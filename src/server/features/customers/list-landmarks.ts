import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database'
import type { Database } from '../../db/schema'
import { createReadCache } from '../../lib/read-cache'

/**
 * A deep page of the customer list skips every customer before it, entry by entry of an index:
 * half a million in, 47–60 ms a page on PostgreSQL alone and over 100 ms under load. Landmarks
 * are the sort keys of every `every`-th customer of one filter and order, read in one pass and kept
 * between writes; a deep page starts after the landmark before it and skips fewer than `every`.
 */
export interface Landmark {
  key: string
  id: number
}

/** The sorts a landmark can resume: keys on customers that are never null (then the id). */
export type LandmarkSort = 'customerNumber' | 'name'

/** Where a page starts: the customers after a landmark (null: from the top), this many of them skipped. */
export interface PageStart {
  after: RawBuilder<SqlBool> | null
  skip: number
}

/** Every this many customers a landmark; pages DEEP_FROM_LANDMARKS times as deep or deeper use them. */
export const LANDMARK_EVERY = 5000
const DEEP_FROM_LANDMARKS = 2

// kept after writes to some customers' other data (a call, a rating: computed afresh after each,
// the pages by name waited 3.5 s at a million): numbers and names are written only by an import,
// which forgets every kept result, and an erasure, a group change. A writer of names must say so.
const landmarksOf = createReadCache<Landmark[]>(15_000, { groupsOnly: true })

export function sortKey(sort: LandmarkSort) {
  return sort === 'customerNumber'
    ? sql<string>`customers.customer_number`
    : sql<string>`lower(coalesce(customers.company_name, customers.last_name, customers.customer_number))`
}

/**
 * Where the page at `offset` starts: after the last landmark at or before it, or from the top
 * for a page not deep enough to be worth reading them (or past the end, where the last one is).
 */
export async function pageStart(options: {
  db: Db
  /** scope and filters, the same for the same customers */
  filterKey: string
  filter: (eb: ExpressionBuilder<Database, 'customers'>) => Expression<SqlBool>
  sort: LandmarkSort
  dir: 'asc' | 'desc'
  offset: number
  every?: number
}): Promise<PageStart> {
  const { db, sort, dir, offset, every = LANDMARK_EVERY } = options
  if (offset < every * DEEP_FROM_LANDMARKS) return { after: null, skip: offset }
  const landmarks = await landmarksOf(db.kysely, JSON.stringify([options.filterKey, sort, dir, every]), () =>
    readLandmarks(db, options.filter, sort, dir, every),
  )
  const index = Math.min(Math.floor(offset / every), landmarks.length)
  if (index === 0) return { after: null, skip: offset }
  return { after: afterLandmark(sort, dir, landmarks[index - 1]!), skip: offset - index * every }
}

/**
 * The key and id of the customers at positions every, 2·every, … (1-based) in the list's order:
 * each found from the one before by the condition the pages use, skipping `every` entries (one
 * pass over the index in all: at a million on PostgreSQL 0.25–0.3 s by number, 0.4 s by name from
 * its covering index), with other requests let in between (SQLite's reads hold the thread).
 */
async function readLandmarks(
  db: Db,
  filter: (eb: ExpressionBuilder<Database, 'customers'>) => Expression<SqlBool>,
  sort: LandmarkSort,
  dir: 'asc' | 'desc',
  every: number,
): Promise<Landmark[]> {
  const key = sortKey(sort)
  const direction = dir === 'desc' ? sql`desc` : sql`asc`
  const landmarks: Landmark[] = []
  for (;;) {
    const previous = landmarks.at(-1)
    const next = await db.kysely
      .selectFrom('customers')
      .where(filter)
      .$if(previous !== undefined, (qb) => qb.where(afterLandmark(sort, dir, previous!)))
      .select([key.as('key'), 'customers.id'])
      .orderBy(sql`${key} ${direction}`)
      // the list's order: the number is unique; a name's ties by id, ascending either way
      .$if(sort !== 'customerNumber', (qb) => qb.orderBy('customers.id'))
      .limit(1)
      .offset(every - 1)
      .executeTakeFirst()
    if (!next) return landmarks
    landmarks.push({ key: String(next.key), id: Number(next.id) })
    await yieldToEventLoop()
  }
}

/** The customers after a landmark in the list's order (with a redundant bound an index can seek to). */
function afterLandmark(sort: LandmarkSort, dir: 'asc' | 'desc', after: Landmark) {
  const key = sortKey(sort)
  const beyond = dir === 'desc' ? sql`<` : sql`>`
  const reached = dir === 'desc' ? sql`<=` : sql`>=`
  return sort === 'customerNumber'
    ? sql<SqlBool>`${key} ${beyond} ${after.key}`
    : sql<SqlBool>`${key} ${reached} ${after.key} and (${key} ${beyond} ${after.key} or customers.id > ${after.id})`
}
