import { describe, expect, it } from 'vitest'
import { normalQuantile, powerOf, powerPreview, sampleSizePerArm } from './power'

describe('power preview', () => {
  it('has the normal quantiles of the tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6)
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 6)
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12)
  })

  it('matches the published sample sizes of the two-proportion test (Fleiss, no continuity correction)', () => {
    // 10 % vs 15 %, α = 0.05 two-sided, power 0.8: 686 per group (Fleiss 2003, G*Power)
    expect(sampleSizePerArm({ baselineRate: 0.1, treatedRate: 0.15 })).toBe(686)
    // 5 % vs 10 %: 435 per group
    expect(sampleSizePerArm({ baselineRate: 0.05, treatedRate: 0.1 })).toBe(435)
    // 20 % vs 30 %, power 0.9: 392 per group
    expect(sampleSizePerArm({ baselineRate: 0.2, treatedRate: 0.3, power: 0.9 })).toBe(392)
    expect(sampleSizePerArm({ baselineRate: 0.1, treatedRate: 0.1 })).toBe(Number.POSITIVE_INFINITY)
  })

  it('gives the planned power back at the planned size, and less for a small control group', () => {
    expect(powerOf({ baselineRate: 0.1, treatedRate: 0.15, treated: 686, control: 686 })).toBeCloseTo(0.8, 2)
    expect(powerOf({ baselineRate: 0.1, treatedRate: 0.15, treated: 900, control: 100 })).toBeLessThan(0.4)
    expect(powerOf({ baselineRate: 0.1, treatedRate: 0.15, treated: 900, control: 0 })).toBe(0)
  })

  it('warns when an arm is smaller than needed', () => {
    const small = powerPreview({ baselineRate: 0.05, treatedRate: 0.15, treated: 160, control: 40 })
    expect(small.requiredPerArm).toBe(141)
    expect(small.tooSmall).toBe(true)
    const enough = powerPreview({ baselineRate: 0.05, treatedRate: 0.15, treated: 800, control: 200 })
    expect(enough.tooSmall).toBe(false)
    expect(enough.achievedPower).toBeGreaterThan(0.8)
  })
})
