import { describe, expect, it } from 'vitest'
import { classifyCustomer } from './classify'
import { statusHistory } from './history'
import { buildPurchaseLedger, type SalesDocument } from './purchases'
import { defaultThresholds } from './thresholds'

function invoice(date: string): SalesDocument {
  return {
    date,
    kind: 'invoice',
    netCents: 10000,
    countsAsPurchase: true,
    number: null,
    referenceNumber: null,
  }
}

describe('monthly status history', () => {
  it('records each change of status at a month end, so transitions can be counted', () => {
    const docs = ['2024-01-15', '2024-02-15', '2024-03-15', '2024-04-15', '2025-08-01', '2025-09-01'].map(
      invoice,
    )
    const asOf = '2025-10-10'
    const facts = { ledger: buildPurchaseLedger(docs, asOf), contracts: [], isProjectCustomer: false }
    const history = statusHistory(facts, asOf, defaultThresholds)
    expect(history).toEqual([
      { month: '2024-01', status: 'new', previous: null },
      { month: '2024-04', status: 'active', previous: 'new' },
      { month: '2024-06', status: 'at_risk', previous: 'active' },
      { month: '2024-08', status: 'sleeping', previous: 'at_risk' },
      { month: '2025-04', status: 'lost', previous: 'sleeping' },
      { month: '2025-08', status: 'reactivated', previous: 'lost' },
    ])
    expect(history.at(-1)!.status).toBe(classifyCustomer(facts, asOf, defaultThresholds).status)
  })

  it('is empty for a customer without purchases or contracts', () => {
    const facts = { ledger: buildPurchaseLedger([], '2025-01-01'), contracts: [], isProjectCustomer: false }
    expect(statusHistory(facts, '2025-01-01', defaultThresholds)).toEqual([])
  })
})
