import type { Generated } from 'kysely'
import type { AttemptChannel, AttemptOutcome } from '../../../shared/winback'
import type { PersonalData } from '../../db/personal-data'

/** What the sales team knows about winning one lost customer back. */
export interface WinbackAssessmentTable {
  customer_id: number
  /** 1 (hard) … 5 (easy), set by the rep */
  ease: number | null
  insolvent_or_closed: number
  switched_for_good: number
  /** win-back offers the customer turned down */
  refusals: number
  /** earlier positive responses (a reply, a call-back, a visit) */
  positive_responses: number
  manual_decision: 'include' | 'exclude' | null
  manual_note: string | null
  /** the planned measure's cost; null: the default from the settings */
  planned_measure_cents: number | null
  updated_at: string
  updated_by: number | null
}

/** One attempt to win a customer back, and how it ended; decided ones teach the learned model. */
export interface WinbackAttemptTable {
  id: Generated<number>
  customer_id: number
  started_on: string
  channel: AttemptChannel
  offer: string | null
  offer_cents: number | null
  /** the playbook measure used, where known (a call from the Tagesliste, a campaign) */
  measure_id: number | null
  outcome: AttemptOutcome
  outcome_on: string | null
  note: string | null
  /** the purchase that proved the win-back (the first within the attribution window), set automatically */
  won_order_id: number | null
  won_on: string | null
  /** JSON of the model's factors when the attempt started (`WinbackSituation`) */
  situation: string
  /** the probability the list showed when the attempt started */
  probability: number
  created_at: string
  created_by: number | null
  updated_at: string
}

/** The sales team's assessment and every attempt, with notes and offers. */
export const winbackPersonalData: readonly PersonalData[] = [
  { table: 'winback_assessments', section: 'winbackAssessment', single: true, erase: { action: 'delete' } },
  {
    table: 'winback_attempts',
    section: 'winbackAttempts',
    orderBy: ['started_on', 'id'],
    json: ['situation'],
    erase: { action: 'delete' },
  },
]
