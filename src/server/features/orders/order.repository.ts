import type { Kysely, Transaction } from 'kysely'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
import type { OrderRow } from './order.table'

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

export async function findDocumentsByKeys(
  db: Executor,
  source: string,
  keys: readonly string[],
): Promise<Map<string, OrderRow>> {
  const found = new Map<string, OrderRow>()
  for (const part of chunks(keys)) {
    const rows = await db
      .selectFrom('orders')
      .selectAll()
      .where('source', '=', source)
      .where('external_key', 'in', part)
      .execute()
    for (const row of rows) found.set(row.external_key, row)
  }
  return found
}
