/**
 * Results that are expensive to compute and read often (the win-back list over every lost customer)
 * are kept per database and key. Every write through the app forgets them all (http/app.ts): the
 * next read computes afresh and waits for it, and so do finished jobs (queue-worker.ts). What
 * other processes write (the CLI) cannot be seen here, so a result older than `ttlMs` is computed
 * again, beside the reads: they
 * are answered with the last result until the new one is there (a list that takes seconds to build
 * for a million customers is not built while a person waits, unless a write made it wrong).
 * Concurrent requests for the same key share one computation.
 */
let generation = 0

/** After a write: everything cached may be out of date. */
export function forgetCachedReads(): void {
  generation++
}

interface Entry<T> {
  /** when its computation started: what it shows is as of then */
  at: number
  generation: number
  value: Promise<T>
  /** the computation has succeeded (only then may the value be shown while a newer one is made) */
  done: boolean
  refreshing: boolean
}

export function createReadCache<T>(ttlMs: number) {
  const byDb = new WeakMap<object, Map<string, Entry<T>>>()
  const start = (entries: Map<string, Entry<T>>, key: string, compute: () => Promise<T>): Entry<T> => {
    const entry: Entry<T> = {
      at: Date.now(),
      generation,
      value: compute(),
      done: false,
      refreshing: false,
    }
    entry.value.then(
      () => {
        entry.done = true
      },
      // a failure is not kept
      () => {
        if (entries.get(key) === entry) entries.delete(key)
      },
    )
    return entry
  }
  return (db: object, key: string, compute: () => Promise<T>): Promise<T> => {
    let entries = byDb.get(db)
    if (!entries) {
      entries = new Map()
      byDb.set(db, entries)
    }
    const hit = entries.get(key)
    if (hit && hit.generation === generation) {
      if (Date.now() - hit.at < ttlMs || !hit.done || hit.refreshing) return hit.value
      // old but no write of ours since: answered at once, computed afresh beside it
      hit.refreshing = true
      const fresh = start(entries, key, compute)
      fresh.value.then(
        () => {
          if (entries.get(key) === hit) entries.set(key, fresh)
        },
        () => {
          hit.refreshing = false
        },
      )
      return hit.value
    }
    const entry = start(entries, key, compute)
    entries.set(key, entry)
    return entry.value
  }
}
