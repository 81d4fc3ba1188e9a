import { describe, expect, it } from 'vitest'
import { median } from './rhythm'

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull()
    expect(median([7])).toBe(7)
    expect(median([30, 10, 20])).toBe(20)
    expect(median([40, 10, 30, 20])).toBe(25)
    expect(median([5, 5, 1, 5])).toBe(5)
    expect(median([-3, 2.5, 0])).toBe(0)
  })

  it('agrees with sorting for short and long lists, and leaves its input alone', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed / 2_147_483_648
    }
    for (let n = 1; n <= 80; n++) {
      const values = Array.from({ length: n }, () => Math.round(random() * 400) / 2)
      const copy = [...values]
      const sorted = [...values].sort((a, b) => a - b)
      const expected = n % 2 ? sorted[n >> 1] : (sorted[(n >> 1) - 1]! + sorted[n >> 1]!) / 2
      expect(median(values)).toBe(expected)
      expect(values).toEqual(copy)
    }
  })
})
