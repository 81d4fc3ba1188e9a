import { decodeLedgerEvents } from '../lifecycle/ledger-bytes'
import type { CustomerTransactions } from './score'
import type { Transaction } from './summary'

/**
 * Many customers' transactions held in two shared typed arrays instead of an object per
 * transaction, while a base is scored: a million customers' ledgers took 1.7 KiB each as objects
 * (a 200,000-customer run held 344 MiB of them), and 12 bytes per transaction here. Each customer
 * is a CustomerTransactions whose `transactions` are made afresh when read: the scoring reads them
 * once or twice per customer and lets them go, so they never all live at once.
 */
export class PackedTransactions {
  // fixed-size chunks: growing one array by doubling would hold the old and the new copy at once
  private readonly days: Int32Array[] = []
  private readonly cents: Float64Array[] = []
  private used = 0
  readonly customers: CustomerTransactions[] = []

  add(id: string, transactions: readonly Transaction[]): void {
    const start = this.used
    for (const t of transactions) this.push(t.day, t.amountCents)
    this.customers.push(new PackedCustomer(id, this, start, this.used))
  }

  /** A customer whose transactions are stored bytes (a stored purchase ledger): no object per event. */
  addEncoded(id: string, bytes: Uint8Array): void {
    const start = this.used
    decodeLedgerEvents(bytes, (day, cents) => this.push(day, cents))
    this.customers.push(new PackedCustomer(id, this, start, this.used))
  }

  private push(day: number, cents: number): void {
    const chunk = this.used >>> CHUNK_BITS
    if (chunk === this.days.length) {
      this.days.push(new Int32Array(CHUNK))
      this.cents.push(new Float64Array(CHUNK))
    }
    const at = this.used & (CHUNK - 1)
    this.days[chunk]![at] = day
    this.cents[chunk]![at] = cents
    this.used++
  }

  /** The transactions stored at [start, end), as objects. */
  slice(start: number, end: number): Transaction[] {
    const out: Transaction[] = new Array(end - start)
    for (let i = start; i < end; i++) {
      const chunk = i >>> CHUNK_BITS
      const at = i & (CHUNK - 1)
      out[i - start] = { day: this.days[chunk]![at]!, amountCents: this.cents[chunk]![at]! }
    }
    return out
  }
}

const CHUNK_BITS = 16
const CHUNK = 1 << CHUNK_BITS

class PackedCustomer implements CustomerTransactions {
  constructor(
    readonly id: string,
    private readonly store: PackedTransactions,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get transactions(): Transaction[] {
    return this.store.slice(this.start, this.end)
  }
}
