import { describe, expect, it } from 'vitest'
import { ledgerWrites, sameBytes, statusChanged } from './batch-writes'

const bytes = (...values: number[]) => new Uint8Array(values)
const ledger = (customer_id: number, ...values: number[]) => ({
  customer_id,
  as_of: '2026-01-01',
  events: bytes(...values),
})

describe('what a classified batch writes over what is stored', () => {
  it('writes the ledgers that changed or are new, removes those changed or no longer kept, keeps the equal ones', () => {
    const { written, removed } = ledgerWrites(
      [ledger(1, 1, 2, 3), ledger(2, 1, 2, 4), ledger(3, 9)],
      [
        { customer_id: 1, events: bytes(1, 2, 3) },
        { customer_id: 2, events: bytes(1, 2, 3) },
        // a document dated after the day: no ledger kept any more
        { customer_id: 4, events: bytes(5) },
      ],
    )
    expect(written.map((r) => r.customer_id)).toEqual([2, 3])
    expect(removed.sort()).toEqual([2, 4])
  })

  it('tells the customers whose status changed or who had none', () => {
    expect(
      statusChanged(
        [
          { customer_id: 1, status: 'lost' },
          { customer_id: 2, status: 'active' },
          { customer_id: 3, status: 'new' },
        ],
        [
          { customer_id: 1, status: 'sleeping' },
          { customer_id: 2, status: 'active' },
        ],
      ),
    ).toEqual([1, 3])
  })

  it('compares bytes, a missing side never equal', () => {
    expect(sameBytes(bytes(1, 2), bytes(1, 2))).toBe(true)
    expect(sameBytes(bytes(1, 2), bytes(1, 3))).toBe(false)
    expect(sameBytes(bytes(1), bytes(1, 0))).toBe(false)
    expect(sameBytes(undefined, bytes())).toBe(false)
  })
})
