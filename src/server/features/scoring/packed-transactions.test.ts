import { describe, expect, it } from 'vitest'
import { encodeLedgerEvents } from '../lifecycle/ledger-bytes'
import { PackedTransactions } from './packed-transactions'
import { scoreCustomers } from './score'
import { seededRandom } from './simulate'
import { summarize, type Transaction } from './summary'

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

  it('summarise a purchase ledger where it lies exactly as summarize does, and leave any other transactions to it', () => {
    const next = seededRandom(13)
    const packed = new PackedTransactions()
    const ledgers: Transaction[][] = []
    // ledgers: days strictly ascending, no credit (zero amounts too), some only after the end
    for (let c = 0; c < 3000; c++) {
      let day = 10_000 + Math.floor(next() * 600)
      const ledger = Array.from({ length: Math.floor(next() * 7) }, () => {
        day += 1 + Math.floor(next() * 90)
        return { day, amountCents: next() < 0.1 ? 0 : Math.floor(next() * 50_000) }
      })
      ledgers.push(ledger)
      packed.add(String(c), ledger)
    }
    let summarised = 0
    for (const end of [10_300, 10_500, 10_800]) {
      for (const unit of ['day', 'week', 'month'] as const)
        packed.customers.forEach((c, i) => {
          const fast = c.summarize!(end, unit)
          expect(fast).not.toBeUndefined()
          expect(fast).toStrictEqual(summarize(ledgers[i]!, end, unit))
          if (fast) summarised++
        })
    }
    expect(summarised).toBeGreaterThan(10_000)
    // not a ledger: two purchases on a day, a credit note, days out of order
    const others: Transaction[][] = [
      [
        { day: 10_100, amountCents: 500 },
        { day: 10_100, amountCents: 700 },
      ],
      [
        { day: 10_100, amountCents: 500 },
        { day: 10_200, amountCents: -500 },
      ],
      [
        { day: 10_200, amountCents: 500 },
        { day: 10_100, amountCents: 700 },
      ],
    ]
    const mixed = new PackedTransactions()
    for (const [i, t] of others.entries()) mixed.add(`O${i}`, t)
    for (const c of mixed.customers) expect(c.summarize!(10_500, 'week')).toBeUndefined()
  })
})
