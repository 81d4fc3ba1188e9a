import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type {
  CampaignDetail,
  CampaignDto,
  CampaignFilter,
  CampaignInput,
  CampaignMemberDto,
  CampaignStep,
} from '../../../shared/api/campaigns'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { AppError, say } from '../../lib/errors'
import { parseEuros } from '../../lib/money'
import { loadEligibility } from '../contact/eligibility'
import { displayName } from '../customers/customer-rows'
import { changeOwner } from '../customers/owner'
import { measureDto } from '../playbook/playbook.repository'
import { routeCandidates } from '../playbook/route-candidates'
import { recoveryCost } from '../winback/valuation'
import { rankWinbackList } from '../winback/winback-list'
import { loadWinbackSettings } from '../winback/winback-settings'
import { loadWorklistSettings } from '../worklist/worklist-settings'
import { assignArms } from './arms'
import type { CampaignRow } from './campaign.table'
import { powerPreview } from './power'

const INSERT_CHUNK = 500

/**
 * The target group as the win-back list has it today (prioritised, past the CRC/CLV gate, nobody
 * sorted out), narrowed by value, by contactability and to the first `limit`.
 */
async function targetGroup(db: Kysely<Database>, filter: CampaignFilter, today: string) {
  // each customer's place on the list is all a target group needs (a million items took 2 GiB)
  const list = await rankWinbackList(db, { ownerId: null }, today, {
    status: filter.status,
    sort: 'net_value',
    segment: filter.segment,
    owner: filter.owner,
    reasonId: filter.reasonId,
  })
  let items = list.entries.map((item, i) => ({ item, rank: i + 1 }))
  if (filter.minValueCents !== undefined)
    items = items.filter((x) => x.item.valueCents >= filter.minValueCents!)
  if (filter.contactableBy) {
    const eligibility = await loadEligibility(
      db,
      items.map((x) => x.item.customerId),
    )
    items = items.filter(
      (x) => eligibility.get(x.item.customerId)?.get(filter.contactableBy!)?.allowed === true,
    )
  }
  return filter.limit === undefined ? items : items.slice(0, filter.limit)
}

/**
 * Creates a campaign as a draft with its target group as a snapshot: the customers the filter finds
 * today that the law allows to be contacted by the first step's channel (the others are counted as
 * skipped), each routed to who works them, and split into treatment and control by the seeded,
 * priority-stratified draw. The control group is drawn among the contactable only, so the two arms
 * differ in the contact alone.
 */
