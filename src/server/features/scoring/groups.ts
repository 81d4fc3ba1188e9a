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
  let rowIndex = 0
  // nested maps on the numbers themselves: no key strings for a million customers
  const byKey = new Map<number, Map<number, Map<number, number>>>()
  const xs: number[] = []
  const txs: number[] = []
  const Ts: number[] = []
  const ws: number[] = []
  for (const row of rows) {
    if (!(row.x >= 0) || !(row.tx >= 0) || !(row.T >= row.tx) || !Number.isFinite(row.T)) {
      throw new Error(`Invalid summary: x=${row.x}, t_x=${row.tx}, T=${row.T} (need 0 ≤ t_x ≤ T)`)
    }
    let byTx = byKey.get(row.x)
    if (!byTx) {
      byTx = new Map()
      byKey.set(row.x, byTx)
    }
    let byT = byTx.get(row.tx)
    if (!byT) {
      byT = new Map()
      byTx.set(row.tx, byT)
    }
    const index = byT.get(row.T)
    groupOf[rowIndex++] = index ?? xs.length
    if (index === undefined) {
      byT.set(row.T, xs.length)
      xs.push(row.x)
      txs.push(row.tx)
      Ts.push(row.T)
      ws.push(row.weight ?? 1)
    } else ws[index]! += row.weight ?? 1
  }
  const xValues = [...new Set(xs)].sort((a, b) => a - b)
  const times = [...new Set([...txs, ...Ts])].sort((a, b) => a - b)
  const xPos = new Map(xValues.map((v, i) => [v, i]))
  const tPos = new Map(times.map((v, i) => [v, i]))
  const data: GroupedData = {
    size: xs.length,
    customers: ws.reduce((a, b) => a + b, 0),
    weight: Float64Array.from(ws),
    x: Float64Array.from(xs),
    tx: Float64Array.from(txs),
    T: Float64Array.from(Ts),
    xIndex: Int32Array.from(xs, (v) => xPos.get(v)!),
    txIndex: Int32Array.from(txs, (v) => tPos.get(v)!),
    TIndex: Int32Array.from(Ts, (v) => tPos.get(v)!),
    xValues: Float64Array.from(xValues),
    times: Float64Array.from(times),
  }
  return { data, groupOf }
}
