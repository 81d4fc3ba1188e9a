import type { Kysely, Transaction } from 'kysely'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
import type { ContractRow, OrderRow } from './order.table'

type Executor = Kysely<Database> | Transaction<Database>

export async function hasDocumentsFromSource(db: Executor, source: string): Promise<boolean> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('source', '=', source)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** The stored documents of one source with these keys. */
export async function findDocumentsByKeys(
  db: Executor,
  source: string,
  keys: readonly string[],
): Promise<Map<string, OrderRow>> {
  return findBySourceKeys(db, 'orders', source, keys) as Promise<Map<string, OrderRow>>
}

/** The stored contracts of one source with these keys. */
export async function findContractsByKeys(
  db: Executor,
  source: string,
  keys: readonly string[],
): Promise<Map<string, ContractRow>> {
  return findBySourceKeys(db, 'contracts', source, keys) as Promise<Map<string, ContractRow>>
}

/** Documents and contracts are unique by (source, external_key): both are looked up the same way. */
async function findBySourceKeys(
  db: Executor,
  table: 'orders' | 'contracts',
  source: string,
  keys: readonly string[],
): Promise<Map<string, OrderRow | ContractRow>> {
  const found = new Map<string, OrderRow | ContractRow>()
  for (const part of chunks(keys)) {
    const rows = await db
      .selectFrom(table)
      .selectAll()
      .where('source', '=', source)
      .where('external_key', 'in', part)
      .execute()
    for (const row of rows) found.set(row.external_key, row)
  }
  return found
}