export async function createCampaign(
  db: Kysely<Database>,
  input: CampaignInput,
  actor: Actor,
): Promise<number> {
  if (input.measureId) await requireMeasure(db, input.measureId)
  const budgetCents = input.budget ? parseEuros('budget', input.budget) : null
  const [winback, worklist] = await Promise.all([loadWinbackSettings(db), loadWorklistSettings(db)])
  const steps = [...input.steps].sort((a, b) => a.offsetDays - b.offsetDays)
  const group = await targetGroup(db, input.filter, actor.today)
  const routing = await routeCandidates(
    db,
    group.map((x) => ({
      customerId: x.item.customerId,
      valueCents: x.item.valueCents,
      status: input.filter.status,
    })),
    { premiumCents: worklist.premiumCents, midCents: worklist.midCents },
    steps[0]!.channel,
  )
  const skipped = { notContactable: 0, noAssignee: 0 }
  const members = group.flatMap((x) => {
    const r = routing.get(x.item.customerId)
    if (!r?.planned) {
      if (r?.blocker === 'no_assignee') skipped.noAssignee++
      else skipped.notContactable++
      return []
    }
    return [{ ...x, routing: r }]
  })
  const seed = randomBytes(8).toString('hex')
  const arms = assignArms(
    members.map((m) => ({ customerId: m.item.customerId, priority: m.item.expectedNetCents })),
    { seed, controlShare: input.controlShare },
  )
  return db.transaction().execute(async (trx) => {
    const campaign = await trx
      .insertInto('campaigns')
      .values({
        name: input.name,
        state: 'draft',
        filter: JSON.stringify(input.filter),
        measure_id: input.measureId ?? null,
        steps: JSON.stringify(steps),
        budget_cents: budgetCents,
        attribution_days: input.attributionDays ?? winback.attributionDays,
        control_share: input.controlShare,
        seed,
        baseline_rate: input.baselineRate,
        min_difference: input.minDifference,
        skipped: JSON.stringify(skipped),
        launched_on: null,
        closed_on: null,
        created_at: actor.now,
        created_by: actor.userId,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (let i = 0; i < members.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('campaign_members')
        .values(
          members.slice(i, i + INSERT_CHUNK).map((m) => ({
            campaign_id: campaign.id,
            customer_id: m.item.customerId,
            arm: arms.get(m.item.customerId)!.arm,
            stratum: arms.get(m.item.customerId)!.stratum,
            rank: m.rank,
            assignee_user_id: m.routing.assigneeUserId,
            channel: m.routing.channel,
            expected_net_cents: m.item.expectedNetCents,
            value_cents: m.item.valueCents,
            probability: m.item.probability,
            contacted_on: null,
            added_at: actor.now,
          })),
        )
        .execute()
    }
    return campaign.id
  })
}

async function requireMeasure(db: Kysely<Database>, id: number) {
  const m = await db.selectFrom('playbook_measures').select('id').where('id', '=', id).executeTakeFirst()
  if (!m) throw new AppError('validation_failed', say('noSuchMeasureId'))
}

async function requireCampaign(db: Kysely<Database>, id: number): Promise<CampaignRow> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found', say('noSuchCampaign'))
  return row
}

/**
 * Starts a draft: its treated members go onto their assignees' Tageslisten from today. A rep sees
 * only their own customers, so a member routed to a rep who is not the owner becomes theirs (with
 * the change in the owner history).
 */
export async function launchCampaign(db: Kysely<Database>, id: number, actor: Actor) {
  await db.transaction().execute(async (trx) => {
    const campaign = await trx.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst()
    if (!campaign) throw new AppError('not_found', say('noSuchCampaign'))
    if (campaign.state !== 'draft')
      throw new AppError('conflict', say('campaignNotDraft', { state: campaign.state }))
    const moves = await trx
      .selectFrom('campaign_members as m')
      .innerJoin('customers as c', 'c.id', 'm.customer_id')
      .innerJoin('users as u', 'u.id', 'm.assignee_user_id')
      .select(['m.customer_id', 'm.assignee_user_id', 'c.owner_user_id'])
      .where('m.campaign_id', '=', id)
      .where('m.arm', '=', 'treatment')
      .where('u.role', '=', 'rep')
      .where((eb) =>
        eb.or([eb('c.owner_user_id', 'is', null), eb('c.owner_user_id', '!=', eb.ref('m.assignee_user_id'))]),
      )
      .execute()
    for (const m of moves)
      await changeOwner(trx, m.customer_id, m.owner_user_id, m.assignee_user_id, {
        source: 'routing',
        note: campaign.name,
        actor,
      })
    await trx
      .updateTable('campaigns')
      .set({ state: 'running', launched_on: actor.today, updated_at: actor.now })
      .where('id', '=', id)
      .execute()
  })
}

export async function closeCampaign(db: Kysely<Database>, id: number, actor: Actor) {
  const campaign = await requireCampaign(db, id)
  if (campaign.state !== 'running')
    throw new AppError('conflict', say('campaignNotRunning', { state: campaign.state }))
  await db
    .updateTable('campaigns')
    .set({ state: 'closed', closed_on: actor.today, updated_at: actor.now })
    .where('id', '=', id)
    .execute()
}

/** A draft can be thrown away; a launched campaign is history (close it instead). */
export async function deleteCampaign(db: Kysely<Database>, id: number) {
  const campaign = await requireCampaign(db, id)
  if (campaign.state !== 'draft') throw new AppError('conflict', say('onlyDraftDeleted'))
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('campaign_members').where('campaign_id', '=', id).execute()
    await trx.deleteFrom('campaigns').where('id', '=', id).execute()
  })
}

