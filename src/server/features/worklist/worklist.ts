import type { Kysely } from 'kysely'
import type { Worklist, WorklistItem } from '../../../shared/api/worklist'
import { type ContactBlocker, contactChannels } from '../../../shared/contact'
import { describePick } from '../../../shared/i18n/describe'
import type { Locale } from '../../../shared/i18n/format'
import { createTranslator } from '../../../shared/i18n/index'
import type { PlannedChannel } from '../../../shared/worklist'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { addDays, type IsoDate } from '../../lib/dates'
import { forgetCachedReadsOf } from '../../lib/read-cache'
import { loadEligibility } from '../contact/eligibility'
import { displayName } from '../customers/customer-rows'
import { changeOwner } from '../customers/owner'
import { hooksFor, measuresFor, rankMeasures } from '../playbook/fitting'
import { evidenceFor, loadPlaybookEvidence } from '../playbook/measure-evidence'
import { loadHooks, loadMeasures } from '../playbook/playbook.repository'
import { allowedChannels, routeCandidates } from '../playbook/route-candidates'
import { cachedWinbackList, winbackValuesOf } from '../winback/winback-list'
import { chooseNewCustomers, type PickCandidate, type PickWhy } from './select'
import { loadWorklistSettings, newPerDayOf } from './worklist-settings'

/** How far down the win-back list the day's choice looks (routing each of them costs a little). */
const LIST_DEPTH = 2_000

interface DayPick {
  customerId: number
  campaignId: number | null
  channel: PlannedChannel
  why: PickWhy
}

/**
 * The customers already being worked, who are not picked as new: an open Wiedervorlage or attempt,
 * a call within the rest days, or someone's pick today.
 */
async function busyCustomers(db: Kysely<Database>, day: IsoDate, restDays: number): Promise<Set<number>> {
  const [followups, attempts, calls, picks] = await Promise.all([
    db.selectFrom('followups').select('customer_id').where('done_at', 'is', null).execute(),
    db.selectFrom('winback_attempts').select('customer_id').where('outcome', '=', 'open').execute(),
    db.selectFrom('calls').select('customer_id').where('called_on', '>', addDays(day, -restDays)).execute(),
    db.selectFrom('worklist_picks').select('customer_id').where('day', '=', day).execute(),
  ])
  return new Set([...followups, ...attempts, ...calls, ...picks].map((r) => r.customer_id))
}

/**
 * Chooses the user's new customers for a day: treated members of running campaigns routed to them,
 * then the top of the win-back list as routing gives it to them. Pure choice in `select.ts`.
 */
async function choosePicks(
  db: Kysely<Database>,
  userId: number,
  day: IsoDate,
  reading: Kysely<Database>,
): Promise<DayPick[]> {
  const settings = await loadWorklistSettings(db)
  const perDay = newPerDayOf(settings, userId)
  if (perDay === 0) return []
  const busy = await busyCustomers(db, day, settings.restDays)
  const members = await db
    .selectFrom('campaign_members as m')
    .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .innerJoin('customers as cu', 'cu.id', 'm.customer_id')
    .select([
      'm.customer_id',
      'm.campaign_id',
      'c.name',
      'm.rank',
      'm.channel',
      'm.expected_net_cents',
      'm.probability',
    ])
    .where('c.state', '=', 'running')
    .where('m.arm', '=', 'treatment')
    .where('m.contacted_on', 'is', null)
    .where('m.assignee_user_id', '=', userId)
    .where('cu.erased_at', 'is', null)
    .execute()
  const eligibility = await loadEligibility(
    db,
    members.map((m) => m.customer_id),
  )
  const candidates: PickCandidate[] = members
    // the law is asked again today: a member who objected since the launch is not called
    .filter((m) => !busy.has(m.customer_id) && lawAllows(eligibility.get(m.customer_id), m.channel))
    .map((m) => ({
      customerId: m.customer_id,
      assigneeUserId: userId,
      channel: m.channel,
      expectedNetCents: Number(m.expected_net_cents),
      probability: Number(m.probability),
      ease: null,
      listRank: m.rank,
      campaign: { id: m.campaign_id, name: m.name, rank: m.rank },
    }))
  if (candidates.length < perDay) {
    const inCampaign = new Set(members.map((m) => m.customer_id))
    // the list the win-back page shows (cached on the reading connection): one list a day for both
    const list = await cachedWinbackList(reading, { ownerId: null }, day, {
      status: 'lost',
      sort: 'net_value',
    })
    const top = list.entries
      .map((item, i) => ({ item, rank: i + 1 }))
      .filter((x) => !busy.has(x.item.customerId) && !inCampaign.has(x.item.customerId) && !x.item.pastStop)
      .slice(0, LIST_DEPTH)
    const routing = await routeCandidates(
      db,
      top.map((x) => ({ customerId: x.item.customerId, valueCents: x.item.valueCents, status: 'lost' })),
      { premiumCents: settings.premiumCents, midCents: settings.midCents },
    )
    for (const x of top) {
      const r = routing.get(x.item.customerId)
      if (!r?.planned) continue
      candidates.push({
        customerId: x.item.customerId,
        assigneeUserId: r.assigneeUserId,
        channel: r.channel,
        expectedNetCents: x.item.expectedNetCents,
        probability: x.item.probability,
        ease: x.item.ease,
        listRank: x.rank,
        campaign: null,
      })
    }
  }
  return chooseNewCustomers(candidates, userId, perDay).map((p) => ({
    customerId: p.candidate.customerId,
    campaignId: p.candidate.campaign?.id ?? null,
    channel: p.candidate.channel,
    why: p.why,
  }))
}

