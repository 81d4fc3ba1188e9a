import type { Generated, Selectable } from 'kysely'
import type { PersonalData } from '../../db/personal-data'

/**
 * A personal invitation to the "why did you leave?" page. The token in the link is derived from a
 * secret (the same link on every print of a letter), only its hash is stored; revoking it ends it.
 */
export interface SurveyInvitationTable {
  id: Generated<number>
  customer_id: number
  campaign_id: number | null
  token_hash: string
  language: 'de' | 'en'
  created_at: string
  revoked_at: string | null
  answered_at: string | null
  /** JSON: reasons chosen, free text, offer welcome, objection */
  answer: string | null
}

export type SurveyInvitationRow = Selectable<SurveyInvitationTable>

export const surveyPersonalData: readonly PersonalData[] = [
  {
    table: 'survey_invitations',
    section: 'surveyInvitations',
    orderBy: ['created_at', 'id'],
    json: ['answer'],
    erase: { action: 'delete' },
  },
]
