import { describe, expect, it } from 'vitest'
import { hashOf, IdBitSet, NumbersById, StringHashSet, StringIndex } from './compact-sets'

describe('StringHashSet', () => {
  it('has every member and, of 100,000 others, hardly any', () => {
    const set = new StringHashSet()
    for (let i = 0; i < 200_000; i++) set.add(`invoice:RE-${i}`)
    set.add('invoice:RE-5')
    expect(set.size).toBe(200_000)
    for (let i = 0; i < 200_000; i++) expect(set.has(`invoice:RE-${i}`)).toBe(true)
    let wrong = 0
    for (let i = 0; i < 100_000; i++) if (set.has(`credit_note:GS-${i}`)) wrong++
    // about 200,000 / 2³² of the time: 5 in 100,000 would already be ten times that
    expect(wrong).toBeLessThan(5)
    expect(new StringHashSet().has('')).toBe(false)
  })

  it('fills its table up to three quarters: four bytes a slot, 5.3 a member at most', () => {
    const set = new StringHashSet()
    for (let i = 0; i < 196_608; i++) set.add(`K${i}`)
    expect(set.byteLength).toBe(262_144 * 4)
    set.add('K196608')
    expect(set.byteLength).toBe(524_288 * 4)
    let missing = 0
    for (let i = 0; i <= 196_608; i++) if (!set.has(`K${i}`)) missing++
    expect(missing).toBe(0)
  })
})

describe('StringIndex', () => {
  it('numbers strings in the order added and finds each again, also across growing', () => {
    const index = new StringIndex()
    expect(index.get('K1')).toBeUndefined()
    for (let i = 0; i < 100_000; i++) expect(index.add(`K${i}`)).toBe(i)
    expect(index.size).toBe(100_000)
    expect(index.keys[4711]).toBe('K4711')
    let wrong = 0
    for (let i = 0; i < 100_000; i++) if (index.get(`K${i}`) !== i) wrong++
    // a string made anew (not the one added) is found by its value
    for (let i = 0; i < 1000; i++) if (index.get(['K', String(i)].join('')) !== i) wrong++
    expect(wrong).toBe(0)
    for (const absent of ['K100000', 'k1', '', 'K-1', 'K01']) expect(index.has(absent)).toBe(false)
  })

  it('tells apart two strings of the same hash', () => {
    // found among 170,000 random ones
    const [first, second] = ['C1amxx3y', 'C1hu1f3o']
    expect(hashOf(first)).toBe(hashOf(second))
    const index = new StringIndex()
    index.add(first)
    expect(index.get(second)).toBeUndefined()
    index.add(second)
    expect([index.get(first), index.get(second)]).toEqual([0, 1])
  })
})

describe('IdBitSet', () => {
  it('holds exactly the ids added', () => {
    const set = new IdBitSet()
    const ids = [0, 1, 7, 8, 1023, 8192, 8193, 5_000_000]
    for (const id of ids) set.add(id)
    for (let id = 0; id < 10_000; id++) expect(set.has(id)).toBe(ids.includes(id))
    expect(set.has(5_000_000)).toBe(true)
    expect(set.has(4_999_999)).toBe(false)
    expect(set.has(90_000_000)).toBe(false)
  })
})

describe('NumbersById', () => {
  it('gives back the number set for each id, across growth, and null for ids never set', () => {
    const map = new NumbersById()
    const set = new Map<number, number>([
      [0, 0],
      [1, -0.5],
      [1023, 1e300],
      [1024, 7],
      [2_000_001, 0.25],
    ])
    for (const [id, value] of set) map.set(id, value)
    map.set(1024, 8)
    set.set(1024, 8)
    for (let id = 0; id < 5_000; id++) expect(map.get(id)).toBe(set.get(id) ?? null)
    expect(map.get(2_000_001)).toBe(0.25)
    expect(map.get(2_000_000)).toBeNull()
    expect(map.get(90_000_000)).toBeNull()
    expect(map.get(-1)).toBeNull()
  })

  it('refuses what it cannot store', () => {
    const map = new NumbersById()
    expect(() => map.set(-1, 1)).toThrow(RangeError)
    expect(() => map.set(1.5, 1)).toThrow(RangeError)
    expect(() => map.set(1, Number.NaN)).toThrow(RangeError)
  })
})