function lawAllows(channels: Map<string, { allowed: boolean }> | undefined, channel: PlannedChannel) {
  return allowedChannels(channels).has(channel)
}

/**
 * Today's picks of a user, chosen at the first look of the day and kept, so the list stays the same
 * all day (a later day is previewed, not kept). A pick routed to a rep who is not the owner makes
 * the customer theirs: reps see only their own customers.
 */
async function picksOf(
  db: Kysely<Database>,
  userId: number,
  day: IsoDate,
  actor: Actor,
  reading: Kysely<Database>,
): Promise<DayPick[]> {
  const stored = async () =>
    (
      await db
        .selectFrom('worklist_picks')
        .selectAll()
        .where('user_id', '=', userId)
        .where('day', '=', day)
        .orderBy('position')
        .execute()
    ).map((p) => ({
      customerId: p.customer_id,
      campaignId: p.campaign_id,
      channel: p.channel,
      why: JSON.parse(p.why) as PickWhy,
    }))
  if (day < actor.today) return stored()
  // the mark first, then the picks: both are committed together, so picks read after a mark that
  // is there are complete (read the other way round, a choice committed in between would be
  // missed and the day's list shown empty)
  const chosenBefore = day === actor.today && (await pickedAlready(db, userId, day))
  const kept = day === actor.today ? await stored() : []
  if (kept.length > 0 || chosenBefore) return kept
  const picks = await choosePicks(db, userId, day, reading)
  if (day !== actor.today) return picks
  const ownersChanged: number[] = []
  await db.transaction().execute(async (trx) => {
    // remembered even when nothing was found, so the list is not chosen again all day. Taken first:
    // of two first looks at the same moment (the page and another tab) only one writes its picks;
    // the other waits for it here (PostgreSQL; SQLite has one writer) and keeps what it chose.
    const first = await trx
      .insertInto('settings')
      .values({ key: pickedKey(userId, day), value: 'true', updated_at: actor.now, updated_by: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst()
    if (!first) return
    const user = await trx
      .selectFrom('users')
      .select('role')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    for (const [position, p] of picks.entries()) {
      await trx
        .insertInto('worklist_picks')
        .values({
          user_id: userId,
          day,
          customer_id: p.customerId,
          position,
          campaign_id: p.campaignId,
          channel: p.channel,
          why: JSON.stringify(p.why),
          created_at: actor.now,
        })
        .onConflict((oc) => oc.columns(['user_id', 'day', 'customer_id']).doNothing())
        .execute()
      if (user.role !== 'rep') continue
      const customer = await trx
        .selectFrom('customers')
        .select('owner_user_id')
        .where('id', '=', p.customerId)
        .executeTakeFirstOrThrow()
      if (customer.owner_user_id !== userId) {
        ownersChanged.push(p.customerId)
        await changeOwner(trx, p.customerId, customer.owner_user_id, userId, {
          source: 'routing',
          note: p.why.campaignName ?? null,
          actor,
        })
      }
    }
  })
  // owners changed: no cached list may show them as they were; the win-back list just built for
  // the choice is brought up to date for them (at a million customers it takes seconds to build)
  forgetCachedReadsOf(ownersChanged)
  return stored()
}

const pickedKey = (userId: number, day: IsoDate) => `worklist.picked.${userId}.${day}`

async function pickedAlready(db: Kysely<Database>, userId: number, day: IsoDate) {
  return (
    (await db
      .selectFrom('settings')
      .select('key')
      .where('key', '=', pickedKey(userId, day))
      .executeTakeFirst()) !== undefined
  )
}

/**
 * A user's Tagesliste for a day: due and overdue Wiedervorlagen first (most urgent, then oldest),
 * then the day's new customers. Each row with why it is there, the customer's reasons, the measure
 * and hooks that fit them, what was offered before, the legal traffic light per channel, and whether
 * it has been worked today.
 */
export async function getWorklist(
  db: Kysely<Database>,
  userId: number,
  day: IsoDate,
  actor: Actor,
  locale: Locale,
  /** where the win-back list to choose from is read (the server's reading connection, if it has one) */
  reading: Kysely<Database> = db,
): Promise<Worklist> {
  const followups = await db
    .selectFrom('followups as f')
    .leftJoin('campaigns as c', 'c.id', 'f.campaign_id')
    .selectAll('f')
    .select('c.name as campaign_name')
    .where('f.assignee_user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb.and([eb('f.done_at', 'is', null), eb('f.due_on', day === actor.today ? '<=' : '=', day)]),
        // worked today: shown ticked off
        ...(day === actor.today ? [eb('f.done_at', '>=', `${day}T00:00:00`)] : []),
      ]),
    )
    .execute()
  const picks = await picksOf(db, userId, day, actor, reading)
  const rank = { urgent: 0, high: 1, normal: 2 } as const
  followups.sort(
    (a, b) =>
      rank[a.priority] - rank[b.priority] ||
      a.due_on.localeCompare(b.due_on) ||
      (a.due_time ?? '99').localeCompare(b.due_time ?? '99') ||
      a.id - b.id,
  )
  const withFollowup = new Set(followups.map((f) => f.customer_id))
  const pickRows = picks.filter((p) => !withFollowup.has(p.customerId))
  const ids = [...new Set([...followups.map((f) => f.customer_id), ...pickRows.map((p) => p.customerId)])]
  const context = await itemContext(db, ids, day)
  const { t } = createTranslator(locale)
  const items: WorklistItem[] = []
  for (const f of followups) {
    const kind = f.due_on < day ? 'followup_overdue' : 'followup_due'
    const c = context.customers.get(f.customer_id)
    if (!c) continue
    items.push(
      context.item(c, {
        kind,
        followupId: f.id,
        source: f.source,
        dueOn: f.due_on,
        dueTime: f.due_time,
        priority: f.priority,
        channel: f.channel,
        note: f.note,
        campaign:
          f.campaign_id !== null && f.campaign_name ? { id: f.campaign_id, name: f.campaign_name } : null,
        why: null,
        whyText: describePick(
          t,
          { kind, dueOn: f.due_on, dueTime: f.due_time, note: f.note, source: f.source },
          locale,
        ),
        done: f.done_at !== null,
      }),
    )
  }
  for (const p of pickRows) {
    const c = context.customers.get(p.customerId)
    if (!c) continue
    const kind = p.why.source === 'campaign' ? 'campaign' : 'winback_list'
    items.push(
      context.item(c, {
        kind,
        followupId: null,
        source: null,
        dueOn: day,
        dueTime: null,
        priority: 'normal',
        channel: p.channel,
        note: null,
        campaign: p.why.campaignId !== null ? { id: p.why.campaignId, name: p.why.campaignName ?? '' } : null,
        why: p.why,
        whyText: describePick(t, { kind, ...p.why }, locale),
        done: context.calledOn.has(p.customerId),
      }),
    )
  }
  return { date: day, userId, items }
}

