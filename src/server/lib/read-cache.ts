/**
 * Results that are expensive to compute and read often (the win-back list over every lost customer)
 * are kept per database and key. Every write through the app forgets them all (http/app.ts): the
 * next read computes afresh and waits for it, and so do finished jobs (queue-worker.ts). What
 * other connections and processes write (the CLI, an import's thread) is seen by the database's
 * change mark where it has one (SQLite's data_version, see `watchChanges`), else guessed by age: a
 * result older than `ttlMs` is computed again. Either way the new result is computed beside the
 * reads, which are answered with the last result until it is there (a list that takes seconds to
 * build for a million customers is not built while a person waits, unless a write of this process
 * made it wrong). Concurrent requests for the same key share one computation.
 */
let generation = 0

/** Per database: a value that differs once anything was committed to it since it was read. */
const changeMarks = new WeakMap<object, () => unknown>()

/**
 * Tells the caches how to see that a database changed. With a mark, a result is kept for as long as
 * nothing changed, however old: at a million customers, computing the win-back list afresh every
 * 15 s kept the server busy for half of the time anybody looked at a list.
 */
export function watchChanges(db: object, mark: () => unknown): void {
  changeMarks.set(db, mark)
}

/** After a write: everything cached may be out of date. */
export function forgetCachedReads(): void {
  generation++
}

interface Entry<T> {
  /** when its computation started: what it shows is as of then */
  at: number
  /** the database's change mark when its computation started (undefined without one) */
  mark: unknown
  generation: number
  value: Promise<T>
  /** the computation has succeeded (only then may the value be shown while a newer one is made) */
  done: boolean
  refreshing: boolean
}

export function createReadCache<T>(ttlMs: number) {
  const byDb = new WeakMap<object, Map<string, Entry<T>>>()
  const start = (
    entries: Map<string, Entry<T>>,
    key: string,
    compute: () => Promise<T>,
    mark: (() => unknown) | undefined,
  ): Entry<T> => {
    const entry: Entry<T> = {
      at: Date.now(),
      mark: mark?.(),
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
    const mark = changeMarks.get(db)
    if (hit && hit.generation === generation) {
      const current = mark ? hit.mark === mark() : Date.now() - hit.at < ttlMs
      if (current || !hit.done || hit.refreshing) return hit.value
      // changed elsewhere (or old) but no write of ours since: answered at once, computed afresh beside it
      hit.refreshing = true
      const fresh = start(entries, key, compute, mark)
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
    const entry = start(entries, key, compute, mark)
    entries.set(key, entry)
    return entry.value
  }
}
