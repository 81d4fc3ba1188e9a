import type { Insertable, Transaction } from 'kysely'
import { createBulkWriter } from '../../db/bulk'
import type { Db } from '../../db/database'
import { idRangeIfClose } from '../../db/keyset-pages'
import type { Database } from '../../db/schema'
import type { CustomerStatusChangeTable } from './customer-status.table'

type ChangeRow = Insertable<CustomerStatusChangeTable>

/**
 * Makes the stored status histories of these customers equal `rows` (their whole histories),
 * touching only the rows that differ. A night's classification mostly adds this month's change to
 * an unchanged history: deleting and writing every row again changed each customer's entries in the
 * month index too (about 7 per customer, spread over most of its pages), the largest part of what
 * a night wrote.
 */
export async function replaceStatusChanges(
  db: Db,
  trx: Transaction<Database>,
  customerIds: readonly number[],
  rows: readonly ChangeRow[],
): Promise<void> {
  if (customerIds.length === 0) return
  // an import's customers (often new: nothing stored) as their id range, the others left out below
  const range = idRangeIfClose(customerIds)
  const wanted = new Set(customerIds)
  const stored = (
    await trx
      .selectFrom('customer_status_changes')
      .select(['customer_id', 'month', 'status', 'previous_status'])
      .where((eb) =>
        range ? eb.between('customer_id', range.first, range.last) : eb('customer_id', 'in', customerIds),
      )
      .execute()
  ).filter((r) => wanted.has(r.customer_id))
  const storedByKey = new Map(stored.map((r) => [keyOf(r), r]))
  const toInsert: ChangeRow[] = []
  for (const row of rows) {
    const key = keyOf(row)
    const same = storedByKey.get(key)
    if (
      same &&
      same.status === row.status &&
      (same.previous_status ?? null) === (row.previous_status ?? null)
    )
      storedByKey.delete(key)
    else toInsert.push(row)
  }
  // what is left stored is gone or changed: removed, the changed ones written anew below
  const gone = [...storedByKey.values()]
  for (let at = 0; at < gone.length; at += DELETE_CHUNK) {
    const chunk = gone.slice(at, at + DELETE_CHUNK)
    await trx
      .deleteFrom('customer_status_changes')
      .where((eb) =>
        eb(
          eb.refTuple('customer_id', 'month'),
          'in',
          chunk.map((r) => eb.tuple(r.customer_id, r.month)),
        ),
      )
      .execute()
  }
  await createBulkWriter(db, trx).insert('customer_status_changes', toInsert)
}

/** Rows deleted by one statement (two parameters each). */
const DELETE_CHUNK = 1000

function keyOf(row: { customer_id: number; month: string }): string {
  return `${row.customer_id}|${row.month}`
}
