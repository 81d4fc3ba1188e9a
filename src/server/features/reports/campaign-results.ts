import type { Kysely } from 'kysely'
import type { CampaignStep } from '../../../shared/api/campaigns'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
import { addDays, daysBetween, type IsoDate } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { sampleSizePerArm } from '../campaigns/power'
import { attributionDocumentOf, provingPurchase } from '../winback/attribution'
import { recoveryCost } from '../winback/valuation'
import { loadWinbackSettings } from '../winback/winback-settings'
import { bootstrapMeanDifference } from './bootstrap'
import { type Uplift, uplift } from './uplift'

export interface CampaignResults {
  campaignId: number
  launchedOn: IsoDate | null
  windowEnds: IsoDate | null
  daysPassed: number
  windowDays: number
  /** the customers per arm a verdict needs (from the campaign's baseline and difference to detect) */
  requiredPerArm: number
  uplift: Uplift | null
  /** revenue per member in the window, treatment − control, with a bootstrap interval */
  revenuePerMember: {
    treatmentCents: number
    controlCents: number
    differenceCents: number
    lowCents: number
    highCents: number
  }
  /** contribution margin of the purchases in the window, per arm */
  marginCents: { treatment: number; control: number }
  /** what the campaign earned: the treated arm's margin beyond what the control group's rate predicts */
  earnedCents: number
  costCents: number
  profitCents: number
  /** profit / cost; null without cost */
  roi: number | null
}

/**
 * What a campaign earned, measured the same way in both arms: a member counts as won back with the
 * first purchase (net of the credit notes naming it) from the launch day to the end of the
 * attribution window, contacted or not (intention to treat). The uplift compares the arms; only
 * the margin beyond what the control group's margin per member predicts counts as earned (without a
 * control group: the treated arm's whole margin). Costs are the measure and contact minutes for every
 * treated member contacted, and the offers made to treated members in the window.
 */
