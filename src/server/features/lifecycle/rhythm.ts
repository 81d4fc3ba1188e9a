import type { PurchaseEvent } from './purchases'

export function median(values: readonly number[]): number | null {
  const n = values.length
  if (n === 0) return null
  if (n > 32) {
    const sorted = Float64Array.from(values).sort()
    return n % 2 ? sorted[n >> 1]! : (sorted[(n >> 1) - 1]! + sorted[n >> 1]!) / 2
  }
  // an insertion sort: the rhythm's windows are a handful of intervals, asked for per purchase
  const sorted = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const v = values[i]!
    let j = i
    for (; j > 0 && sorted[j - 1]! > v; j--) sorted[j] = sorted[j - 1]!
    sorted[j] = v
  }
  const mid = n >> 1
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

/** Days between consecutive purchase days among the first `count` events. */
export function intervals(events: readonly PurchaseEvent[], count = events.length): number[] {
  const gaps: number[] = []
  for (let i = 1; i < count; i++) gaps.push(events[i]!.day - events[i - 1]!.day)
  return gaps
}

/**
 * The customer's own rhythm: the median of the last `window` intervals between purchase days,
 * or null for a customer who bought on one day only.
 */
export function typicalInterval(gaps: readonly number[], window: number): number | null {
  return median(gaps.slice(-window))
}

const rhythmCache = new WeakMap<readonly PurchaseEvent[], Map<number, (number | null)[]>>()

/**
 * The typical interval after the first `count` purchases, for every count at once and remembered
 * per purchase list: classifying one customer at many days (history, comebacks) asks for it often.
 */
export function typicalIntervalAt(
  events: readonly PurchaseEvent[],
  count: number,
  window: number,
): number | null {
  let byWindow = rhythmCache.get(events)
  if (!byWindow) {
    byWindow = new Map()
    rhythmCache.set(events, byWindow)
  }
  let table = byWindow.get(window)
  if (!table) {
    table = new Array<number | null>(events.length + 1).fill(null)
    const gaps = intervals(events)
    for (let n = 2; n <= events.length; n++) table[n] = median(gaps.slice(Math.max(0, n - 1 - window), n - 1))
    byWindow.set(window, table)
  }
  return table[count] ?? null
}
