import { describe, expect, it } from 'vitest'
import { encodeLedgerEvents } from '../lifecycle/ledger-bytes'
import { PackedTransactions } from './packed-transactions'
import { scoreCustomers } from './score'
import { seededRandom } from './simulate'
import type { Transaction } from './summary'

describe('packed transactions', () => {
  it('give back every customer’s transactions as added (as objects or stored bytes), across chunk boundaries', () => {
    const next = seededRandom(7)
    const packed = new PackedTransactions()
    const expected: { id: string; transactions: Transaction[] }[] = []
    // 40,000 customers with 0–8 transactions each: more than two chunks of 65,536
    for (let c = 0; c < 40_000; c++) {
      const n = Math.floor(next() * 9)
      const transactions = Array.from({ length: n }, () => ({
        day: 9000 + Math.floor(next() * 4000),
        amountCents: Math.round((next() - 0.1) * 1e9),
      }))
      // every other customer as stored ledger bytes: both ways fill the same chunks
      if (c % 2 === 0) packed.add(String(c), transactions)
      else
        packed.addEncoded(
          String(c),
          encodeLedgerEvents(transactions.map((t) => ({ day: t.day, netCents: t.amountCents }))),
        )
      expected.push({ id: String(c), transactions })
    }
    expect(packed.customers).toHaveLength(expected.length)
    packed.customers.forEach((c, i) => {
      expect(c.id).toBe(expected[i]!.id)
      expect(c.transactions).toEqual(expected[i]!.transactions)
    })
    expect(expected.reduce((n, c) => n + c.transactions.length, 0)).toBeGreaterThan(2 * 65_536)
  })

  it('score exactly as the same customers as objects', () => {
    const next = seededRandom(11)
    const customers = Array.from({ length: 800 }, (_, c) => {
      const first = 10_000 + Math.floor(next() * 300)
      const n = 1 + Math.floor(next() * 6)
      return {
        id: `K${c}`,
        transactions: Array.from({ length: n }, (_, k) => ({
          day: first + k * Math.floor(1 + next() * 60),
          amountCents: 1000 + Math.floor(next() * 9000),
        })),
      }
    })
    const packed = new PackedTransactions()
    for (const c of customers) packed.add(c.id, c.transactions)
    const options = {
      unit: 'week',
      calibrationEnd: 10_500,
      holdoutEnd: 10_600,
      model: 'auto',
      horizon: 52,
      clvMonths: 12,
      monthlyDiscountRate: 0.01,
    } as const
    expect(scoreCustomers(packed.customers, options)).toEqual(scoreCustomers(customers, options))
  })
})
