import type { Insertable } from 'kysely'
import { sameBytes } from './batch-writes'
import type { CustomerStatusTable, PurchaseLedgerTable } from './customer-status.table'

/**
 * Stamps a classified batch's status rows with the scoring round of the customers' purchases: the
 * current round where their purchase ledger changed (or was not or is not stored: the scoring reads
 * their documents), the round of their row before where it did not. A customer who only reached the
 * day their status flips keeps theirs: their scores are predicted from purchases alone, and the
 * status copy on the scores is kept by copyStatusToScores. The nightly update of the scores then
 * predicts the customers who bought (or are new), not every customer due for classification.
 * Every row is also stamped with the round it is written in (`written_round`): the nightly early
 * warning works out again the customers written since it last began.
 */
export function stampScoringRounds(
  batch: {
    statusRows: Insertable<CustomerStatusTable>[]
    ledgerRows: readonly Insertable<PurchaseLedgerTable>[]
  },
  before: {
    statuses: readonly { customer_id: number; scoring_round: number }[]
    ledgers: readonly { customer_id: number; events: Uint8Array }[]
  },
  round: number,
): void {
  const roundBefore = new Map(before.statuses.map((r) => [r.customer_id, r.scoring_round]))
  const ledgerBefore = new Map(before.ledgers.map((r) => [r.customer_id, r.events]))
  const ledgerNow = new Map(batch.ledgerRows.map((r) => [r.customer_id, r.events]))
  for (const row of batch.statusRows) {
    const earlier = roundBefore.get(row.customer_id)
    const unchanged =
      earlier !== undefined && sameBytes(ledgerBefore.get(row.customer_id), ledgerNow.get(row.customer_id))
    row.scoring_round = unchanged ? earlier : round
    row.written_round = round
  }
}
