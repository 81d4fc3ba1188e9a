import { describe, expect, it } from 'vitest'
import { createReadCache, forgetCachedReads } from './read-cache'

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

  it('keeps nothing past its time, and no failure', async () => {
    const cache = createReadCache<number>(0)
    let computed = 0
    expect(await cache({}, 'k', async () => ++computed)).toBe(1)
    const db = {}
    await expect(cache(db, 'k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    const forever = createReadCache<number>(60_000)
    await expect(forever(db, 'k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await forever(db, 'k', async () => 7)).toBe(7)
  })
})
