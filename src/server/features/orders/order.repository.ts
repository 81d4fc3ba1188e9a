import type { Kysely, Transaction } from 'kysely'
import { isPurchaseKind, type OrderKind } from '../../../shared/orders'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
import { type SetAsideIndexes, setAsideIndexes } from '../../db/set-aside-indexes'
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

/**
 * A first import writes millions of documents in file order, which is random order for SQLite's
 * indexes by customer (`orders_ledger`, and `orders_margin` for files with margins): kept up row by
 * row the ledger index cost a 10,000,000-row import of a million customers 113 s, built once
 * afterwards 21 s. So when no document is stored yet, the import sets them aside until it has
 * written (db/set-aside-indexes.ts).
 */
export async function setAsideOrderIndexesByCustomerIfEmpty(
  trx: Transaction<Database>,
): Promise<SetAsideIndexes | null> {
  const stored = await trx.selectFrom('orders').select('id').limit(1).executeTakeFirst()
  return stored ? null : setAsideIndexes(trx, 'orders', ['orders_ledger', 'orders_margin'])
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

/**
 * Net revenue per month (YYYY-MM) from `from` on: purchases that count, less credit notes and
 * cancellations. Summed per day in the database, so the rows read stay a few thousand.
 */
export async function netRevenueByMonth(db: Executor, from: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('orders')
    .select((eb) => ['ordered_on', 'kind', 'counts_as_purchase', eb.fn.sum<string>('net_cents').as('cents')])
    .where('ordered_on', '>=', from)
    .groupBy(['ordered_on', 'kind', 'counts_as_purchase'])
    .execute()
  const months = new Map<string, number>()
  for (const r of rows) {
    const purchase = isPurchaseKind(r.kind as OrderKind)
    if (purchase && r.counts_as_purchase !== 1) continue
    const cents = purchase ? Number(r.cents) : -Math.abs(Number(r.cents))
    const month = String(r.ordered_on).slice(0, 7)
    months.set(month, (months.get(month) ?? 0) + cents)
  }
  return months
}
