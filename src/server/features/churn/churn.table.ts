import type { Generated, Selectable } from 'kysely'
import type { ReasonConfidence, ReasonKind, ReasonSource } from '../../../shared/churn'
import type { PersonalData } from '../../db/personal-data'

/** The company's catalogue of churn reasons; retired reasons stay for the records that use them. */
export interface ChurnReasonTable {
  id: Generated<number>
  code: string
  name_de: string
  name_en: string
  kind: ReasonKind
  position: number
  retired_at: string | null
  created_at: string
  updated_at: string
}

/** Every change to the catalogue: what it was before and after, who changed it. */
export interface ChurnReasonHistoryTable {
  id: Generated<number>
  reason_id: number
  change: 'created' | 'updated' | 'retired' | 'reactivated'
  /** JSON of the fields before and after */
  details: string
  changed_at: string
  user_id: number | null
}

/** A reason recorded for a customer; several per customer. */
export interface CustomerChurnReasonTable {
  id: Generated<number>
  customer_id: number
  reason_id: number
  source: ReasonSource
  confidence: ReasonConfidence
  recorded_on: string
  note: string | null
  /** what fixing the cause cost (a refund, a visit, a replacement), when recorded */
  remediation_cost_cents: number | null
  created_at: string
  created_by: number | null
}

export type ChurnReasonRow = Selectable<ChurnReasonTable>

/** Why the person left, with the notes of whoever recorded it. */
export const churnPersonalData: readonly PersonalData[] = [
  {
    table: 'customer_churn_reasons',
    section: 'churnReasons',
    orderBy: ['recorded_on', 'id'],
    erase: { action: 'delete' },
  },
]
