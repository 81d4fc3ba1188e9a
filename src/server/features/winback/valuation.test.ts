import { describe, expect, it } from 'vitest'
import { annuityFactor, gate, recoveryCost, valueIfWonBack } from './valuation'

const base = {
  model: null,
  annualRevenueCents: 200_000,
  importedMarginRate: null,
  defaultMarginRate: 0.25,
  horizonMonths: 36,
  monthlyDiscountRate: 0,
}

describe('valueIfWonBack', () => {
  it('from the model: discounted revenue if won back × the margin rate, in margin', () => {
    const model = {
      purchases: 14.2,
      spendCents: 82_000,
      discountedRevenueCents: 1_000_000,
      horizonMonths: 36,
    }
    expect(valueIfWonBack({ ...base, model, importedMarginRate: 0.4 })).toEqual({
      cents: 400_000,
      method: 'model',
      annualMarginCents: 80_000,
      marginRate: 0.4,
      marginFromImport: true,
      horizonMonths: 36,
      purchases: 14.2,
      spendCents: 82_000,
    })
  })

  it('without a usable model: the imported annual margin over the expected lifetime', () => {
    expect(valueIfWonBack({ ...base, importedMarginRate: 0.25 })).toMatchObject({
      cents: 150_000,
      method: 'historical_margin',
      marginFromImport: true,
      purchases: null,
    })
  })

  it('without a margin in the import, the segment default: 25 % of 2,000 € × 2.5 years = 1,250 €', () => {
    expect(valueIfWonBack({ ...base, horizonMonths: 30 })).toEqual({
      cents: 125_000,
      method: 'historical_margin',
      annualMarginCents: 50_000,
      marginRate: 0.25,
      marginFromImport: false,
      horizonMonths: 30,
      purchases: null,
      spendCents: null,
    })
  })

  it('discounts the margin month by month like the model does: 1 %/month over 36 months is 30.1 months', () => {
    // 50,000 cents a year = 4,166.67 a month; annuity factor (1 − 1.01^−36) / 0.01 = 30.1075
    expect(valueIfWonBack({ ...base, monthlyDiscountRate: 0.01 }).cents).toBe(
      Math.round((50_000 / 12) * 30.10750504),
    )
    expect(annuityFactor(36, 0.01)).toBeCloseTo(30.10750504, 7)
    expect(annuityFactor(12, 0)).toBe(12)
  })

  it('never mixes in P(alive): a model value of a customer long gone is still what they are worth once back', () => {
    // the old CLV of such a customer was ≈ 0 (weighted by P(alive) ≈ 0); the value if won back is not
    const model = { purchases: 30, spendCents: 100_000, discountedRevenueCents: 2_500_000, horizonMonths: 36 }
    expect(valueIfWonBack({ ...base, model }).cents).toBe(625_000)
  })

  it('a model value of zero, not finite or without a horizon falls back to history; a negative margin is worth nothing', () => {
    const model = { purchases: 0, spendCents: 0, discountedRevenueCents: 0, horizonMonths: 36 }
    expect(valueIfWonBack({ ...base, model }).method).toBe('historical_margin')
    expect(valueIfWonBack({ ...base, model: { ...model, discountedRevenueCents: Number.NaN } }).method).toBe(
      'historical_margin',
    )
    expect(
      valueIfWonBack({ ...base, model: { ...model, discountedRevenueCents: 100, horizonMonths: 0 } }).method,
    ).toBe('historical_margin')
    expect(valueIfWonBack({ ...base, annualRevenueCents: -40_000 }).cents).toBe(0)
    expect(valueIfWonBack({ ...base, importedMarginRate: -0.2 }).cents).toBe(0)
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
    ).toEqual({ cents: 8_000, effortMinutes: 30, effortCents: 3_000, measureCents: 5_000, postageCents: 0 })
  })

  it('adds the postage of every letter: two letters at 0.95 € and a phone call', () => {
    expect(
      recoveryCost({
        measureCents: 1_000,
        contacts: [
          { channel: 'letter', minutes: 10 },
          { channel: 'phone', minutes: 15 },
          { channel: 'letter', minutes: 5 },
        ],
        hourlyRateCents: 6_000,
        postageCents: 95,
      }),
    ).toEqual({
      cents: 1_000 + 3_000 + 190,
      effortMinutes: 30,
      effortCents: 3_000,
      measureCents: 1_000,
      postageCents: 190,
    })
  })

  it('ignores negative minutes and measures; no contacts cost only the measure', () => {
    expect(
      recoveryCost({
        measureCents: -5,
        contacts: [{ channel: 'phone', minutes: -10 }],
        hourlyRateCents: 6_000,
      }),
    ).toEqual({ cents: 0, effortMinutes: 0, effortCents: 0, measureCents: 0, postageCents: 0 })
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
