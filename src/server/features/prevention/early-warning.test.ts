import { describe, expect, it } from 'vitest'
import {
  type EarlyWarningInput,
  reasonsSuggestedBy,
  defaultEarlyWarningSettings as settings,
  warningRisk,
  warningSignals,
} from './early-warning'

const base: EarlyWarningInput = {
  status: 'active',
  churnSignals: [],
  pAlive: 0.9,
  previousPAlive: 0.92,
  signs: [],
  today: '2026-06-30',
}

describe('early warning signals', () => {
  it('raises nothing for a steady active customer', () => {
    expect(warningSignals(base, settings)).toEqual([])
    expect(warningRisk([])).toBe(0)
  })

  it('raises a fall of P(alive) of at least the set amount since the scoring before, not a smaller one', () => {
    expect(warningSignals({ ...base, previousPAlive: 0.9, pAlive: 0.75 }, settings)).toEqual([
      { code: 'p_alive_fell', params: { from: 0.9, to: 0.75 } },
    ])
    expect(warningSignals({ ...base, previousPAlive: 0.9, pAlive: 0.76 }, settings)).toEqual([])
    // a customer new to the scoring has nothing to fall from
    expect(warningSignals({ ...base, previousPAlive: null, pAlive: 0.1 }, settings)).toEqual([])
    expect(
      warningSignals({ ...base, previousPAlive: 0.9, pAlive: 0.8 }, { ...settings, pAliveDrop: 0.1 }),
    ).toHaveLength(1)
  })

  it('passes the lifecycle churn signals on with their numbers', () => {
    const overdue = { code: 'overdue' as const, params: { daysSince: 80, intervalDays: 30, factor: 2 } }
    expect(warningSignals({ ...base, status: 'at_risk', churnSignals: [overdue] }, settings)).toEqual([
      overdue,
    ])
  })

  it('counts recorded signs of the last 90 days, one signal per kind with the latest note and the count', () => {
    const signals = warningSignals(
      {
        ...base,
        signs: [
          { kind: 'complaint', notedOn: '2026-05-01', note: 'Lieferung beschädigt' },
          { kind: 'complaint', notedOn: '2026-06-20', note: 'Rechnung falsch' },
          { kind: 'cancelled_visit', notedOn: '2026-03-01', note: null }, // 121 days ago: too old
          { kind: 'competitor_mentioned', notedOn: '2026-04-01', note: null }, // 90 days ago: still counts
          { kind: 'other', notedOn: '2026-07-02', note: null }, // after today: not yet
        ],
      },
      settings,
    )
    expect(signals).toEqual([
      { code: 'complaint', params: { notedOn: '2026-06-20', count: 2, note: 'Rechnung falsch' } },
      { code: 'competitor_mentioned', params: { notedOn: '2026-04-01', count: 1, note: '' } },
    ])
  })

  it('watches only customers still buying: sleeping, lost and prospects are not warned about', () => {
    const signs = [{ kind: 'complaint' as const, notedOn: '2026-06-20', note: null }]
    for (const status of ['new', 'active', 'reactivated', 'at_risk'] as const)
      expect(warningSignals({ ...base, status, signs }, settings)).toHaveLength(1)
    for (const status of ['sleeping', 'lost', 'prospect'] as const)
      expect(warningSignals({ ...base, status, signs }, settings)).toEqual([])
  })
})

describe('warning risk', () => {
  it('combines signals as independent evidence: 1 − Π(1 − w)', () => {
    expect(warningRisk([{ code: 'contract_cancelled', params: {} }])).toBeCloseTo(0.6, 12)
    expect(
      warningRisk([
        { code: 'complaint', params: {} },
        { code: 'overdue', params: {} },
      ]),
    ).toBeCloseTo(1 - 0.6 * 0.7, 12)
  })

  it('weighs a larger fall of P(alive) more, never to certainty', () => {
    const fall = (from: number, to: number) => warningRisk([{ code: 'p_alive_fell', params: { from, to } }])
    expect(fall(0.9, 0.7)).toBeCloseTo(0.3 * 1.2, 12)
    expect(fall(0.9, 0.2)).toBeGreaterThan(fall(0.9, 0.7))
    expect(fall(1, 0)).toBeCloseTo(0.6, 12)
    expect(
      warningRisk(Array.from({ length: 20 }, () => ({ code: 'complaint' as const, params: {} }))),
    ).toBeLessThan(1)
  })
})

describe('reasons a signal suggests', () => {
  it('maps complaints, competitors, falling order values and a new contact person to catalogue reasons', () => {
    expect(
      reasonsSuggestedBy([
        { code: 'complaint', params: {} },
        { code: 'overdue', params: {} },
        { code: 'order_value_falling', params: {} },
        { code: 'complaint', params: {} },
      ]),
    ).toEqual(['criticism_ignored', 'price_performance'])
    expect(reasonsSuggestedBy([{ code: 'contact_person_left', params: {} }])).toEqual([
      'contact_person_changed',
    ])
    expect(reasonsSuggestedBy([{ code: 'p_alive_fell', params: {} }])).toEqual([])
  })
})
