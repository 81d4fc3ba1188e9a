import { decodeLedgerEvents } from '../lifecycle/ledger-bytes'
import type { CustomerTransactions } from './score'
import { type CustomerSummary, daysPerUnit, type TimeUnit, type Transaction } from './summary'

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

  /**
   * `summarize` of the transactions stored at [start, end) without an object for each, where they
   * are a purchase ledger's: days strictly ascending, no credit (negative amount). Each is then a
   * purchase day of its own, as purchaseDays would make it, and the sums are added in the same order,
   * so the summary is the same to the last bit. Undefined for any other transactions.
   */
  summarizeRange(
    start: number,
    end: number,
    calibrationEnd: number,
    unit: TimeUnit,
  ): CustomerSummary | null | undefined {
    let previous = Number.NEGATIVE_INFINITY
    let purchases = 0
    let first = 0
    let last = 0
    let repeatCents = 0
    for (let i = start; i < end; i++) {
      const chunk = i >>> CHUNK_BITS
      const at = i & (CHUNK - 1)
      const day = this.days[chunk]![at]!
      const cents = this.cents[chunk]![at]!
      if (!(day > previous && cents >= 0)) return undefined
      previous = day
      if (day > calibrationEnd) continue
      if (purchases === 0) first = day
      else repeatCents += cents
      last = day
      purchases++
    }
    if (purchases === 0) return null
    const scale = daysPerUnit[unit]
    const x = purchases - 1
    return {
      x,
      tx: (last - first) / scale,
      T: (calibrationEnd - first) / scale,
      monetaryCents: x > 0 ? repeatCents / x : 0,
      firstDay: first,
    }
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

  summarize(calibrationEnd: number, unit: TimeUnit): CustomerSummary | null | undefined {
    return this.store.summarizeRange(this.start, this.end, calibrationEnd, unit)
  }
}
