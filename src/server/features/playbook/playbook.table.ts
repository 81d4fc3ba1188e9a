import type { Generated, Selectable } from 'kysely'
import type { HookKind, MeasureKind, PlannedChannel, RoutingAssignee } from '../../../shared/worklist'

/** A measure of the playbook: what to do for a churn reason, what it costs, what may be offered. */
export interface PlaybookMeasureTable {
  id: Generated<number>
  /** null: for any reason */
  reason_id: number | null
  kind: MeasureKind
  name_de: string
  name_en: string
  cost_cents: number
  talking_points_de: string
  talking_points_en: string
  default_offer: string | null
  /** the most the measure may give away, as the CLV justifies it */
  max_offer_cents: number | null
  position: number
  retired_at: string | null
  created_at: string
  updated_at: string
}

/** Company news a rep can open a conversation with, for the reasons it answers, while it is valid. */
export interface HookTable {
  id: Generated<number>
  kind: HookKind
  title: string
  description: string
  /** JSON array of churn reason ids; empty: fits every reason */
  reason_ids: string
  valid_from: string
  valid_until: string | null
  created_at: string
  created_by: number | null
  updated_at: string
}

/** Who contacts whom by which channel: the first rule (by position) that matches decides. */
export interface RoutingRuleTable {
  id: Generated<number>
  position: number
  name_de: string
  name_en: string
  /** JSON `RoutingConditions` */
  conditions: string
  assignee: RoutingAssignee
  assignee_user_id: number | null
  /** JSON array of channels in order of preference */
  channels: string
  active: number
  created_at: string
  updated_at: string
}

export type PlaybookMeasureRow = Selectable<PlaybookMeasureTable>
export type HookRow = Selectable<HookTable>
export type RoutingRuleRow = Selectable<RoutingRuleTable>

export type { PlannedChannel }