export async function campaignResults(
  db: Kysely<Database>,
  campaignId: number,
  today: IsoDate,
): Promise<CampaignResults> {
  const campaign = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('id', '=', campaignId)
    .executeTakeFirst()
  if (!campaign) throw new AppError('not_found', say('noSuchCampaign'))
  const windowDays = campaign.attribution_days
  const empty = { treatmentCents: 0, controlCents: 0, differenceCents: 0, lowCents: 0, highCents: 0 }
  if (campaign.launched_on === null)
    return {
      campaignId,
      launchedOn: null,
      windowEnds: null,
      daysPassed: 0,
      windowDays,
      requiredPerArm: 0,
      uplift: null,
      revenuePerMember: empty,
      marginCents: { treatment: 0, control: 0 },
      earnedCents: 0,
      costCents: 0,
      profitCents: 0,
      roi: null,
    }
  const launched = campaign.launched_on
  const windowEnds = addDays(launched, windowDays)
  const members = await db
    .selectFrom('campaign_members')
    .select(['customer_id', 'arm', 'contacted_on'])
    .where('campaign_id', '=', campaignId)
    .execute()
  const settings = await loadWinbackSettings(db)
  const revenue = { treatment: [] as number[], control: [] as number[] }
  const margin = { treatment: 0, control: 0 }
  const won = { treatment: 0, control: 0 }
  for (const part of chunks(members)) {
    const documents = await db
      .selectFrom('orders')
      .select([
        'id',
        'customer_id',
        'kind',
        'number',
        'reference_number',
        'ordered_on',
        'net_cents',
        'margin_cents',
        'counts_as_purchase',
      ])
      .where(
        'customer_id',
        'in',
        part.map((m) => m.customer_id),
      )
      .where('ordered_on', '>=', launched)
      .where('ordered_on', '<=', windowEnds)
      .execute()
    const byCustomer = new Map<number, typeof documents>()
    for (const d of documents) byCustomer.set(d.customer_id, [...(byCustomer.get(d.customer_id) ?? []), d])
    for (const m of part) {
      const docs = byCustomer.get(m.customer_id) ?? []
      const attribution = docs.map(attributionDocumentOf)
      if (provingPurchase(launched, windowDays, attribution)) won[m.arm]++
      // credit notes and cancellations count against what they correct
      const sign = (d: (typeof docs)[number]) =>
        d.kind === 'credit_note' || d.kind === 'cancellation' ? -1 : d.counts_as_purchase === 1 ? 1 : 0
      revenue[m.arm].push(docs.reduce((s, d) => s + sign(d) * Math.abs(Number(d.net_cents)), 0))
      margin[m.arm] += docs.reduce(
        (s, d) =>
          s +
          sign(d) *
            Math.abs(
              d.margin_cents === null
                ? Number(d.net_cents) * settings.defaultMarginRate
                : Number(d.margin_cents),
            ),
        0,
      )
    }
  }
  const treated = revenue.treatment.length
  const control = revenue.control.length
  const daysPassed = Math.max(0, Math.min(windowDays, daysBetween(launched, today)))
  const required = sampleSizePerArm({
    baselineRate: Number(campaign.baseline_rate),
    treatedRate: Math.min(0.999, Number(campaign.baseline_rate) + Number(campaign.min_difference)),
  })
  const result =
    control > 0
      ? uplift({
          treatment: { members: treated, won: won.treatment },
          control: { members: control, won: won.control },
          daysPassed,
          windowDays,
          requiredPerArm: required,
        })
      : null
  const boot = bootstrapMeanDifference(revenue.treatment, revenue.control, { seed: campaignId })
  const perMember = (v: number[]) => (v.length === 0 ? 0 : v.reduce((s, x) => s + x, 0) / v.length)
  // cost: the measure and the steps' contact minutes for every treated member contacted, and the offers
  const steps = JSON.parse(campaign.steps) as CampaignStep[]
  const measure =
    campaign.measure_id === null
      ? null
      : await db
          .selectFrom('playbook_measures')
          .select('cost_cents')
          .where('id', '=', campaign.measure_id)
          .executeTakeFirst()
  const contacted = members.filter((m) => m.arm === 'treatment' && m.contacted_on !== null).length
  const perContact = recoveryCost({
    measureCents: measure ? Number(measure.cost_cents) : settings.measureCents,
    contacts: steps.map((s) => ({ channel: s.channel, minutes: settings.minutesPerChannel[s.channel] })),
    hourlyRateCents: settings.hourlyRateCents,
    postageCents: settings.postageCents,
  }).cents
  // the offers made to treated members in the window (a call's offer is kept on its attempt)
  const treatedIds = members.filter((m) => m.arm === 'treatment').map((m) => m.customer_id)
  let offered = 0
  for (const part of chunks(treatedIds)) {
    const row = await db
      .selectFrom('winback_attempts')
      .select((eb) => eb.fn.sum<number>('offer_cents').as('cents'))
      .where('customer_id', 'in', part)
      .where('started_on', '>=', launched)
      .where('started_on', '<=', windowEnds)
      .executeTakeFirst()
    offered += Number(row?.cents ?? 0)
  }
  const costCents = Math.round(contacted * perContact + offered)
  const earnedCents = Math.round(
    control > 0 ? margin.treatment - (margin.control / control) * treated : margin.treatment,
  )
  const profitCents = earnedCents - costCents
  return {
    campaignId,
    launchedOn: launched,
    windowEnds,
    daysPassed,
    windowDays,
    requiredPerArm: required,
    uplift: result,
    revenuePerMember: {
      treatmentCents: Math.round(perMember(revenue.treatment)),
      controlCents: Math.round(perMember(revenue.control)),
      differenceCents: Math.round(boot.difference),
      lowCents: Math.round(boot.low),
      highCents: Math.round(boot.high),
    },
    marginCents: { treatment: Math.round(margin.treatment), control: Math.round(margin.control) },
    earnedCents,
    costCents,
    profitCents,
    roi: costCents > 0 ? profitCents / costCents : null,
  }
}
