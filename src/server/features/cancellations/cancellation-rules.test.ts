import { describe, expect, it } from 'vitest'
import { decideCancellation, receiveCancellation, summariseRetention } from './cancellation-rules'

const running = { startedOn: '2024-01-01', endsOn: null, cancelledOn: null }

describe('receiveCancellation', () => {
  it('marks the contract cancelled on the day it arrived and ending on the effective day', () => {
    expect(receiveCancellation(running, false, '2026-06-15', '2026-09-30')).toEqual({
      startedOn: '2024-01-01',
      cancelledOn: '2026-06-15',
      endsOn: '2026-09-30',
    })
    // without an effective day the contract keeps the end it had
    expect(receiveCancellation({ ...running, endsOn: '2026-12-31' }, false, '2026-06-15', null).endsOn).toBe(
      '2026-12-31',
    )
  })

  it('accepts the reason for a cancellation the import already carries', () => {
    const imported = { startedOn: '2024-01-01', endsOn: '2026-03-31', cancelledOn: '2026-01-10' }
    expect(receiveCancellation(imported, false, '2026-01-10', null)).toEqual(imported)
  })

  it.each([
    [running, true, '2026-06-15', null, 'already has a cancellation'],
    [running, false, '2023-12-31', null, 'before the contract started'],
    [{ ...running, endsOn: '2025-12-31' }, false, '2026-01-15', null, 'had already ended on 2025-12-31'],
    [running, false, '2026-06-15', '2026-06-14', 'effectiveOn'],
  ] as const)('refuses %#: %s', (contract, open, received, effective, message) => {
    expect(() => receiveCancellation(contract, open, received, effective)).toThrow(message)
  })
})

describe('decideCancellation', () => {
  const cancelled = { startedOn: '2024-01-01', cancelledOn: '2026-06-15', endsOn: '2026-09-30' }
  const pending = { receivedOn: '2026-06-15', effectiveOn: '2026-09-30', outcome: 'pending' } as const

  it('withdrawn: the contract runs on with the end it had before', () => {
    expect(
      decideCancellation(
        cancelled,
        { cancelledOn: null, endsOn: '2027-12-31' },
        pending,
        'withdrawn',
        '2026-06-20',
      ),
    ).toEqual({ startedOn: '2024-01-01', cancelledOn: null, endsOn: '2027-12-31' })
  })

  it('withdrawn after an imported cancellation: its end came from the cancellation, so it runs open-ended', () => {
    expect(
      decideCancellation(
        cancelled,
        { cancelledOn: '2026-06-15', endsOn: '2026-09-30' },
        pending,
        'withdrawn',
        '2026-06-20',
      ),
    ).toEqual({ startedOn: '2024-01-01', cancelledOn: null, endsOn: null })
  })

  it('effective: ends on the effective day, else the end it has, else the day of the decision', () => {
    const before = { cancelledOn: null, endsOn: null }
    expect(decideCancellation(cancelled, before, pending, 'effective', '2026-07-01').endsOn).toBe(
      '2026-09-30',
    )
    const noDay = { ...pending, effectiveOn: null }
    expect(
      decideCancellation({ ...cancelled, endsOn: null }, before, noDay, 'effective', '2026-07-01').endsOn,
    ).toBe('2026-07-01')
    expect(
      decideCancellation({ ...cancelled, endsOn: '2026-12-31' }, before, noDay, 'effective', '2026-07-01')
        .endsOn,
    ).toBe('2026-12-31')
  })

  it('refuses a second decision and a decision before the cancellation', () => {
    const before = { cancelledOn: null, endsOn: null }
    expect(() =>
      decideCancellation(cancelled, before, { ...pending, outcome: 'withdrawn' }, 'effective', '2026-07-01'),
    ).toThrow('already withdrawn')
    expect(() => decideCancellation(cancelled, before, pending, 'effective', '2026-06-14')).toThrow(
      'decidedOn',
    )
  })
})

describe('summariseRetention', () => {
  const row = (
    outcome: 'pending' | 'withdrawn' | 'effective',
    offer: string | null,
    reason: string | null,
    value = 0,
  ) => ({
    outcome,
    retentionOffer: offer,
    reason,
    reasonKey: reason === null ? null : reason.length,
    monthlyValueCents: value,
  })

  it('counts, rates and groups (hand-computed)', () => {
    const s = summariseRetention([
      row('withdrawn', 'Rabatt 10 %', 'price', 50_00),
      row('effective', ' rabatt 10 % ', 'price', 70_00),
      row('withdrawn', 'Upgrade', 'quality', 30_00),
      row('pending', null, null),
    ])
    expect(s).toMatchObject({
      received: 4,
      pending: 1,
      withRetentionOffer: 3,
      withdrawn: 2,
      effective: 1,
      keptMonthlyValueCents: 80_00,
    })
    expect(s.retentionRate).toBeCloseTo(2 / 3, 12)
    expect(s.byOffer).toEqual([
      { offer: 'Rabatt 10 %', attempts: 2, withdrawn: 1, effective: 1, retentionRate: 0.5 },
      { offer: 'Upgrade', attempts: 1, withdrawn: 1, effective: 0, retentionRate: 1 },
    ])
    expect(s.byReason).toEqual([
      { reason: 'price', received: 2, withdrawn: 1, effective: 1 },
      { reason: 'quality', received: 1, withdrawn: 1, effective: 0 },
      { reason: null, received: 1, withdrawn: 0, effective: 0 },
    ])
  })

  it('has no rate before the first decision', () => {
    expect(summariseRetention([row('pending', 'x', null)]).retentionRate).toBeNull()
    expect(summariseRetention([]).received).toBe(0)
  })
})
