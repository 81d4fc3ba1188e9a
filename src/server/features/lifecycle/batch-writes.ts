import type { Insertable } from 'kysely'
import type { CustomerStatusTable, PurchaseLedgerTable } from './customer-status.table'

type LedgerRow = Insertable<PurchaseLedgerTable>

/**
 * Which purchase ledgers a classified batch writes over those stored for its customers: the new
 * ones that differ byte for byte from the stored (or are not stored), and which stored ones go
 * (changed, or no longer kept: a document dated after the day). An equal ledger stays with its
 * earlier day: stored with no later document, it is the customer's ledger as of any later day. Most
 * of a night's customers did not buy: their ledgers are not written again.
 */
export function ledgerWrites(
  now: readonly LedgerRow[],
  stored: readonly { customer_id: number; events: Uint8Array }[],
): { written: LedgerRow[]; removed: number[] } {
  const storedOf = new Map(stored.map((r) => [r.customer_id, r.events]))
  const written: LedgerRow[] = []
  for (const row of now) {
    // a ledger not stored before is never the same (sameBytes)
    if (sameBytes(storedOf.get(row.customer_id), row.events)) storedOf.delete(row.customer_id)
    else written.push(row)
  }
  return { written, removed: [...storedOf.keys()] }
}

/**
 * The customers of a batch whose status differs from their status row before (or who had none):
 * the only ones whose copy of the status on their scores can be out of date.
 */
export function statusChanged(
  now: readonly Pick<Insertable<CustomerStatusTable>, 'customer_id' | 'status'>[],
  before: readonly { customer_id: number; status: string }[],
): number[] {
  const statusBefore = new Map(before.map((r) => [r.customer_id, r.status]))
  return now.filter((r) => statusBefore.get(r.customer_id) !== r.status).map((r) => r.customer_id)
}

export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined || a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}
