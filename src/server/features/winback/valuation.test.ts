import { describe, expect, it } from 'vitest'
import { gate, recoveryCost, valueIfWonBack } from './valuation'

const base = { annualRevenueCents: 200_000, defaultMarginRate: 0.25, expectedLifetimeYears: 3 }

describe('valueIfWonBack', () => {
  it('takes the CLV of the statistical engine where it applies', () => {
    expect(valueIfWonBack({ ...base, clvCents: 123_456.4, annualMarginCents: 40_000 })).toEqual({
      cents: 123_456,
      method: 'clv',
      annualMarginCents: 40_000,
      marginFromImport: true,
    })
  })

  it('otherwise the imported annual margin over the expected lifetime', () => {
    expect(valueIfWonBack({ ...base, clvCents: null, annualMarginCents: 50_000 })).toMatchObject({
      cents: 150_000,
      method: 'historical_margin',
      marginFromImport: true,
    })
  })

  it('without a margin in the import, the segment default: 25 % of 2,000 € × 2.5 years = 1,250 €', () => {
    expect(
      valueIfWonBack({ ...base, expectedLifetimeYears: 2.5, clvCents: null, annualMarginCents: null }),
    ).toEqual({
      cents: 125_000,
      method: 'historical_margin',
      annualMarginCents: 50_000,
      marginFromImport: false,
    })
  })

  it('a CLV of zero or not finite falls back to history; a negative margin is worth nothing', () => {
    expect(valueIfWonBack({ ...base, clvCents: 0, annualMarginCents: null }).method).toBe('historical_margin')
    expect(valueIfWonBack({ ...base, clvCents: Number.NaN, annualMarginCents: null }).method).toBe(
      'historical_margin',
    )
    expect(valueIfWonBack({ ...base, clvCents: null, annualMarginCents: -10_000 }).cents).toBe(0)
  })
})

describe('recoveryCost', () => {
  it('is the measure plus minutes at the hourly rate: 50 € + 30 min × 60 €/h = 80 €', () => {
    expect(
      recoveryCost({
        measureCents: 5_000,
        contacts: [
          { channel: 'phone', minutes: 15 },
          { channel: 'email', minutes: 5 },
          { channel: 'letter', minutes: 10 },
        ],
        hourlyRateCents: 6_000,
      }),
    ).toEqual({ cents: 8_000, effortMinutes: 30, effortCents: 3_000, measureCents: 5_000 })
  })

  it('ignores negative minutes and measures; no contacts cost only the measure', () => {
    expect(
      recoveryCost({
        measureCents: -5,
        contacts: [{ channel: 'phone', minutes: -10 }],
        hourlyRateCents: 6_000,
      }),
    ).toEqual({ cents: 0, effortMinutes: 0, effortCents: 0, measureCents: 0 })
    expect(recoveryCost({ measureCents: 1_000, contacts: [], hourlyRateCents: 6_000 }).cents).toBe(1_000)
  })
})

describe('gate (CRC / CLV)', () => {
  it('is worth it below the ratio; expected net = p × value − cost', () => {
    expect(gate(100_000, 0.3, 8_000)).toEqual({ verdict: 'worth_it', ratio: 0.08, expectedNetCents: 22_000 })
  })

  it('stops when the cost reaches the value (ratio 1 is already too costly)', () => {
    expect(gate(5_000, 0.5, 8_000)).toEqual({ verdict: 'too_costly', ratio: 1.6, expectedNetCents: -5_500 })
    expect(gate(8_000, 0.5, 8_000).verdict).toBe('too_costly')
    expect(gate(8_001, 0.5, 8_000).verdict).toBe('worth_it')
  })

  it('takes a stricter maximum ratio from the settings', () => {
    expect(gate(100_000, 0.9, 60_000, 0.5)).toMatchObject({ verdict: 'too_costly', ratio: 0.6 })
    expect(gate(100_000, 0.9, 40_000, 0.5)).toMatchObject({ verdict: 'worth_it', expectedNetCents: 50_000 })
  })

  it('a customer without value is not worth any cost', () => {
    expect(gate(0, 0.5, 1_000)).toEqual({ verdict: 'no_value', ratio: null, expectedNetCents: -1_000 })
  })

  it('a worthwhile customer can still have a negative expected net value when unlikely to come back', () => {
    expect(gate(10_000, 0.05, 2_000)).toEqual({ verdict: 'worth_it', ratio: 0.2, expectedNetCents: -1_500 })
  })
})
