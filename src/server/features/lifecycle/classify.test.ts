import { describe, expect, it } from 'vitest'
import { addDays } from '../../lib/dates'
import { type CustomerFacts, classifyCustomer } from './classify'
import type { ContractFacts } from './contracts'
import { buildPurchaseLedger, type SalesDocument } from './purchases'
import { defaultThresholds, type LifecycleThresholds, resolveThresholds } from './thresholds'

const asOf = '2026-06-30'
const t = defaultThresholds

function invoice(date: string, euros = 100, number: string | null = null): SalesDocument {
  return {
    date,
    kind: 'invoice',
    netCents: euros * 100,
    countsAsPurchase: true,
    number,
    referenceNumber: null,
  }
}

function facts(
  docs: SalesDocument[],
  contracts: ContractFacts[] = [],
  isProjectCustomer = false,
): CustomerFacts {
  return { ledger: buildPurchaseLedger(docs, asOf), contracts, isProjectCustomer }
}

/** purchases every `every` days, the last one `daysAgo` days before asOf */
function rhythm(count: number, every: number, daysAgo: number, euros = 100): SalesDocument[] {
  return Array.from({ length: count }, (_, i) =>
    invoice(addDays(asOf, -daysAgo - (count - 1 - i) * every), euros),
  )
}

function classify(
  docs: SalesDocument[],
  thresholds: LifecycleThresholds = t,
  contracts: ContractFacts[] = [],
) {
  return classifyCustomer(facts(docs, contracts), asOf, thresholds)
}

