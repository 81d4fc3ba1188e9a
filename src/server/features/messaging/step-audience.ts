import type { Kysely } from 'kysely'
import type { CampaignStep } from '../../../shared/api/campaigns'
import type { PlannedChannel } from '../../../shared/worklist'
import { finalCallOutcomes } from '../../../shared/worklist'
import type { Database } from '../../db/schema'
import { type ServerText, say } from '../../lib/errors'
import { displayName } from '../customers/customer-rows'

/**
 * Who a campaign step written by winback (e-mail, letter) goes to: the campaign, its measure, the
 * treated members with what a mail or letter needs, and the members whose call in the campaign ended
 * for good (won back, no interest, objection), who get nothing more. `refuse` makes the error for a
 * campaign that is missing or a step of another channel (the caller's kind: HTTP or job).
 */
export async function loadStepAudience(
  db: Kysely<Database>,
  input: { campaignId: number; step: number; channel: PlannedChannel },
  refuse: (text: ServerText, missing: boolean) => Error,
) {
  const campaign = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('id', '=', input.campaignId)
    .executeTakeFirst()
  if (!campaign) throw refuse(say('campaignMissing', { campaignId: input.campaignId }), true)
  const step = (JSON.parse(campaign.steps) as CampaignStep[])[input.step]
  if (step?.channel !== input.channel)
    throw refuse(
      say('stepWrongChannel', { step: input.step + 1, campaignId: campaign.id, channel: input.channel }),
      false,
    )
  const measure =
    campaign.measure_id === null
      ? null
      : ((await db
          .selectFrom('playbook_measures')
          .selectAll()
          .where('id', '=', campaign.measure_id)
          .executeTakeFirst()) ?? null)
  const members = await db
    .selectFrom('campaign_members as m')
    .innerJoin('customers as c', 'c.id', 'm.customer_id')
    .leftJoin('users as u', 'u.id', 'm.assignee_user_id')
    .select([
      'c.id',
      'c.customer_number',
      'c.type',
      'c.company_name',
      'c.salutation',
      'c.first_name',
      'c.last_name',
      'c.email',
      'c.street',
      'c.postal_code',
      'c.city',
      'c.country',
      'c.erased_at',
      'u.name as assignee',
      'u.email as assignee_email',
    ])
    .where('m.campaign_id', '=', campaign.id)
    .where('m.arm', '=', 'treatment')
    .orderBy('c.id')
    .execute()
  const settled = new Map<number, string>()
  for (const c of await db
    .selectFrom('calls')
    .select(['customer_id', 'outcome'])
    .where('campaign_id', '=', campaign.id)
    .where('outcome', 'in', [...finalCallOutcomes])
    .execute())
    settled.set(c.customer_id, `call_outcome_${c.outcome}`)
  return { campaign, measure, members, settled }
}

/** Customers outside Germany, Austria and Switzerland are written to in English. */
export function languageOf(country: string | null): 'de' | 'en' {
  return country && !['DE', 'AT', 'CH'].includes(country.toUpperCase()) ? 'en' : 'de'
}

/** What a salutation and the merge fields need of a customer row. */
export function addresseeOf(c: {
  salutation: string | null
  first_name: string | null
  last_name: string | null
  customer_number: string
  company_name: string | null
}) {
  return {
    salutation: c.salutation,
    firstName: c.first_name,
    lastName: c.last_name,
    number: c.customer_number,
    name: displayName(c),
  }
}
