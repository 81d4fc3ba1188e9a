import type { Generated } from 'kysely'
import type { LlmPurpose } from '../../../shared/api/assist'
import type { PersonalData } from '../../db/personal-data'

/** A reason model trained on the confirmed notes; the newest one suggests. */
export interface ReasonModelTable {
  id: Generated<number>
  trained_at: string
  trained_by: number | null
  /** the confirmed notes it had */
  notes: number
  /** JSON of the ReasonModel; null when there were too few notes to learn from */
  model: string | null
  /** JSON of the held-out accuracy, when it could be measured */
  accuracy: string | null
  /** the newest recorded reason it saw: a newer one means there is something new to learn */
  last_record_id: number
}

/** A request to the configured language model: what left the machine, for whom, and what came back. */
export interface LlmRequestTable {
  id: Generated<number>
  customer_id: number | null
  user_id: number | null
  purpose: LlmPurpose
  endpoint: string
  model: string
  /** the messages sent, as JSON */
  sent: string
  received: string | null
  error: string | null
  created_at: string
}

/** What was sent about the person to a language model is theirs to see, and goes with them. */
export const assistPersonalData: readonly PersonalData[] = [
  {
    table: 'llm_requests',
    section: 'languageModelRequests',
    orderBy: ['created_at', 'id'],
    json: ['sent'],
    erase: { action: 'delete' },
  },
]