describe('lifecycle status rules (defaults of PRODUCT.md)', () => {
  it('a customer without purchases is a prospect, not lost, with rule no_purchases', () => {
    expect(classify([])).toMatchObject({ status: 'prospect', rule: 'no_purchases', purchaseCount: 0 })
  })

  it('new: first purchase within the last 3 months', () => {
    const c = classify([invoice(addDays(asOf, -90))])
    expect(c).toMatchObject({ status: 'new', rule: 'new_first_purchase', ruleParams: { thresholdDays: 91 } })
    expect(classify([invoice(addDays(asOf, -91))]).status).toBe('active')
  })

  it('active: bought recently, in rhythm', () => {
    const c = classify(rhythm(10, 30, 20))
    expect(c).toMatchObject({ status: 'active', rule: 'active_recent_purchase', typicalIntervalDays: 30 })
    expect(c.ruleParams).toEqual({ daysSince: 20, lastPurchase: addDays(asOf, -20) })
  })

  it('at_risk: overdue against the own rhythm (days since > k × typical interval)', () => {
    expect(classify(rhythm(10, 30, 60)).status).toBe('active') // exactly 2 × 30 is not yet overdue
    const c = classify(rhythm(10, 30, 61))
    expect(c).toMatchObject({ status: 'at_risk', rule: 'at_risk_overdue' })
    expect(c.ruleParams).toMatchObject({ daysSince: 61, intervalDays: 30, factor: 2 })
    expect(c.signals.map((s) => s.code)).toContain('overdue')
  })

  it('at_risk needs at least minOverdueDays, so weekly buyers are not at risk after two weeks', () => {
    expect(classify(rhythm(20, 7, 15)).status).toBe('active')
    expect(classify(rhythm(20, 7, 30)).status).toBe('at_risk')
  })

  it('k is configurable', () => {
    expect(classify(rhythm(10, 30, 61), { ...t, overdueFactor: 3 }).status).toBe('active')
    expect(classify(rhythm(10, 30, 91), { ...t, overdueFactor: 3 }).status).toBe('at_risk')
  })

  it('sleeping: overdue for long (more than 4 × the rhythm, at least 90 days)', () => {
    const c = classify(rhythm(10, 30, 121))
    expect(c).toMatchObject({ status: 'sleeping', rule: 'sleeping_overdue_long' })
    expect(c.ruleParams).toMatchObject({ daysSince: 121, intervalDays: 30, factor: 4 })
    // a weekly buyer away for 5 weeks is at risk, not yet sleeping
    expect(classify(rhythm(20, 7, 35)).status).toBe('at_risk')
  })

  it('sleeping: no purchase for more than 6 months', () => {
    const c = classify([-303, -243, -183].map((d) => invoice(addDays(asOf, d))))
    expect(c).toMatchObject({
      status: 'sleeping',
      rule: 'sleeping_no_purchase',
      ruleParams: { daysSince: 183 },
    })
    // one long interval is this customer's rhythm: 183 days after a 217-day pause is no more than usual
    expect(classify([invoice(addDays(asOf, -400)), invoice(addDays(asOf, -183))]).status).toBe('reactivated')
    expect(classify([invoice(addDays(asOf, -182))]).status).toBe('active')
    expect(classify([invoice(addDays(asOf, -183))]).rule).toBe('sleeping_no_purchase')
  })

  it('a yearly buyer in rhythm is not sleeping after 8 months', () => {
    const c = classify(rhythm(4, 340, 240))
    expect(c.status).toBe('active')
  })

  it('lost: no purchase for more than 12 months', () => {
    expect(classify(rhythm(10, 30, 365)).status).toBe('sleeping')
    const c = classify(rhythm(10, 30, 366))
    expect(c).toMatchObject({
      status: 'lost',
      rule: 'lost_no_purchase',
      ruleParams: { daysSince: 366, thresholdDays: 365 },
    })
  })

  it('lost: the contract ended and nothing was bought since', () => {
    const contracts = [{ startedOn: '2024-01-01', endsOn: '2026-03-31', cancelledOn: '2025-12-15' }]
    const c = classify(rhythm(20, 30, 100), t, contracts)
    expect(c).toMatchObject({
      status: 'lost',
      rule: 'lost_contract_ended',
      ruleParams: { endedOn: '2026-03-31' },
    })
    // bought after the contract ended: still a customer
    expect(classify(rhythm(20, 30, 10), t, contracts).status).toBe('active')
  })

  it('a running but cancelled contract is a churn signal that makes the customer at risk', () => {
    const contracts = [{ startedOn: '2024-01-01', endsOn: '2026-12-31', cancelledOn: '2026-05-02' }]
    const c = classify(rhythm(20, 30, 10), t, contracts)
    expect(c).toMatchObject({
      status: 'at_risk',
      rule: 'at_risk_signals',
      ruleParams: { signals: 'contract_cancelled' },
    })
    expect(c.signals).toContainEqual({
      code: 'contract_cancelled',
      params: { cancelledOn: '2026-05-02', endsOn: '2026-12-31' },
    })
  })

  it('a running contract without invoices keeps the customer active', () => {
    const contracts = [{ startedOn: '2024-01-01', endsOn: null, cancelledOn: null }]
    expect(classify([], t, contracts)).toMatchObject({ status: 'active', rule: 'active_contract' })
  })

  it('reactivated: bought again after having been lost; stays so for 12 months', () => {
    const docs = [
      ...rhythm(6, 30, 700),
      invoice(addDays(asOf, -200)),
      invoice(addDays(asOf, -100)),
      invoice(addDays(asOf, -30)),
    ]
    const c = classify(docs)
    expect(c).toMatchObject({ status: 'reactivated', rule: 'reactivated_after_pause' })
    expect(c.ruleParams).toMatchObject({
      reactivatedOn: addDays(asOf, -200),
      pauseDays: 500,
      previousStatus: 'lost',
    })
    expect(classify(docs, { ...t, reactivatedForDays: 180 }).status).toBe('active')
  })

  it('reactivated after sleeping (a long pause against the own rhythm)', () => {
    const docs = [...rhythm(10, 20, 200), invoice(addDays(asOf, -40)), invoice(addDays(asOf, -20))]
    expect(classify(docs).ruleParams).toMatchObject({ previousStatus: 'sleeping', pauseDays: 160 })
  })

  it('a reactivated customer who is overdue again is at risk, not reactivated', () => {
    const docs = [...rhythm(10, 20, 400), invoice(addDays(asOf, -100)), invoice(addDays(asOf, -80))]
    expect(classify(docs).status).toBe('at_risk')
  })

  it('only purchases up to asOf count', () => {
    const c = classify([invoice(addDays(asOf, -400)), invoice(addDays(asOf, 5))])
    expect(c).toMatchObject({ status: 'lost', purchaseCount: 1 })
  })
})