async function campaignDtos(db: Kysely<Database>, rows: CampaignRow[]): Promise<CampaignDto[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [counts, measures, settings] = await Promise.all([
    db
      .selectFrom('campaign_members')
      .select(['campaign_id', 'arm'])
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('contacted_on').as('contacted'),
        eb.fn.sum<number>('probability').as('probability'),
      ])
      .where('campaign_id', 'in', ids)
      .groupBy(['campaign_id', 'arm'])
      .execute(),
    db.selectFrom('playbook_measures').selectAll().execute(),
    loadWinbackSettings(db),
  ])
  const measureOf = new Map(measures.map((m) => [m.id, measureDto(m)]))
  return rows.map((r) => {
    const arm = (name: string) => counts.find((c) => c.campaign_id === r.id && c.arm === name)
    const treated = Number(arm('treatment')?.n ?? 0)
    const control = Number(arm('control')?.n ?? 0)
    const steps = JSON.parse(r.steps) as CampaignStep[]
    const measure = r.measure_id === null ? null : (measureOf.get(r.measure_id) ?? null)
    const perMember = recoveryCost({
      measureCents: measure?.costCents ?? settings.measureCents,
      contacts: steps.map((s) => ({ channel: s.channel, minutes: settings.minutesPerChannel[s.channel] })),
      hourlyRateCents: settings.hourlyRateCents,
      postageCents: settings.postageCents,
    }).cents
    const plannedCostCents = perMember * treated
    const budgetCents = r.budget_cents === null ? null : Number(r.budget_cents)
    const treatedRate = treated > 0 ? Number(arm('treatment')?.probability ?? 0) / treated : 0
    const skipped = JSON.parse(r.skipped) as CampaignDto['skipped']
    return {
      id: r.id,
      name: r.name,
      state: r.state,
      filter: JSON.parse(r.filter) as CampaignFilter,
      measure: measure && { id: measure.id, name: measure.name, costCents: measure.costCents },
      steps,
      budgetCents,
      attributionDays: r.attribution_days,
      controlShare: Number(r.control_share),
      baselineRate: Number(r.baseline_rate),
      minDifference: Number(r.min_difference),
      members: treated + control,
      treated,
      control,
      contacted: Number(arm('treatment')?.contacted ?? 0),
      plannedCostCents,
      overBudget: budgetCents !== null && plannedCostCents > budgetCents,
      skipped,
      launchedOn: r.launched_on,
      closedOn: r.closed_on,
      createdAt: r.created_at,
      power: {
        ...powerPreview({
          baselineRate: Number(r.baseline_rate),
          treatedRate: Math.min(0.999, Number(r.baseline_rate) + Number(r.min_difference)),
          treated,
          control,
        }),
        modelRate: treatedRate,
      },
    }
  })
}

export async function listCampaigns(db: Kysely<Database>): Promise<CampaignDto[]> {
  return campaignDtos(db, await db.selectFrom('campaigns').selectAll().orderBy('id', 'desc').execute())
}

export async function getCampaign(
  db: Kysely<Database>,
  id: number,
  page: { arm?: 'treatment' | 'control'; limit: number; offset: number },
): Promise<CampaignDetail> {
  const [dto] = await campaignDtos(db, [await requireCampaign(db, id)])
  const strata = await db
    .selectFrom('campaign_members')
    .select(['stratum', 'arm'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', id)
    .groupBy(['stratum', 'arm'])
    .orderBy('stratum')
    .execute()
  let members = db
    .selectFrom('campaign_members as m')
    .innerJoin('customers as c', 'c.id', 'm.customer_id')
    .leftJoin('users as u', 'u.id', 'm.assignee_user_id')
    .where('m.campaign_id', '=', id)
  if (page.arm) members = members.where('m.arm', '=', page.arm)
  const [total, rows] = await Promise.all([
    members.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    members
      .select([
        'm.customer_id',
        'c.customer_number',
        'c.company_name',
        'c.first_name',
        'c.last_name',
        'm.arm',
        'm.stratum',
        'm.rank',
        'u.name as assignee_name',
        'm.channel',
        'm.expected_net_cents',
        'm.probability',
        'm.contacted_on',
      ])
      .orderBy('m.rank')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ])
  const stratumIds = [...new Set(strata.map((s) => s.stratum))]
  return {
    ...dto!,
    strata: stratumIds.map((s) => ({
      stratum: s,
      treated: Number(strata.find((x) => x.stratum === s && x.arm === 'treatment')?.n ?? 0),
      control: Number(strata.find((x) => x.stratum === s && x.arm === 'control')?.n ?? 0),
    })),
    memberTotal: Number(total.n),
    memberPage: rows.map(
      (r): CampaignMemberDto => ({
        customerId: r.customer_id,
        customerNumber: r.customer_number,
        displayName: displayName(r),
        arm: r.arm,
        stratum: r.stratum,
        rank: r.rank,
        assigneeName: r.assignee_name,
        channel: r.channel,
        expectedNetCents: Number(r.expected_net_cents),
        probability: Number(r.probability),
        contactedOn: r.contacted_on,
      }),
    ),
  }
}
