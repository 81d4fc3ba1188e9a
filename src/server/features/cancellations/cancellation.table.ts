import type { Generated, Selectable } from 'kysely'
import type { CancellationOutcome } from '../../../shared/churn'
import type { PersonalData } from '../../db/personal-data'

/** A contract cancellation received, the retention attempt made, and how it ended. */
export interface ContractCancellationTable {
  id: Generated<number>
  contract_id: number
  customer_id: number
  received_on: string
  /** the day the contract would end */
  effective_on: string | null
  reason_id: number | null
  /** the reason as recorded for the customer (source "cancellation") */
  customer_reason_id: number | null
  note: string | null
  retention_offer: string | null
  retention_offer_cents: number | null
  retention_on: string | null
  outcome: CancellationOutcome
  outcome_on: string | null
  /** the contract's dates before the cancellation: a withdrawal restores them */
  previous_cancelled_on: string | null
  previous_ends_on: string | null
  created_at: string
  created_by: number | null
  updated_at: string
}

export type ContractCancellationRow = Selectable<ContractCancellationTable>

/** Cancellations with their notes and retention offers (the contract keeps its own dates). */
export const cancellationsPersonalData: readonly PersonalData[] = [
  {
    table: 'contract_cancellations',
    section: 'cancellations',
    orderBy: ['received_on', 'id'],
    erase: { action: 'delete' },
  },
]
