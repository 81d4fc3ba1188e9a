import type { Generated, Selectable } from 'kysely'
import type {
  CallOutcome,
  CallReached,
  FollowupPriority,
  FollowupSource,
  PlannedChannel,
} from '../../../shared/worklist'
import type { PersonalData } from '../../db/personal-data'

/** A call (or visit) as the rep logged it: whether anybody was reached, and what came of it. */
export interface CallTable {
  id: Generated<number>
  customer_id: number
  user_id: number | null
  channel: PlannedChannel
  called_at: string
  called_on: string
  reached: CallReached
  outcome: CallOutcome | null
  offer: string | null
  offer_cents: number | null
  reason_id: number | null
  note: string | null
  campaign_id: number | null
  attempt_id: number | null
  /** a competitor the customer named in the call */
  competitor: string | null
  created_at: string
}

/** A Wiedervorlage: who does what for which customer when. */
export interface FollowupTable {
  id: Generated<number>
  customer_id: number
  assignee_user_id: number
  due_on: string
  /** HH:MM, for a call agreed at a time */
  due_time: string | null
  priority: FollowupPriority
  channel: PlannedChannel
  note: string | null
  source: FollowupSource
  campaign_id: number | null
  campaign_step: number | null
  /** the call that made it */
  call_id: number | null
  snoozed: number
  done_at: string | null
  done_call_id: number | null
  created_at: string
  created_by: number | null
  updated_at: string
}

/** The new customers chosen for a user's day, kept so the list stays the same all day. */
export interface WorklistPickTable {
  user_id: number
  day: string
  customer_id: number
  position: number
  campaign_id: number | null
  channel: PlannedChannel
  /** JSON `PickWhy` */
  why: string
  created_at: string
}

/** A user's calendar subscription: the SHA-256 of the secret in its URL. */
export interface CalendarFeedTable {
  id: Generated<number>
  user_id: number
  token_hash: string
  created_at: string
  revoked_at: string | null
}

export type CallRow = Selectable<CallTable>
export type FollowupRow = Selectable<FollowupTable>

export const worklistPersonalData: readonly PersonalData[] = [
  { table: 'calls', section: 'calls', orderBy: ['called_at', 'id'], erase: { action: 'delete' } },
  { table: 'followups', section: 'followups', orderBy: ['due_on', 'id'], erase: { action: 'delete' } },
  { table: 'worklist_picks', section: 'worklistPicks', exported: false, erase: { action: 'delete' } },
]
