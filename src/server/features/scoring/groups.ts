/**
 * Customers with the same (x, t_x, T) contribute the same likelihood: fitting works on the unique
 * triples with their counts. The distinct x and time values are indexed once, so a likelihood
 * evaluation computes each logarithm and gamma function once per distinct value, not per customer.
 */
export interface GroupedData {
  /** number of groups */
  size: number
  /** customers in total (sum of weights) */
  customers: number
  weight: Float64Array
  x: Float64Array
  tx: Float64Array
  T: Float64Array
  /** index into xValues */
  xIndex: Int32Array
  /** indices into times */
  txIndex: Int32Array
  TIndex: Int32Array
  xValues: Float64Array
  times: Float64Array
}

export interface SummaryInput {
  x: number
  tx: number
  T: number
  weight?: number
}

/** Rows to group: an array, or columns that make each row when iterated (SummaryColumns). */
export type SummaryRows = Iterable<SummaryInput> & { readonly length: number }

export function groupSummaries(rows: SummaryRows): GroupedData {
  return groupSummariesIndexed(rows).data
}

/** The grouped data and, for each row, the index of its group. */
export function groupSummariesIndexed(rows: SummaryRows): {
  data: GroupedData
  groupOf: Int32Array
} {
  const groupOf = new Int32Array(rows.length)
  // groups in the order of their first row (the likelihood sums them in that order), found through a
  // hash table on the three numbers' bits: nested maps keyed by fractional times took 3–4 s for a
  // million customers
  const table = new GroupTable(rows.length)
  let rowIndex = 0
  for (const row of rows) {
    if (!(row.x >= 0) || !(row.tx >= 0) || !(row.T >= row.tx) || !Number.isFinite(row.T)) {
      throw new Error(`Invalid summary: x=${row.x}, t_x=${row.tx}, T=${row.T} (need 0 ≤ t_x ≤ T)`)
    }
    // + 0: a −0 is the same value as 0 (as a Map saw it), not another group
    groupOf[rowIndex++] = table.add(row.x + 0, row.tx + 0, row.T + 0, row.weight ?? 1)
  }
  const size = table.size
  const xs = table.x.slice(0, size)
  const txs = table.tx.slice(0, size)
  const Ts = table.T.slice(0, size)
  const ws = table.weight.slice(0, size)
  const xValues = sortedDistinct(xs)
  const both = new Float64Array(2 * size)
  both.set(txs)
  both.set(Ts, size)
  const times = sortedDistinct(both)
  let customers = 0
  for (let i = 0; i < size; i++) customers += ws[i]!
  const data: GroupedData = {
    size,
    customers,
    weight: ws,
    x: xs,
    tx: txs,
    T: Ts,
    xIndex: positionsOf(xs, xValues),
    txIndex: positionsOf(txs, times),
    TIndex: positionsOf(Ts, times),
    xValues,
    times,
  }
  return { data, groupOf }
}

/** The distinct values, ascending. */
function sortedDistinct(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort()
  let n = 0
  for (let i = 0; i < sorted.length; i++) if (n === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!
  return sorted.slice(0, n)
}

/** Where each value lies in ascending distinct values that hold them all. */
function positionsOf(values: Float64Array, sorted: Float64Array): Int32Array {
  const positions = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    let lo = 0
    let hi = sorted.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (sorted[mid]! < value) lo = mid + 1
      else hi = mid
    }
    positions[i] = lo
  }
  return positions
}

/** Open addressing on (x, t_x, T): each distinct triple numbered in the order first added. */
class GroupTable {
  size = 0
  readonly x: Float64Array
  readonly tx: Float64Array
  readonly T: Float64Array
  readonly weight: Float64Array
  private readonly slots: Int32Array
  private readonly bits = new Float64Array(3)
  private readonly words = new Int32Array(this.bits.buffer)

  constructor(rows: number) {
    const capacity = Math.max(16, rows)
    this.x = new Float64Array(capacity)
    this.tx = new Float64Array(capacity)
    this.T = new Float64Array(capacity)
    this.weight = new Float64Array(capacity)
    // at most half full
    let slots = 32
    while (slots < 2 * capacity) slots *= 2
    this.slots = new Int32Array(slots).fill(-1)
  }

  /** The group of (x, t_x, T), made if new, with the weight added. */
  add(x: number, tx: number, T: number, weight: number): number {
    this.bits[0] = x
    this.bits[1] = tx
    this.bits[2] = T
    let h = 0x811c9dc5
    for (let i = 0; i < 6; i++) h = Math.imul(h ^ this.words[i]!, 0x01000193)
    h ^= h >>> 15
    const mask = this.slots.length - 1
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const group = this.slots[slot]!
      if (group === -1) {
        const made = this.size++
        this.slots[slot] = made
        this.x[made] = x
        this.tx[made] = tx
        this.T[made] = T
        this.weight[made] = weight
        return made
      }
      if (this.x[group] === x && this.tx[group] === tx && this.T[group] === T) {
        this.weight[group] = this.weight[group]! + weight
        return group
      }
    }
  }
}