describe('credit notes, returns and cancellations', () => {
  it('never count as purchases and reduce revenue', () => {
    const docs: SalesDocument[] = [
      invoice(addDays(asOf, -400), 100),
      {
        date: addDays(asOf, -10),
        kind: 'credit_note',
        netCents: -5000,
        countsAsPurchase: false,
        number: 'GS1',
        referenceNumber: null,
      },
    ]
    const c = classify(docs)
    expect(c).toMatchObject({
      status: 'lost',
      purchaseCount: 1,
      revenueTotalCents: 5000,
      revenue12mCents: -5000,
    })
  })

  it('a credit note that names its invoice reduces it; one in full removes the purchase', () => {
    const docs: SalesDocument[] = [
      invoice(addDays(asOf, -400), 100, 'RE1'),
      invoice(addDays(asOf, -20), 80, 'RE2'),
      {
        date: addDays(asOf, -5),
        kind: 'cancellation',
        netCents: 8000,
        countsAsPurchase: false,
        number: 'ST1',
        referenceNumber: 'RE2',
      },
    ]
    const c = classify(docs)
    expect(c).toMatchObject({
      status: 'lost',
      purchaseCount: 1,
      lastPurchase: addDays(asOf, -400),
      revenueTotalCents: 10000,
    })
  })

  it('cancelled or voided orders (countsAsPurchase false) are ignored', () => {
    const c = classify([{ ...invoice(addDays(asOf, -5)), countsAsPurchase: false }])
    expect(c).toMatchObject({ status: 'prospect', rule: 'no_purchases' })
  })

  it('merges same-day purchases into one purchase day', () => {
    const day = addDays(asOf, -10)
    const c = classify([invoice(day, 10), invoice(day, 20), invoice(addDays(asOf, -200), 5)])
    expect(c.purchaseCount).toBe(2)
    expect(c.revenueTotalCents).toBe(3500)
  })

  it('annual revenue is the 12 months up to the last purchase', () => {
    const docs = [invoice('2024-01-10', 50), invoice('2024-06-01', 100), invoice('2025-03-01', 200)]
    expect(classify(docs).annualRevenueCents).toBe(30000)
  })
})

describe('churn signals', () => {
  it('intervals lengthening: the last two intervals are 1.5 × the usual one', () => {
    const days = [-230, -200, -170, -140, -80, -20].map((d) => invoice(addDays(asOf, d)))
    const c = classify(days)
    expect(c.signals).toContainEqual({
      code: 'intervals_lengthening',
      params: { recentDays: 60, usualDays: 30 },
    })
    expect(c).toMatchObject({ status: 'at_risk', rule: 'at_risk_signals' })
  })

  it('order value falling: the last three orders 30 % below the earlier ones', () => {
    const docs = [100, 100, 100, 100, 100, 100, 60, 60, 60].map((v, i) =>
      invoice(addDays(asOf, -10 - (8 - i) * 30), v),
    )
    const c = classify(docs)
    expect(c.signals).toContainEqual({
      code: 'order_value_falling',
      params: { recentCents: 6000, earlierCents: 10000, dropPercent: 40 },
    })
    expect(c.status).toBe('at_risk')
    expect(classify(docs, { ...t, signalsMakeAtRisk: false }).status).toBe('active')
  })

  it('steady customers show no signals', () => {
    expect(classify(rhythm(12, 30, 5)).signals).toEqual([])
  })
})

describe('sub-types', () => {
  it('one-time buyer: one purchase day, no longer new', () => {
    expect(classify([invoice(addDays(asOf, -200))]).subTypes).toEqual(['one_time_buyer'])
    expect(classify([invoice(addDays(asOf, -20))]).subTypes).toEqual([])
  })

  it('stock-up buyer: a large last order followed by a long pause', () => {
    const docs = [...rhythm(6, 30, 150, 100).slice(0, 5), invoice(addDays(asOf, -100), 900)]
    expect(classify(docs).subTypes).toContain('stock_up_buyer')
    expect(classify(rhythm(6, 30, 100)).subTypes).not.toContain('stock_up_buyer')
  })

  it('project customer comes from the customer flag', () => {
    const c = classifyCustomer(facts([invoice(addDays(asOf, -20))], [], true), asOf, t)
    expect(c.subTypes).toEqual(['project_customer'])
  })
})

describe('thresholds per segment', () => {
  it('segment values override global values, which override the defaults', () => {
    const settings = { global: { lostAfterDays: 540 }, segments: { Gastronomie: { lostAfterDays: 200 } } }
    expect(resolveThresholds(settings, null).lostAfterDays).toBe(540)
    expect(resolveThresholds(settings, 'Gastronomie').lostAfterDays).toBe(200)
    expect(resolveThresholds(settings, 'Handwerk').overdueFactor).toBe(2)
    const docs = [invoice(addDays(asOf, -300))]
    expect(classify(docs, resolveThresholds(settings, 'Gastronomie')).status).toBe('lost')
    expect(classify(docs, resolveThresholds(settings, 'Handwerk')).status).toBe('sleeping')
  })

  it('rejects invalid thresholds', () => {
    expect(() => resolveThresholds({ global: { overdueFactor: 0 }, segments: {} }, null)).toThrow()
  })
})
