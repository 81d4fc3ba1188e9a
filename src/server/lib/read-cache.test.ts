import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createTestDb, testDialects } from '../../../test/databases'
import { openDatabase } from '../db/database'
import {
  changeMarkOf,
  confirmGroupChanges,
  createReadCache,
  customerGroupsChanged,
  forgetAllButPatchable,
  forgetCachedReads,
  forgetCachedReadsOf,
  groupChangesSaid,
  refreshChangeMark,
  watchChanges,
} from './read-cache'

/** Lets the computations begun so far settle. */
const settle = () => new Promise((r) => setTimeout(r, 0))

describe('createReadCache', () => {
  it('computes once for concurrent and repeated reads, again after a write or per database', async () => {
    const cache = createReadCache<number>(60_000)
    let computed = 0
    const compute = async () => ++computed
    const db = {}
    expect(await Promise.all([cache(db, 'k', compute), cache(db, 'k', compute)])).toEqual([1, 1])
    expect(await cache(db, 'k', compute)).toBe(1)
    expect(await cache({}, 'k', compute)).toBe(2)
    expect(await cache(db, 'other', compute)).toBe(3)
    forgetCachedReads()
    expect(await cache(db, 'k', compute)).toBe(4)
  })

  it('answers with the last result past its time while computing the next, unless a write made it wrong', async () => {
    const cache = createReadCache<number>(0)
    let computed = 0
    let release = () => {}
    const slow = () =>
      new Promise<number>((resolve) => {
        const n = ++computed
        release = () => resolve(n)
        if (n === 1) resolve(n)
      })
    const db = {}
    expect(await cache(db, 'k', slow)).toBe(1)
    // past its time: the old result at once, one new computation beside it
    expect(await cache(db, 'k', slow)).toBe(1)
    expect(await cache(db, 'k', slow)).toBe(1)
    expect(computed).toBe(2)
    release()
    await new Promise((r) => setTimeout(r, 0))
    expect(await cache(db, 'k', slow)).toBe(2)
    expect(computed).toBe(3)
    release()
    await new Promise((r) => setTimeout(r, 0))
    // after a write the old result is not shown: the read waits for the new one
    forgetCachedReads()
    const afterWrite = cache(db, 'k', slow)
    expect(computed).toBe(4)
    release()
    expect(await afterWrite).toBe(4)
  })

  it('keeps no failure', async () => {
    const db = {}
    const cache = createReadCache<number>(0)
    await expect(cache(db, 'k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    const forever = createReadCache<number>(60_000)
    await expect(forever(db, 'k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await forever(db, 'k', async () => 7)).toBe(7)
  })

  it('with a change mark, keeps a result however old until the database changed, then computes beside', async () => {
    const cache = createReadCache<number>(0)
    const db = {}
    let version = 1
    watchChanges(db, () => version)
    let computed = 0
    const compute = async () => ++computed
    expect(await cache(db, 'k', compute)).toBe(1)
    await settle()
    // past its time (0 ms) but nothing changed: no computation
    expect(await cache(db, 'k', compute)).toBe(1)
    expect(await cache(db, 'k', compute)).toBe(1)
    expect(computed).toBe(1)
    version = 2
    // changed elsewhere: the last result at once, the new one beside it, then kept again
    expect(await cache(db, 'k', compute)).toBe(1)
    await settle()
    expect(await cache(db, 'k', compute)).toBe(2)
    expect(await cache(db, 'k', compute)).toBe(2)
    expect(computed).toBe(2)
  })

  it('brings a result up to date for the customers written, once for all reads, instead of computing it afresh', async () => {
    forgetCachedReads()
    const patches: number[][] = []
    const cache = createReadCache<string>(60_000, {
      patch: async (value, ids) => {
        patches.push(ids)
        return `${value}+${ids.join(',')}`
      },
    })
    const plain = createReadCache<string>(60_000)
    let computed = 0
    const compute = async () => `v${++computed}`
    const db = {}
    expect(await cache(db, 'k', compute)).toBe('v1')
    expect(await plain(db, 'k', compute)).toBe('v2')
    forgetCachedReadsOf([3])
    forgetCachedReadsOf([4, 3])
    expect(await Promise.all([cache(db, 'k', compute), cache(db, 'k', compute)])).toEqual([
      'v1+3,4',
      'v1+3,4',
    ])
    expect(patches).toEqual([[3, 4]])
    expect(await cache(db, 'k', compute)).toBe('v1+3,4')
    // a result that cannot be brought up to date is computed afresh
    expect(await plain(db, 'k', compute)).toBe('v3')
    forgetCachedReadsOf([])
    expect(await cache(db, 'k', compute)).toBe('v1+3,4')
    // a write that may have changed anything: computed afresh
    forgetCachedReads()
    expect(await cache(db, 'k', compute)).toBe('v4')
    expect(patches).toHaveLength(1)
  })

  it('brings a result to another version (a day) with the customers written since, instead of computing it afresh', async () => {
    forgetCachedReads()
    const patches: unknown[] = []
    const cache = createReadCache<string>(60_000, {
      patch: async (value, ids, version) => {
        patches.push([ids, version])
        return `${value}>${String(version)}+${ids.join(',')}`
      },
    })
    const plain = createReadCache<string>(60_000)
    let computed = 0
    const compute = async () => `v${++computed}`
    const db = {}
    expect(await cache(db, 'k', compute, 'monday')).toBe('v1')
    expect(await plain(db, 'k', compute, 'monday')).toBe('v2')
    // the same version, nothing written: kept
    expect(await cache(db, 'k', compute, 'monday')).toBe('v1')
    // another version with nobody written: brought there
    expect(await cache(db, 'k', compute, 'tuesday')).toBe('v1>tuesday+')
    expect(await cache(db, 'k', compute, 'tuesday')).toBe('v1>tuesday+')
    // a result that cannot be brought up to date is computed afresh for another version
    expect(await plain(db, 'k', compute, 'tuesday')).toBe('v3')
    expect(await plain(db, 'k', compute, 'tuesday')).toBe('v3')
    // the night's job: patchable results brought up to date for the customers it names, the others afresh
    forgetAllButPatchable([7, 8])
    expect(await cache(db, 'k', compute, 'wednesday')).toBe('v1>tuesday+>wednesday+7,8')
    expect(await plain(db, 'k', compute, 'wednesday')).toBe('v4')
    forgetAllButPatchable([])
    expect(await plain(db, 'k', compute, 'wednesday')).toBe('v5')
    expect(await cache(db, 'k', compute, 'wednesday')).toBe('v1>tuesday+>wednesday+7,8')
    expect(patches).toEqual([
      [[], 'tuesday'],
      [[7, 8], 'wednesday'],
    ])
    // a write that may have changed anything: computed afresh
    forgetCachedReads()
    expect(await cache(db, 'k', compute, 'wednesday')).toBe('v6')
  })

  it('keeps no result from before a write that forgot everything (a day past among them)', async () => {
    forgetCachedReads()
    const cache = createReadCache<number>(60_000)
    const db = {}
    let computed = 0
    const compute = async () => ++computed
    await cache(db, 'monday', compute)
    await cache(db, 'monday-owner-1', compute)
    expect(cache.size(db)).toBe(2)
    forgetCachedReads()
    await cache(db, 'tuesday', compute)
    expect(cache.size(db)).toBe(1)
    expect(await cache(db, 'tuesday', compute)).toBe(3)
    expect(cache.size({})).toBe(0)
  })

  it('keeps a result of groups after customers’ writes until one changed a status, owner or erasure', async () => {
    forgetCachedReads()
    const counts = createReadCache<number>(60_000, { groupsOnly: true })
    let computed = 0
    const compute = async () => ++computed
    const db = {}
    let version = 1
    watchChanges(db, () => version)
    expect(await counts(db, 'k', compute)).toBe(1)
    // a rating, a note: kept, and as of our write (nothing computed beside it)
    version = 2
    forgetCachedReadsOf([1], { db, before: 1, after: 2 })
    expect(await counts(db, 'k', compute)).toBe(1)
    await settle()
    expect(await counts(db, 'k', compute)).toBe(1)
    expect(computed).toBe(1)
    // a status changed with the write: computed afresh
    customerGroupsChanged()
    forgetCachedReadsOf([2])
    expect(await counts(db, 'k', compute)).toBe(2)
    // a group change without a customers' write to go with it (a classification in this process)
    customerGroupsChanged()
    expect(await counts(db, 'k', compute)).toBe(3)
    expect(await counts(db, 'k', compute)).toBe(3)
    // said before its commit: a result computed in between read the groups as they were, and is
    // computed afresh once the request that said it has committed
    const said = groupChangesSaid()
    customerGroupsChanged()
    expect(await counts(db, 'k', compute)).toBe(4)
    forgetCachedReadsOf([3])
    expect(await counts(db, 'k', compute)).toBe(4)
    confirmGroupChanges(said)
    expect(await counts(db, 'k', compute)).toBe(5)
    // a request during which nothing was said confirms nothing
    confirmGroupChanges(groupChangesSaid())
    expect(await counts(db, 'k', compute)).toBe(5)
  })

  it('keeps no failed update, and computes afresh what misses writes it has forgotten', async () => {
    forgetCachedReads()
    let fail = true
    const cache = createReadCache<string>(60_000, {
      patch: async (value, ids) => {
        if (fail) throw new Error('boom')
        return `${value}+${ids.length}`
      },
    })
    let computed = 0
    const compute = async () => `v${++computed}`
    const db = {}
    expect(await cache(db, 'k', compute)).toBe('v1')
    forgetCachedReadsOf([1])
    await expect(cache(db, 'k', compute)).rejects.toThrow('boom')
    expect(await cache(db, 'k', compute)).toBe('v2')
    fail = false
    forgetCachedReadsOf([1, 2])
    expect(await cache(db, 'k', compute)).toBe('v2+2')
    // 50,000 customers written after it: the oldest write is forgotten, the result computed afresh
    forgetCachedReadsOf(Array.from({ length: 49_999 }, (_, i) => i))
    forgetCachedReadsOf([7, 8])
    expect(await cache(db, 'k', compute)).toBe('v3')
    forgetCachedReadsOf([9])
    expect(await cache(db, 'k', compute)).toBe('v3+1')
  })

  it('moves a change mark past our own writes, not past what another connection committed', async () => {
    forgetCachedReads()
    const cache = createReadCache<string>(0, { patch: async (value, ids) => `${value}+${ids.join(',')}` })
    const db = {}
    let version = 1
    watchChanges(db, () => version)
    let computed = 0
    const compute = async () => `v${++computed}`
    expect(await cache(db, 'k', compute)).toBe('v1')
    // our write to customer 5 moved the mark from 1 to 2: brought up to date, nothing computed beside
    version = 2
    forgetCachedReadsOf([5], { db, before: 1, after: 2 })
    expect(await cache(db, 'k', compute)).toBe('v1+5')
    await settle()
    expect(await cache(db, 'k', compute)).toBe('v1+5')
    expect(computed).toBe(1)
    // a write seen on another database says nothing of this one's mark
    forgetCachedReadsOf([6], { db: {}, before: 2, after: 3 })
    expect(await cache(db, 'k', compute)).toBe('v1+5+6')
    await settle()
    expect(computed).toBe(1)
    // another connection committed as well (2 -> 3 was not ours): up to date at once, afresh beside
    version = 4
    forgetCachedReadsOf([7], { db, before: 3, after: 4 })
    expect(await cache(db, 'k', compute)).toBe('v1+5+6+7')
    await settle()
    expect(await cache(db, 'k', compute)).toBe('v1+5+6+7')
    await settle()
    expect(computed).toBe(2)
    expect(await cache(db, 'k', compute)).toBe('v2')
  })

  it("SQLite's mark sees what another connection committed, and nothing else", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-read-cache-'))
    const file = path.join(dir, 'marks.sqlite')
    const reader = openDatabase({ dialect: 'sqlite', file })
    const writer = openDatabase({ dialect: 'sqlite', file })
    try {
      await sql`create table t (n integer)`.execute(writer.kysely)
      const cache = createReadCache<number>(0)
      let computed = 0
      const compute = async () => ++computed
      expect(await cache(reader.kysely, 'k', compute)).toBe(1)
      await settle()
      // reading changes nothing, on either connection
      await sql`select count(*) from t`.execute(reader.kysely)
      await sql`select count(*) from t`.execute(writer.kysely)
      expect(await cache(reader.kysely, 'k', compute)).toBe(1)
      expect(computed).toBe(1)
      await sql`insert into t (n) values (1)`.execute(writer.kysely)
      expect(await cache(reader.kysely, 'k', compute)).toBe(1)
      await settle()
      expect(await cache(reader.kysely, 'k', compute)).toBe(2)
      expect(computed).toBe(2)
    } finally {
      await reader.close()
      await writer.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it.runIf(testDialects.includes('postgres'))(
    "PostgreSQL's mark sees a committed write, read in the background or at once, and a read alone leaves it",
    async () => {
      const db = await createTestDb('postgres')
      try {
        await sql`create table t (n integer)`.execute(db.kysely)
        const mark = changeMarkOf(db.kysely)!
        expect(mark).toBeDefined()
        // other tests write on the same server beside this one: a read alone leaves the mark on one try at least
        let unchanged = false
        for (let i = 0; i < 20 && !unchanged; i++) {
          await refreshChangeMark(db.kysely)
          const before = mark()
          await sql`select count(*) from t`.execute(db.kysely)
          await refreshChangeMark(db.kysely)
          unchanged = mark() === before
        }
        expect(unchanged).toBe(true)
        const cache = createReadCache<number>(60_000)
        let computed = 0
        const compute = async () => ++computed
        expect(await cache(db.kysely, 'k', compute)).toBe(1)
        await sql`insert into t (n) values (1)`.execute(db.kysely)
        // read in the background within about a second: then computed beside the last result
        for (let i = 0; i < 50 && (await cache(db.kysely, 'k', compute)) === 1; i++)
          await new Promise((r) => setTimeout(r, 100))
        expect(computed).toBe(2)
        const before = mark()
        await sql`insert into t (n) values (2)`.execute(db.kysely)
        await refreshChangeMark(db.kysely)
        expect(mark()).not.toBe(before)
      } finally {
        await db.destroy()
      }
    },
  )
})
