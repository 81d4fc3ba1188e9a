import type { Generated, Selectable } from 'kysely'
import type { CampaignArm, CampaignState, PlannedChannel } from '../../../shared/worklist'
import type { PersonalData } from '../../db/personal-data'

/** A win-back campaign: a target group taken from the list's filters, a measure, steps, a control group. */
export interface CampaignTable {
  id: Generated<number>
  name: string
  state: CampaignState
  /** JSON `CampaignFilter` the target group was taken with */
  filter: string
  measure_id: number | null
  /** JSON array of `CampaignStep` */
  steps: string
  budget_cents: number | null
  attribution_days: number
  control_share: number
  /** the seed of the arm assignment */
  seed: string
  /** the share expected to come back on their own, for the power preview */
  baseline_rate: number
  /** the difference in win-back rate the control group is to detect */
  min_difference: number
  /** JSON: customers of the filter left out and why ({ not_contactable: n, no_assignee: n }) */
  skipped: string
  launched_on: string | null
  closed_on: string | null
  created_at: string
  created_by: number | null
  updated_at: string
}

/** One customer of a campaign's target group, with the arm drawn for them and who works them. */
export interface CampaignMemberTable {
  campaign_id: number
  customer_id: number
  arm: CampaignArm
  stratum: number
  /** rank in the win-back list when the snapshot was taken (1 = first) */
  rank: number
  assignee_user_id: number | null
  channel: PlannedChannel
  expected_net_cents: number
  value_cents: number
  probability: number
  /** the first contact of the campaign's first step */
  contacted_on: string | null
  added_at: string
}

export type CampaignRow = Selectable<CampaignTable>
export type CampaignMemberRow = Selectable<CampaignMemberTable>

export const campaignPersonalData: readonly PersonalData[] = [
  {
    table: 'campaign_members',
    section: 'campaignMembers',
    orderBy: ['campaign_id'],
    erase: { action: 'delete' },
  },
]