type ItemBase = Pick<
  WorklistItem,
  | 'kind'
  | 'followupId'
  | 'source'
  | 'dueOn'
  | 'dueTime'
  | 'priority'
  | 'channel'
  | 'note'
  | 'campaign'
  | 'why'
  | 'whyText'
  | 'done'
>

/** What every row shows about its customer, loaded once for all of them. */
async function itemContext(db: Kysely<Database>, ids: number[], day: IsoDate) {
  const none = ids.length === 0
  const [
    customers,
    reasons,
    measures,
    hooks,
    attempts,
    calls,
    eligibility,
    campaignMeasures,
    listValue,
    evidence,
  ] = await Promise.all([
    none
      ? []
      : db
          .selectFrom('customers')
          .select([
            'id',
            'customer_number',
            'company_name',
            'first_name',
            'last_name',
            'phone',
            'city',
            'erased_at',
          ])
          .where('id', 'in', ids)
          .execute(),
    none
      ? []
      : db
          .selectFrom('customer_churn_reasons as ccr')
          .innerJoin('churn_reasons as r', 'r.id', 'ccr.reason_id')
          .select(['ccr.customer_id', 'r.id', 'r.code', 'r.name_de', 'r.name_en'])
          .where('ccr.customer_id', 'in', ids)
          .orderBy('ccr.recorded_on', 'desc')
          .execute(),
    loadMeasures(db),
    loadHooks(db, day),
    none
      ? []
      : db
          .selectFrom('winback_attempts')
          .select(['customer_id', 'started_on', 'offer', 'offer_cents'])
          .where('customer_id', 'in', ids)
          .where((eb) => eb.or([eb('offer', 'is not', null), eb('offer_cents', 'is not', null)]))
          .orderBy('started_on')
          .orderBy('id')
          .execute(),
    none
      ? []
      : db
          .selectFrom('calls')
          .select(['customer_id', 'called_on', 'reached', 'outcome'])
          .where('customer_id', 'in', ids)
          .orderBy('called_at')
          .orderBy('id')
          .execute(),
    loadEligibility(db, ids),
    none
      ? []
      : db
          .selectFrom('campaign_members as m')
          .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
          .select(['m.customer_id', 'c.measure_id'])
          .where('m.customer_id', 'in', ids)
          .where('c.state', '=', 'running')
          .where('m.arm', '=', 'treatment')
          .execute(),
    winbackValuesOf(db, ids, day),
    loadPlaybookEvidence(db, day),
  ])
  const reasonsOf = new Map<number, WorklistItem['reasons']>()
  for (const r of reasons) {
    const list = reasonsOf.get(r.customer_id) ?? []
    if (!list.some((x) => x.id === r.id)) list.push({ id: r.id, code: r.code, de: r.name_de, en: r.name_en })
    reasonsOf.set(r.customer_id, list)
  }
  const lastOffer = new Map(
    attempts.map((a) => [
      a.customer_id,
      { on: a.started_on, offer: a.offer, offerCents: a.offer_cents === null ? null : Number(a.offer_cents) },
    ]),
  )
  const lastCall = new Map(
    calls.map((c) => [c.customer_id, { on: c.called_on, reached: c.reached, outcome: c.outcome }]),
  )
  const calledOn = new Set(calls.filter((c) => c.called_on === day).map((c) => c.customer_id))
  const campaignMeasure = new Map(campaignMeasures.map((m) => [m.customer_id, m.measure_id]))
  const fittingHooks = hooks.map((h) => ({ ...h }))
  const item = (c: (typeof customers)[number], base: ItemBase): WorklistItem => {
    const customerReasons = reasonsOf.get(c.id) ?? []
    const reasonIds = customerReasons.map((r) => r.id)
    // the campaign's measure, else the fitting one that won back most so far (the playbook learns)
    const chosen =
      measures.find((m) => m.id === campaignMeasure.get(c.id)) ??
      rankMeasures(
        measuresFor(measures, reasonIds),
        evidenceFor(evidence, reasonIds),
        evidence.overallRate,
      )[0] ??
      null
    const channels = eligibility.get(c.id)
    const lights = contactChannels.map((channel) => ({
      channel: channel as PlannedChannel,
      allowed: channels?.get(channel)?.allowed === true,
      blockers: (channels?.get(channel)?.blockers ?? []) as ContactBlocker[],
    }))
    const value = listValue.get(c.id)
    return {
      ...base,
      customerId: c.id,
      customerNumber: c.customer_number,
      displayName: displayName(c),
      phone: c.phone,
      city: c.city,
      reasons: customerReasons,
      measure: chosen && {
        id: chosen.id,
        kind: chosen.kind,
        name: chosen.name,
        talkingPoints: chosen.talkingPoints,
        defaultOffer: chosen.defaultOffer,
        maxOfferCents: chosen.maxOfferCents,
      },
      hooks: hooksFor(fittingHooks, reasonIds, day).map((h) => ({
        id: h.id,
        title: h.title,
        description: h.description,
      })),
      lastOffer: lastOffer.get(c.id) ?? null,
      lastCall: lastCall.get(c.id) ?? null,
      channels: [...lights, { channel: 'visit', allowed: lawAllows(channels, 'visit'), blockers: [] }],
      valueCents: value ?? null,
    }
  }
  return { customers: new Map(customers.map((c) => [c.id, c])), item, calledOn }
}
