/**
 * Results that are expensive to compute and read often (the win-back list over every lost customer)
 * are kept per database and key. A write through the app forgets them all (http/app.ts): the
 * next read computes afresh and waits for it, and so do finished jobs (queue-worker.ts). A write
 * that changed only some customers' data says which (`forgetCachedReadsOf`): a result that can be
 * brought up to date for them (`patch`) is, on its next read; any other is computed afresh. What
 * other connections and processes write (the CLI, an import's thread) is seen by the database's
 * change mark where it has one (SQLite's data_version, PostgreSQL's snapshot read every second: see
 * `watchChanges`), else guessed by age: a result older than `ttlMs` is computed again. Either way
 * the new result is computed beside the reads, which are answered with the last result until it is
 * there (a list that takes seconds to build for a million customers is not built while a person
 * waits, unless a write of this process made it wrong). Concurrent requests for the same key share
 * one computation.
 */
let generation = 0

/** Per database: a value that differs once anything was committed to it since it was read. */
const changeMarks = new WeakMap<object, () => unknown>()
/** Per database whose mark is read in the background: reads it now (see refreshChangeMark). */
const markRefreshers = new WeakMap<object, () => Promise<void>>()

/**
 * Tells the caches how to see that a database changed. With a mark, a result is kept for as long as
 * nothing changed, however old: at a million customers, computing the win-back list afresh every
 * 15 s kept the server busy for half of the time anybody looked at a list.
 */
export function watchChanges(db: object, mark: () => unknown, refresh?: () => Promise<void>): void {
  changeMarks.set(db, mark)
  if (refresh) markRefreshers.set(db, refresh)
}

/**
 * Where the mark is read in the background (PostgreSQL), reads it now: before and after a write of
 * ours, so a result brought up to date for the write counts as of the mark after it.
 */
export async function refreshChangeMark(db: object): Promise<void> {
  await markRefreshers.get(db)?.()
}

/** How the caches see that a database changed (see `watchChanges`); undefined without a mark. */
export function changeMarkOf(db: object): (() => unknown) | undefined {
  return changeMarks.get(db)
}

/**
 * Counts the writes after which only results that can be brought up to date for some customers
 * (`patch`) are kept: the nightly job's.
 */
let unpatchableGeneration = 0

/** After a write: everything cached may be out of date. */
export function forgetCachedReads(): void {
  generation++
  touches.length = 0
  touchedIds = 0
}

/**
 * Counts the writes that move customers between the groups the dashboard and the customer list
 * count them in: their status (and its history), owner, erasure, the channels they may be
 * contacted on. A result that depends on customers only through those (`groupsOnly`: those counts)
 * is kept after a write to some customers' other data (a rating, a call, a note).
 */
let groupChanges = 0
/** how often customerGroupsChanged was said (see confirmGroupChanges) */
let groupSignals = 0

/**
 * Some customers' status, owner, erasure or contact channels change (said by the code that writes
 * them, as it writes: before its transaction commits).
 */
export function customerGroupsChanged(): void {
  groupSignals++
  groupChanges++
}

/** For confirmGroupChanges: how often customerGroupsChanged was said so far. */
export function groupChangesSaid(): number {
  return groupSignals
}

/**
 * After a request's writes are committed: if a group change was said meanwhile (by it, or by one
 * beside it), a result computed between that saying and the commit read the groups as they were,
 * and is computed afresh too.
 */
export function confirmGroupChanges(saidBefore: number): void {
  if (groupSignals !== saidBefore) groupChanges++
}

/**
 * After a job that wrote much (the nightly job: statuses, scores, contact answers, the early
 * warnings), of which results that can be brought up to date (`patch`) read only these customers'
 * data: those are brought up to date for them, every other result is computed afresh.
 */
export function forgetAllButPatchable(customerIds: readonly number[], seen?: MarkSeen): void {
  unpatchableGeneration++
  forgetCachedReadsOf(customerIds, seen)
}

/**
 * A database's change mark just before and just after a write of ours: a result that showed the
 * mark before is, once brought up to date for the write, as of the mark after (else the write
 * would look like one of another connection's, and the result would be computed afresh beside).
 */
export interface MarkSeen {
  db: object
  before: unknown
  after: unknown
}

interface Touch {
  seq: number
  customerIds: readonly number[]
  seen: MarkSeen | undefined
}

/** The customers written since the last write that forgot everything, each write with its number. */
const touches: Touch[] = []
let touchSeq = 0
let touchedIds = 0
/**
 * Beyond this many customers written, the oldest writes are forgotten and a result from before
 * them is computed afresh: bringing it up to date would cost about as much.
 */
const TOUCH_LOG_LIMIT = 50_000

/** After a write that changed the data of these customers only. */
export function forgetCachedReadsOf(customerIds: readonly number[], seen?: MarkSeen): void {
  if (customerIds.length === 0) return
  touches.push({ seq: ++touchSeq, customerIds, seen })
  touchedIds += customerIds.length
  while (touchedIds > TOUCH_LOG_LIMIT && touches.length > 0) touchedIds -= touches.shift()!.customerIds.length
}

/**
 * The customers written after write number `seq`, and the mark of `db` after them for a result that
 * showed `mark`; null when some of those writes are forgotten.
 */
