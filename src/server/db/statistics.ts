import { sql } from 'kysely'
import type { Db } from './database'
import type { Database } from './schema'

type TableName = keyof Database & string

/** Rows written at once from which the planner's picture of a table is worth refreshing. */
const MANY_ROWS = 1000

/**
 * After a large write (an import, a classification or a scoring run of the whole base), PostgreSQL's
 * planner still believes what it last sampled, often an empty table; the lists then choose plans
 * for a few rows until autovacuum samples again (a minute or more later). ANALYZE samples a fixed
 * number of rows per table, so it takes well under a second even at a million customers. SQLite
 * plans without statistics unless asked to keep them (we do not), so there is nothing to refresh.
 *
 * The tables named in `vacuum` are vacuumed as well: those a list reads from an index alone (a deep
 * page of the customers by number skips index entries only where the visibility map says their rows
 * need no look). Autovacuum would get there later, or never where it is switched off (this machine's
 * PostgreSQL); until then the deep page reads every skipped row (490 instead of 60 ms). A table
 * written whole by rewriteTable needs none: its rows are copied frozen.
 */
export async function refreshPlannerStatistics(
  db: Db,
  tables: readonly TableName[],
  rowsWritten: number,
  options: { vacuum?: readonly TableName[] } = {},
): Promise<void> {
  if (db.dialect !== 'postgres' || tables.length === 0 || rowsWritten < MANY_ROWS) return
  const vacuum = tables.filter((t) => options.vacuum?.includes(t))
  const analyze = tables.filter((t) => !vacuum.includes(t))
  // VACUUM runs outside a transaction: each statement here is one of its own
  if (vacuum.length > 0)
    await sql`vacuum (analyze) ${sql.join(vacuum.map((t) => sql.table(t)))}`.execute(db.kysely)
  if (analyze.length > 0) await sql`analyze ${sql.join(analyze.map((t) => sql.table(t)))}`.execute(db.kysely)
}

/**
 * After a run that rewrote some rows of tables the planner already knows (a night's
 * reclassification): their picture is refreshed only where the rows written are a tenth or more of
 * what the planner believes the smallest of them holds. Fewer change no plan; ANALYZE of the three
 * status tables took a second of a night that reclassified 14,000 of a million customers.
 */
export async function refreshPlannerStatisticsIfMany(
  db: Db,
  tables: readonly TableName[],
  rowsWritten: number,
): Promise<void> {
  if (db.dialect !== 'postgres' || rowsWritten * 10 < (await plannerRows(db, tables))) return
  await refreshPlannerStatistics(db, tables, rowsWritten)
}

/**
 * For a long run of batches that fills tables (the classification of a whole base, an import's
 * derived data): refreshes the planner's picture of them each time the rows written have doubled
 * since the last refresh, from `from` on, or from the rows the planner already believes the smallest
 * of them holds. Without it PostgreSQL plans each batch's `delete … where customer_id in (…)` for a
 * table it believes empty or unknown, reads the whole table for every batch, and a million
 * customers' derivation slows down as the tables grow (re-deriving a million customers: 98,000
 * customers in 40 s without, 182,000 with). A few ANALYZEs per run (one per doubling) cost well
 * under a second each; a run that writes few rows next to what the planner knows (a night's 67,000
 * of a million customers) changes no plan and took five of them, 3.8 s of a 20 s classification.
 */
export function statisticsRefresher(
  db: Db,
  tables: readonly TableName[],
  from = 4000,
): (rowsWritten: number) => Promise<void> {
  let next: number | undefined
  return async (rowsWritten) => {
    if (db.dialect !== 'postgres') return
    next ??= Math.max(from, await plannerRows(db, tables))
    if (rowsWritten < next) return
    while (next <= rowsWritten) next *= 2
    await refreshPlannerStatistics(db, tables, rowsWritten)
  }
}

/** The rows PostgreSQL's planner believes the smallest of these tables holds (0 if never sampled). */
async function plannerRows(db: Db, tables: readonly TableName[]): Promise<number> {
  const { rows } = await sql<{ n: number | null }>`
    select min(greatest(reltuples, 0)) as n from pg_class
    where oid in (${sql.join(tables.map((t) => sql`${t}::regclass`))})`.execute(db.kysely)
  return Number(rows[0]?.n ?? 0)
}
