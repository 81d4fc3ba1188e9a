import type { Kysely, Transaction } from 'kysely'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
import { withIndexesSetAside } from '../../db/set-aside-indexes'
import type { CustomerRow } from './customer.table'

type Executor = Kysely<Database> | Transaction<Database>

export async function findCustomersByNumbers(
  db: Executor,
  numbers: readonly string[],
): Promise<Map<string, CustomerRow>> {
  const found = new Map<string, CustomerRow>()
  for (const part of chunks(numbers)) {
    const rows = await db.selectFrom('customers').selectAll().where('customer_number', 'in', part).execute()
    for (const row of rows) found.set(row.customer_number, row)
  }
  return found
}

/**
 * The given columns of the customers with these numbers. An import keeps what it read for each of
 * a million customers: a whole row object took 1.3 KiB each.
 */
export async function findCustomerColumnsByNumbers<C extends keyof CustomerRow & string>(
  db: Executor,
  numbers: readonly string[],
  columns: readonly C[],
): Promise<Map<string, Pick<CustomerRow, C | 'customer_number'>>> {
  const found = new Map<string, Pick<CustomerRow, C | 'customer_number'>>()
  for (const part of chunks(numbers)) {
    const rows = (await db
      .selectFrom('customers')
      .select([...columns, 'customer_number'])
      .where('customer_number', 'in', part)
      .execute()) as unknown as Pick<CustomerRow, C | 'customer_number'>[]
    for (const row of rows) found.set(row.customer_number, row)
  }
  return found
}

/** Every customer's number by id (the CLI's scores as JSON name customers by number). */
export async function customerNumbersById(db: Executor): Promise<Map<number, string>> {
  const rows = await db.selectFrom('customers').select(['id', 'customer_number']).execute()
  return new Map(rows.map((r) => [r.id, r.customer_number]))
}

export async function findCustomerIdsByNumbers(
  db: Executor,
  numbers: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  for (const part of chunks(numbers)) {
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'customer_number'])
      .where('customer_number', 'in', part)
      .execute()
    for (const row of rows) found.set(row.customer_number, row.id)
  }
  return found
}

/**
 * Runs `work` (a first import of many customers) with the customer table's read indexes set aside
 * if it is empty, and builds them once after, also when the work fails. Written row by row, the
 * customers went into seven indexes in the file's order, random to most of them, and into the
 * trigram index of the search: a million customers' copy took 30.7 s of PostgreSQL's import.
 * Readers meanwhile have no customers to find (the import has not committed).
 */
export async function withCustomerIndexesSetAsideIfEmpty<T>(
  db: Kysely<Database>,
  now: string,
  work: () => Promise<T>,
): Promise<T> {
  const stored = await db.selectFrom('customers').select('id').limit(1).executeTakeFirst()
  return stored ? work() : withIndexesSetAside(db, ['customers'], now, work)
}

/** How many customers there are (erased ones included: their rows stay). */
export async function countCustomers(db: Executor): Promise<number> {
  const { n } = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(n)
}