function touchedSince(
  seq: number,
  db: object,
  mark: unknown,
): { customerIds: number[]; mark: unknown } | null {
  if (seq === touchSeq) return { customerIds: [], mark }
  const first = touches[0]
  if (!first || first.seq > seq + 1) return null
  const ids = new Set<number>()
  let after = mark
  for (const t of touches) {
    if (t.seq <= seq) continue
    for (const id of t.customerIds) ids.add(id)
    if (t.seen?.db === db && t.seen.before === after) after = t.seen.after
  }
  return { customerIds: [...ids], mark: after }
}

interface Entry<T> {
  /** when its computation started: what it shows is as of then */
  at: number
  /** the database's change mark when its computation started (undefined without one) */
  mark: unknown
  generation: number
  /** the count of forgetAllButPatchable when its computation started */
  unpatchable: number
  /** what the result is of besides its key (the day of a list kept across days), see `read` */
  version: unknown
  /** the number of the last customers' write it shows */
  touchSeq: number
  /** customerGroupsChanged's count when its computation started */
  groupChanges: number
  value: Promise<T>
  /** the computation has succeeded (only then may the value be shown while a newer one is made) */
  done: boolean
  refreshing: boolean
}

/** How a result follows a write to some customers' data; without either, it is computed afresh. */
export interface CustomerWrites<T> {
  /**
   * brings the result up to date for those customers, and to the version read (see `read`): the
   * same as computing it afresh
   */
  patch?: (value: T, customerIds: number[], version: unknown) => Promise<T>
  /** the result depends on customers only through their groups (see customerGroupsChanged) */
  groupsOnly?: boolean
}

export function createReadCache<T>(ttlMs: number, writes: CustomerWrites<T> = {}) {
  const { patch, groupsOnly = false } = writes
  const byDb = new WeakMap<object, Map<string, Entry<T>>>()
  const start = (
    entries: Map<string, Entry<T>>,
    key: string,
    compute: () => Promise<T>,
    mark: (() => unknown) | undefined,
    version: unknown,
  ): Entry<T> => {
    const entry: Entry<T> = {
      at: Date.now(),
      mark: mark?.(),
      generation,
      unpatchable: unpatchableGeneration,
      version,
      touchSeq,
      groupChanges,
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
  /**
   * The entry kept for `key` if no write of ours made it wrong: as kept, or brought up to date for
   * the customers written since (then kept instead, with its time, and its mark moved on only past
   * our own writes: it shows nothing newer of what others wrote). Undefined when it must be
   * computed afresh.
   */
  const upToDate = (
    db: object,
    entries: Map<string, Entry<T>>,
    key: string,
    version: unknown,
  ): Entry<T> | undefined => {
    const hit = entries.get(key)
    if (!hit || hit.generation !== generation) return undefined
    if (!patch && (hit.unpatchable !== unpatchableGeneration || hit.version !== version)) return undefined
    // said by the code that wrote it, with or without a customers' write to go with it
    if (groupsOnly && hit.groupChanges !== groupChanges) return undefined
    const touched = touchedSince(hit.touchSeq, db, hit.mark)
    if (touched === null) return undefined
    if (touched.customerIds.length === 0 && hit.version === version) return hit
    if (groupsOnly) {
      // nobody changed groups: what it shows is as true as before (as of our writes too)
      hit.touchSeq = touchSeq
      hit.mark = touched.mark
      return hit
    }
    if (!patch) return undefined
    const { customerIds } = touched
    const patched: Entry<T> = {
      ...hit,
      touchSeq,
      mark: touched.mark,
      version,
      done: false,
      refreshing: false,
      value: hit.value.then((v) => patch(v, customerIds, version)),
    }
    patched.value.then(
      () => {
        patched.done = true
      },
      () => {
        if (entries.get(key) === patched) entries.delete(key)
      },
    )
    entries.set(key, patched)
    return patched
  }
  /**
   * The result for `key`. A cache that can bring its results up to date (`patch`) keeps one result
   * per key across versions: a read of another version brings it there (a list of yesterday moved
   * on to today) instead of computing afresh.
   */
  const read = (db: object, key: string, compute: () => Promise<T>, version?: unknown): Promise<T> => {
    let entries = byDb.get(db)
    if (!entries) {
      entries = new Map()
      byDb.set(db, entries)
    }
    const mark = changeMarks.get(db)
    const hit = upToDate(db, entries, key, version)
    if (hit) {
      const current = mark ? hit.mark === mark() : Date.now() - hit.at < ttlMs
      if (current || !hit.done || hit.refreshing) return hit.value
      // changed elsewhere (or old) but no write of ours since: answered at once, computed afresh beside it
      hit.refreshing = true
      const fresh = start(entries, key, compute, mark, version)
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
    // results from before a write that forgot everything are never shown again: not kept either (the
    // list of a day past would stay in memory for good: its key names the day)
    for (const [k, e] of entries) if (e.generation !== generation) entries.delete(k)
    const entry = start(entries, key, compute, mark, version)
    entries.set(key, entry)
    return entry.value
  }
  return Object.assign(read, {
    /** how many results are kept for this database */
    size: (db: object) => byDb.get(db)?.size ?? 0,
  })
}
