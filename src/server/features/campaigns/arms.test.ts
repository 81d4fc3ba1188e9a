import { describe, expect, it } from 'vitest'
import { armHash, assignArms } from './arms'

const members = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ customerId: 1000 + i, priority: ((i * 7919) % 1000) * 13 }))

describe('arm assignment', () => {
  it('draws numbers in [0, 1) that look uniform and differ by campaign', () => {
    const draws = Array.from({ length: 10_000 }, (_, i) => armHash('campaign-1', i))
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...draws)).toBeLessThan(1)
    // ten bins of 1,000 expected each: a chi-square far below the 0.1 % quantile of 27.9 (9 df)
    const bins = new Array(10).fill(0)
    for (const d of draws) bins[Math.floor(d * 10)]++
    const chi = bins.reduce((s, b) => s + (b - 1000) ** 2 / 1000, 0)
    expect(chi).toBeLessThan(27.9)
    expect(armHash('campaign-1', 5)).not.toBe(armHash('campaign-2', 5))
  })

  it('is balanced within ±3 percentage points at 1,000 members, overall and per stratum', () => {
    for (const share of [0.1, 0.2, 0.3, 0.5]) {
      const arms = assignArms(members(1000), { seed: `s-${share}`, controlShare: share })
      const control = [...arms.values()].filter((a) => a.arm === 'control')
      expect(Math.abs(control.length / 1000 - share)).toBeLessThanOrEqual(0.03)
      for (let s = 0; s < 5; s++) {
        const inStratum = [...arms.values()].filter((a) => a.stratum === s)
        const share_ = inStratum.filter((a) => a.arm === 'control').length / inStratum.length
        expect(Math.abs(share_ - share)).toBeLessThanOrEqual(0.03)
      }
    }
  })

  it('balances priority: both arms have the same mean priority within 5 %', () => {
    const all = members(1000)
    const arms = assignArms(all, { seed: 'x', controlShare: 0.5 })
    const mean = (arm: string) => {
      const p = all.filter((m) => arms.get(m.customerId)!.arm === arm).map((m) => m.priority)
      return p.reduce((s, v) => s + v, 0) / p.length
    }
    expect(Math.abs(mean('control') / mean('treatment') - 1)).toBeLessThan(0.05)
  })

  it('gives the same split on every run and whatever order the members come in', () => {
    const all = members(500)
    const a = assignArms(all, { seed: 'stable', controlShare: 0.2 })
    const b = assignArms([...all].reverse(), { seed: 'stable', controlShare: 0.2 })
    expect([...b.entries()].sort((x, y) => x[0] - y[0])).toEqual([...a.entries()].sort((x, y) => x[0] - y[0]))
    const c = assignArms(all, { seed: 'other', controlShare: 0.2 })
    expect([...c.entries()].some(([id, v]) => a.get(id)!.arm !== v.arm)).toBe(true)
  })

  it('handles no control group, tiny groups, and refuses a share of 1', () => {
    expect(
      [...assignArms(members(10), { seed: 'a', controlShare: 0 }).values()].every(
        (x) => x.arm === 'treatment',
      ),
    ).toBe(true)
    const three = assignArms(members(3), { seed: 'a', controlShare: 0.5 })
    expect([...three.values()].filter((x) => x.arm === 'control')).toHaveLength(2) // round(1.5) = 2
    expect(assignArms([], { seed: 'a', controlShare: 0.2 }).size).toBe(0)
    expect(() => assignArms(members(3), { seed: 'a', controlShare: 1 })).toThrow(RangeError)
  })
})
