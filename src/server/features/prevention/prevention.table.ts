import type { Generated, Selectable } from 'kysely'
import type { WarningSignKind } from '../../../shared/prevention'
import type { PersonalData } from '../../db/personal-data'

/** A warning sign a person noticed and recorded: a complaint, a cancelled visit. */
export interface WarningSignTable {
  id: Generated<number>
  customer_id: number
  kind: WarningSignKind
  noted_on: string
  note: string | null
  created_at: string
  created_by: number | null
}

/** The early-warning list: active customers whose risk rises, refreshed every night. */
export interface EarlyWarningTable {
  customer_id: number
  /** the day the customer came onto the list (kept while they stay on it): "new this week" */
  first_seen_on: string
  last_seen_on: string
  /** JSON array of warning signals with their numbers */
  signals: string
  /** 0–1: how strongly the signals point to a loss */
  risk: number
  /** what the customer brings a year (net revenue of the last 12 months) */
  value_cents: number
}

export type WarningSignRow = Selectable<WarningSignTable>
export type EarlyWarningRow = Selectable<EarlyWarningTable>

export const preventionPersonalData: readonly PersonalData[] = [
  {
    table: 'warning_signs',
    section: 'warningSigns',
    orderBy: ['noted_on', 'id'],
    erase: { action: 'delete' },
  },
  {
    table: 'early_warnings',
    section: 'earlyWarning',
    single: true,
    json: ['signals'],
    erase: { action: 'delete' },
  },
]
