import { describe, expect, it } from 'vitest'
import { groupSummariesIndexed, type SummaryInput } from './groups'
import { seededRandom } from './simulate'

/** The grouping as plainly as it can be written: a key string per triple, groups in first-seen order. */
function reference(rows: readonly SummaryInput[]) {
  const index = new Map<string, number>()
  const groups: { x: number; tx: number; T: number; weight: number }[] = []
  const groupOf = rows.map((r) => {
    const key = `${r.x}|${r.tx}|${r.T}`
    let g = index.get(key)
    if (g === undefined) {
      g = groups.length
      index.set(key, g)
      // a −0 is the same time as 0, and kept as 0
      groups.push({ x: r.x + 0, tx: r.tx + 0, T: r.T + 0, weight: 0 })
    }
    groups[g]!.weight += r.weight ?? 1
    return g
  })
  const xValues = [...new Set(groups.map((g) => g.x))].sort((a, b) => a - b)
  const times = [...new Set(groups.flatMap((g) => [g.tx, g.T]))].sort((a, b) => a - b)
  return { groups, groupOf, xValues, times }
}

describe('grouping the summaries by (x, t_x, T)', () => {
  it('numbers each distinct triple in the order first seen, with its weight and the distinct values indexed', () => {
    const next = seededRandom(21)
    // weeks of a few years, so that many customers share a triple and most triples are fractional
    const rows: SummaryInput[] = Array.from({ length: 50_000 }, () => {
      const first = Math.floor(next() * 200)
      const x = Math.floor(next() * 5)
      const last = x === 0 ? first : Math.min(400, first + 20 * Math.floor(next() * 12))
      return { x, tx: (last - first) / 7, T: (400 - first) / 7, weight: next() < 0.2 ? 3 : undefined }
    })
    // a −0 is the same time as 0
    rows.push({ x: 0, tx: -0, T: 0 }, { x: 0, tx: 0, T: 0 })
    const { data, groupOf } = groupSummariesIndexed(rows)
    const expected = reference(rows)
    expect(expected.groups.length).toBeLessThan(rows.length / 2)
    expect(Array.from(groupOf)).toEqual(expected.groupOf)
    expect(data.size).toBe(expected.groups.length)
    expect(Array.from(data.x)).toEqual(expected.groups.map((g) => g.x))
    expect(Array.from(data.tx)).toEqual(expected.groups.map((g) => g.tx))
    expect(Array.from(data.T)).toEqual(expected.groups.map((g) => g.T))
    expect(Array.from(data.weight)).toEqual(expected.groups.map((g) => g.weight))
    expect(data.customers).toBe(expected.groups.reduce((s, g) => s + g.weight, 0))
    expect(Array.from(data.xValues)).toEqual(expected.xValues)
    expect(Array.from(data.times)).toEqual(expected.times)
    for (let g = 0; g < data.size; g++) {
      expect(data.xValues[data.xIndex[g]!]).toBe(data.x[g])
      expect(data.times[data.txIndex[g]!]).toBe(data.tx[g])
      expect(data.times[data.TIndex[g]!]).toBe(data.T[g])
    }
  })

  it('refuses a summary whose times are not 0 ≤ t_x ≤ T', () => {
    for (const row of [
      { x: 1, tx: 2, T: 1 },
      { x: -1, tx: 0, T: 1 },
      { x: 1, tx: Number.NaN, T: 1 },
      { x: 1, tx: 0, T: Number.POSITIVE_INFINITY },
    ])
      expect(() => groupSummariesIndexed([{ x: 0, tx: 0, T: 1 }, row])).toThrow(/Invalid summary/)
  })
})
