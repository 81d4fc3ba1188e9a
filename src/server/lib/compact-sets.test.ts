import { describe, expect, it } from 'vitest'
import { IdBitSet, StringHashSet } from './compact-sets'

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
