import type { Kysely, SelectQueryBuilder } from 'kysely'
import { isPostgres } from '../../db/dialect-helpers'
import type { Database } from '../../db/schema'

/**
 * A run of the customer list's order that one query reads in an index's order: the customers with
 * a value, those without one (NULLS FIRST/LAST, which PostgreSQL's indexes serve only in one
 * direction, and SQLite's only in the other), or those without a row in the sort's table.
 */
export interface ListPart {
  page(skip: number, take: number): Promise<{ id: number }[]>
  /** how many customers it holds (asked only when a page starts beyond its end) */
  size(): Promise<number>
}

// biome-ignore lint/suspicious/noExplicitAny: any tables joined, the customers' ids selected from them
type Rows = SelectQueryBuilder<Database, any, object>

/** A part from the query of its rows and their order. */
export function listPart(rows: () => Rows, ordered: (rows: Rows) => Rows): ListPart {
  return {
    page: (skip, take) =>
      ordered(rows().select('customers.id')).limit(take).offset(skip).execute() as Promise<{ id: number }[]>,
    size: async () =>
      Number(
        (
          (await rows()
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()) as { n: number | string }
        ).n,
      ),
  }
}

/** The page at `offset` of parts that follow each other in the list's order. */
export async function pageAcross(
  parts: readonly ListPart[],
  offset: number,
  take: number,
): Promise<{ id: number }[]> {
  const page: { id: number }[] = []
  let skip = offset
  for (const part of parts) {
    const rows = await part.page(skip, take - page.length)
    page.push(...rows)
    if (page.length === take) break
    // the part ended within the page (or is empty), or before it: then its size says how far
    // beyond it the page starts
    skip = rows.length > 0 || skip === 0 ? 0 : Math.max(0, skip - (await part.size()))
  }
  return page
}

/**
 * A part read as several runs, each in the order of its own index range, merged: on SQLite by the
 * database (UNION ALL … ORDER BY merges the runs as they come and stops after the page); on
 * PostgreSQL, which joins and sorts every run's rows for that (2.5–4 s at a million customers),
 * each run cut to the rows up to the page's end first (ORDER BY … LIMIT in each: its index read
 * that far), so a deep page reads that many of every run. Each run selects the customer's id as
 * `id` and the columns `order` sorts by.
 */
export function mergedPart(
  db: Kysely<Database>,
  runs: readonly Rows[],
  order: (merged: Rows) => Rows,
): ListPart {
  const cutEach = isPostgres(db)
  return {
    page: async (skip, take) => {
      const cut = cutEach
        ? runs.map(
            (run, i) =>
              db
                .selectFrom(
                  order(run)
                    .limit(skip + take)
                    .as(`r${i}`),
                )
                .selectAll() as Rows,
          )
        : runs
      const merged = cut.slice(1).reduce((all, run) => all.unionAll(run), cut[0]!)
      const rows = await order(merged).limit(take).offset(skip).execute()
      return rows.map((r) => ({ id: Number((r as { id: number }).id) }))
    },
    size: async () => {
      let n = 0
      for (const run of runs)
        n += Number(
          (
            (await run
              .clearSelect()
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()) as { n: number | string }
          ).n,
        )
      return n
    },
  }
}
