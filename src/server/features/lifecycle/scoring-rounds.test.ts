import type { Insertable } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { CustomerStatusTable } from './customer-status.table'
import { stampScoringRounds } from './scoring-rounds'

const status = (id: number) => ({ customer_id: id }) as Insertable<CustomerStatusTable>
const bytes = (...values: number[]) => Uint8Array.from(values)

describe('stamping classified customers with the scoring round of their purchases', () => {
  it('keeps the round of a customer whose ledger is the same, byte for byte', () => {
    const statusRows = [status(1)]
    stampScoringRounds(
      { statusRows, ledgerRows: [{ customer_id: 1, as_of: '2026-07-01', events: bytes(1, 2, 3) }] },
      {
        statuses: [{ customer_id: 1, scoring_round: 4 }],
        ledgers: [{ customer_id: 1, events: bytes(1, 2, 3) }],
      },
      9,
    )
    expect(statusRows[0]!.scoring_round).toBe(4)
    // written in round 9 all the same: the early warning looks at it again
    expect(statusRows[0]!.written_round).toBe(9)
  })

  it('gives the current round where the ledger changed, was or is not stored, or the customer is new', () => {
    const statusRows = [status(1), status(2), status(3), status(4), status(5), status(6)]
    stampScoringRounds(
      {
        statusRows,
        ledgerRows: [
          { customer_id: 1, as_of: '2026-07-01', events: bytes(1, 2, 4) }, // a purchase changed
          { customer_id: 2, as_of: '2026-07-01', events: bytes(1, 2, 3, 5) }, // one more
          { customer_id: 3, as_of: '2026-07-01', events: bytes(7) }, // none stored before
          // 4: none stored now (a document after the day classified)
          { customer_id: 5, as_of: '2026-07-01', events: bytes(7) }, // new: no status row before
          { customer_id: 6, as_of: '2026-07-01', events: bytes() }, // no purchases, as before
        ],
      },
      {
        statuses: [1, 2, 3, 4, 6].map((id) => ({ customer_id: id, scoring_round: 2 })),
        ledgers: [
          { customer_id: 1, events: bytes(1, 2, 3) },
          { customer_id: 2, events: bytes(1, 2, 3) },
          { customer_id: 4, events: bytes(7) },
          { customer_id: 6, events: bytes() },
        ],
      },
      9,
    )
    expect(statusRows.map((r) => r.scoring_round)).toEqual([9, 9, 9, 9, 9, 2])
    expect(statusRows.map((r) => r.written_round)).toEqual([9, 9, 9, 9, 9, 9])
  })
})
