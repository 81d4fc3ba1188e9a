import type { Kysely, Transaction } from 'kysely'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
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

/** How many customers there are (erased ones included: their rows stay). */
export async function countCustomers(db: Executor): Promise<number> {
  const { n } = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(n)
}
