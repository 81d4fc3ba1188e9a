/**
 * Results that are expensive to compute and read often (the win-back list over every lost customer)
 * are kept for a short while, per database and key. Every write through the app forgets them all
 * (http/app.ts); what other processes write (the CLI) shows after at most `ttlMs`. Concurrent
 * requests for the same key share one computation.
 */
let generation = 0

/** After a write: everything cached may be out of date. */
export function forgetCachedReads(): void {
  generation++
}

export function createReadCache<T>(ttlMs: number) {
  const byDb = new WeakMap<object, Map<string, { at: number; generation: number; value: Promise<T> }>>()
  return (db: object, key: string, compute: () => Promise<T>): Promise<T> => {
    let entries = byDb.get(db)
    if (!entries) {
      entries = new Map()
      byDb.set(db, entries)
    }
    const now = Date.now()
    const hit = entries.get(key)
    if (hit && hit.generation === generation && now - hit.at < ttlMs) return hit.value
    const value = compute()
    const entry = { at: now, generation, value }
    entries.set(key, entry)
    // a failure is not kept
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key)
    })
    return value
  }
}
