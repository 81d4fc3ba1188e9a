import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import type { WinbackFilter, WinbackItem, WinbackList, WinbackQuery } from '../../../shared/api/winback'
import { attemptState, type ExclusionReason } from '../../../shared/winback'
import { chunks } from '../../db/bulk'
import { customerKeysAfter } from '../../db/keyset-pages'
import type { Database } from '../../db/schema'
import { addDays, type IsoDate } from '../../lib/dates'
import { createReadCache } from '../../lib/read-cache'
import { displayName } from '../customers/customer-rows'
import type { CustomerScope } from '../customers/customer-scope'
import { measuresFor } from '../playbook/fitting'
import { loadMeasures } from '../playbook/playbook.repository'
import { attributionWindowEnd } from './attribution'
import { type ChunkReader, queryingReader, wholeListReader } from './chunk-reads'
import {
  type Candidate,
  curveAlong,
  type EffortCurve,
  effortCurve,
  exclusionOf,
  mergeInOrder,
  onTheList,
  prioritise,
  priorityOrder,
  sortedOutOrder,
  stopIndex,
} from './prioritise'
import { winbackProbability } from './probability'
import { situationOf } from './situation'
import { gate, recoveryCost, valueIfWonBack } from './valuation'
import { currentWinbackModel } from './winback-model'
import { DEFAULT_MONTHLY_DISCOUNT_RATE, loadWinbackSettings, wonBackMonths } from './winback-settings'

/**
 * Customers read and valued at once: one query per table for each. Not more: a list rebuilt under
 * load holds up every other request for a chunk's valuing (by 5,000, half a million lost customers
 * took 1.3 s less on PostgreSQL, but the other lists' p95 under load rose by 50–100 ms).
 */
const CHUNK = 1000

/** How many customers are read and valued at once (tests make it small to cross chunk boundaries). */
export interface ListReading {
  chunk?: number
  /** side tables with at most this many rows are read once for a whole list (tests set 0: none) */
  readWholeUpTo?: number
}

/**
 * What every customer's valuation shares: the settings, the win-back model, the latest model run's
 * valuation and the playbook's measures, as of one day.
 */
interface ListContext {
  settings: Awaited<ReturnType<typeof loadWinbackSettings>>
  model: Awaited<ReturnType<typeof currentWinbackModel>>
  run: Awaited<ReturnType<typeof latestRunValuation>>
  horizonMonths: number
  reasonMeasures: Awaited<ReturnType<typeof loadMeasures>>
  recentSince: IsoDate
  today: IsoDate
}

async function listContext(db: Kysely<Database>, today: IsoDate): Promise<ListContext> {
  const settings = await loadWinbackSettings(db)
  return {
    settings,
    model: await currentWinbackModel(db, settings, today),
    run: await latestRunValuation(db),
    horizonMonths: wonBackMonths(settings),
    // measures for a reason; the general ones (for any reason) are not a plan for this customer
    reasonMeasures: (await loadMeasures(db)).filter((m) => m.reasonId !== null),
    recentSince: addDays(today, -settings.attributionDays),
    today,
  }
}

/** The customers of a list (status, scope and filters) with what their valuation reads from them. */
function customerRows(db: Kysely<Database>, afterId?: number) {
  return db
    .selectFrom('customers as c')
    .innerJoin('customer_status as cs', 'cs.customer_id', 'c.id')
    .leftJoin('customer_scores as sc', (join) => {
      const on = join.onRef('sc.customer_id', '=', 'c.id')
      return afterId === undefined ? on : on.on((eb) => customerKeysAfter(eb, afterId, ['sc.customer_id']))
    })
    .leftJoin('users as owner', 'owner.id', 'c.owner_user_id')
    .select([
      'c.id',
      'c.customer_number',
      'c.company_name',
      'c.first_name',
      'c.last_name',
      'c.segment',
      'owner.name as owner_name',
      'cs.last_purchase_on',
      'cs.annual_revenue_cents',
      'sc.won_back_purchases',
      'sc.won_back_value_cents',
      'sc.expected_spend_cents',
      'sc.x as repeat_purchases',
    ])
}

type CustomerRow = Awaited<ReturnType<ReturnType<typeof customerRows>['execute']>>[number]

/** The customers a list (status, scope and filters) is made of. */
function listedCustomers(db: Kysely<Database>, scope: CustomerScope, query: WinbackFilter, afterId?: number) {
  const { reasonId } = query
  let customers = customerRows(db, afterId)
    .where('cs.status', '=', query.status)
    .where('c.erased_at', 'is', null)
  if (afterId !== undefined)
    customers = customers.where((eb) => customerKeysAfter(eb, afterId, ['c.id', 'cs.customer_id']))
  if (scope.ownerId !== null) customers = customers.where('c.owner_user_id', '=', scope.ownerId)
  if (query.segment) customers = customers.where('c.segment', '=', query.segment)
  if (query.owner === 'none') customers = customers.where('c.owner_user_id', 'is', null)
  else if (query.owner !== undefined) customers = customers.where('c.owner_user_id', '=', query.owner)
  if (reasonId)
    customers = customers.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('customer_churn_reasons as r')
          .select('r.id')
          .whereRef('r.customer_id', '=', 'c.id')
          .where('r.reason_id', '=', reasonId),
      ),
    )
  return customers
}

/** A page of the list's customers after `afterId`, in the order of their ids. */
export function listPage(
  db: Kysely<Database>,
  scope: CustomerScope,
  query: WinbackFilter,
  page: { afterId: number; limit: number },
): Promise<CustomerRow[]> {
  // keyed on the status row's id: the index on (status, customer_id) gives the order and the stop
  return listedCustomers(db, scope, query, page.afterId).orderBy('cs.customer_id').limit(page.limit).execute()
}

/**
 * The customers of a list are read this many chunks at a time: a page of the four-table join was
 * planned afresh for each chunk, and planning took about half of its 13 ms on PostgreSQL.
 */
const CHUNKS_PER_PAGE = 5

/**
 * The customers of the list, CHUNK at a time in the order of their ids (a million lost customers
 * are never held at once), each chunk handed to `each` before the next. Pages of several chunks are
 * read, the next while the chunks of the one before are valued.
 */
async function forEachChunk(
  db: Kysely<Database>,
  scope: CustomerScope,
  query: WinbackFilter,
  chunk: number,
  each: (rows: CustomerRow[]) => Promise<void>,
): Promise<void> {
  const limit = chunk * CHUNKS_PER_PAGE
  const pageAfter = (afterId: number) => listPage(db, scope, query, { afterId, limit })
  let next: Promise<CustomerRow[]> | null = pageAfter(0)
  while (next) {
    const rows: CustomerRow[] = await next
    next = rows.length === limit ? pageAfter(rows.at(-1)!.id) : null
    // a failure of the page read ahead is met where it is awaited
    next?.catch(() => undefined)
    for (let i = 0; i < rows.length; i += chunk) {
      await each(rows.slice(i, i + chunk))
      // a long list must not hold up every other request: let them in between chunks
      await yieldToEventLoop()
    }
  }
}

/**
 * What a customer's place on the list rests on besides the day: their value if won back, the cost,
 * and what their probability and exclusion are worked out from. A list moved on to another day
 * (`RankedWinbackList.updatedFor`) works each place out again from these, without reading anybody.
 */
interface Standing {
  customerId: number
  valueCents: number
  costCents: number
  effortMinutes: number
  ease: number | null
  positiveResponses: number
  reasonKinds: readonly string[]
  lastPurchaseOn: IsoDate | null
  /** objected, or no channel the law allows: nothing of the day can come before it */
  barred: boolean
  /** the exclusion without a recent win-back (exclusionOf's other facts) */
  exclusionBesides: ExclusionReason | null
  lastAttempt: WinbackItem['lastAttempt']
}

const NO_REASONS: readonly string[] = []

/** What the day a list is made for decides: each customer's situation, probability, gate and exclusion. */
function judgedOn(s: Standing, ctx: ListContext) {
  const { settings, model, recentSince, today } = ctx
  const situation = situationOf({
    reasonKinds: s.reasonKinds,
    lastPurchaseOn: s.lastPurchaseOn,
    today,
    ease: s.ease,
    positiveResponses: s.positiveResponses,
  })
  const probability = winbackProbability(situation, model)
  const verdict = gate(s.valueCents, probability.probability, s.costCents, settings.maxCostRatio)
  const { lastAttempt } = s
  // said yes, or bought after an attempt: theirs is the next order, not another call (exclusionOf's
  // order: after an objection or no lawful channel, before everything else)
  const winBack =
    lastAttempt?.outcome === 'promised' &&
    attributionWindowEnd(lastAttempt.startedOn, settings.attributionDays) >= today
      ? 'awaiting_order'
      : lastAttempt?.outcome === 'won_back' && (lastAttempt.wonOn ?? '') >= recentSince
        ? 'won_back'
        : null
  const candidate: Candidate = {
    customerId: s.customerId,
    valueCents: s.valueCents,
    probability: probability.probability,
    costCents: s.costCents,
    effortMinutes: s.effortMinutes,
    ease: s.ease,
    gate: verdict,
    exclusion: s.barred ? s.exclusionBesides : (winBack ?? s.exclusionBesides),
  }
  return { candidate, situation, probability, verdict }
}

/**
 * Values, costs, gates and sorts out each customer of a chunk: what their place rests on besides the
 * day, their candidate for the list and, when asked for, the item a person reads (the list's pages
 * make only their own items).
 */
async function evaluate(
  ctx: ListContext,
  rows: readonly CustomerRow[],
  withItems: boolean,
  read: ChunkReader,
): Promise<{ standings: Standing[]; candidates: Candidate[]; items: WinbackItem[] }> {
  const { settings, run, horizonMonths, reasonMeasures } = ctx
  // none (all of those asked for left the list): no query, PostgreSQL refuses `in ()`
  if (rows.length === 0) return { standings: [], candidates: [], items: [] }
  const { margins, reasons, assessments, objections, eligibility, attempts } = await read(
    rows.map((r) => r.id),
  )
  // ordered oldest first, so the latest attempt is the one left in the map
  const lastAttemptOf = new Map(
    attempts.map((x) => [
      x.customer_id,
      {
        outcome: attemptState(x.outcome, x.won_order_id !== null),
        startedOn: x.started_on,
        wonOn: x.won_on,
      },
    ]),
  )
  const marginRate = new Map(
    margins.filter((m) => Number(m.net) > 0).map((m) => [m.customer_id, Number(m.margin) / Number(m.net)]),
  )
  const reasonsOf = new Map<number, { de: string; en: string; kind: string }[]>()
  const reasonIdsOf = new Map<number, number[]>()
  for (const r of reasons) {
    reasonsOf.set(r.customer_id, [
      ...(reasonsOf.get(r.customer_id) ?? []),
      { de: r.name_de, en: r.name_en, kind: r.kind },
    ])
    reasonIdsOf.set(r.customer_id, [...(reasonIdsOf.get(r.customer_id) ?? []), r.reason_id])
  }
  const assessmentOf = new Map(assessments.map((a) => [a.customer_id, a]))
  const objected = new Set(objections.map((o) => o.customer_id))
  // customers the engine has answered for, and those with at least one channel the law allows
  const known = new Set(eligibility.known)
  const hasLawfulChannel = new Set(eligibility.lawful)
  const contacts = settings.plannedContacts.map((channel) => ({
    channel,
    minutes: settings.minutesPerChannel[channel],
  }))

  const standings: Standing[] = []
  const candidates: Candidate[] = []
  const items: WinbackItem[] = []
  for (const r of rows) {
    const a = assessmentOf.get(r.id)
    const annualRevenueCents = Number(r.annual_revenue_cents ?? 0)
    const rate = marginRate.get(r.id)
    const value = valueIfWonBack({
      model:
        // a one-time buyer has shown no purchase rate of their own: their margin says more
        run.usable && r.won_back_value_cents !== null && Number(r.repeat_purchases) > 0
          ? {
              purchases: Number(r.won_back_purchases),
              spendCents: Number(r.expected_spend_cents),
              discountedRevenueCents: Number(r.won_back_value_cents),
              horizonMonths: run.wonBackMonths,
            }
          : null,
      annualRevenueCents,
      importedMarginRate: rate ?? null,
      defaultMarginRate:
        (r.segment ? settings.marginRateBySegment[r.segment] : undefined) ?? settings.defaultMarginRate,
      horizonMonths,
      monthlyDiscountRate: run.monthlyDiscountRate,
    })
    // the measure planned by hand, else the playbook's first measure for the customer's reasons
    const playbookMeasure = measuresFor(reasonMeasures, reasonIdsOf.get(r.id) ?? [])[0]
    const cost = recoveryCost({
      measureCents:
        a?.planned_measure_cents === null || a === undefined
          ? (playbookMeasure?.costCents ?? settings.measureCents)
          : Number(a.planned_measure_cents),
      contacts,
      hourlyRateCents: settings.hourlyRateCents,
      postageCents: settings.postageCents,
    })
    const customerReasons = reasonsOf.get(r.id) ?? []
    const facts = {
      objected: objected.has(r.id),
      // no channel the law allows: nobody may be asked to win them back
      doNotContact: known.has(r.id) && !hasLawfulChannel.has(r.id),
      insolventOrClosed: a?.insolvent_or_closed === 1,
      switchedForGood: a?.switched_for_good === 1,
      refusals: a?.refusals ?? 0,
      manual: a?.manual_decision ? { decision: a.manual_decision, note: a.manual_note ?? '' } : null,
    }
    const standing: Standing = {
      customerId: r.id,
      valueCents: value.cents,
      costCents: cost.cents,
      effortMinutes: cost.effortMinutes,
      ease: a?.ease ?? null,
      positiveResponses: a?.positive_responses ?? 0,
      reasonKinds: customerReasons.length === 0 ? NO_REASONS : customerReasons.map((x) => x.kind),
      lastPurchaseOn: r.last_purchase_on,
      barred: facts.objected || facts.doNotContact,
      exclusionBesides: exclusionOf({ ...facts, winBack: null }),
      lastAttempt: lastAttemptOf.get(r.id) ?? null,
    }
    const { candidate, situation, probability, verdict } = judgedOn(standing, ctx)
    standings.push(standing)
    candidates.push(candidate)
    if (!withItems) continue
    items.push({
      customerId: r.id,
      customerNumber: r.customer_number,
      displayName: displayName(r),
      segment: r.segment,
      ownerName: r.owner_name,
      lastPurchase: r.last_purchase_on,
      monthsSinceLoss: Math.round(situation.monthsSinceLoss * 10) / 10,
      reasons: customerReasons,
      annualRevenueCents,
      annualMarginCents: value.annualMarginCents,
      marginFromImport: value.marginFromImport,
      marginRate: value.marginRate,
      valueCents: value.cents,
      valueMethod: value.method,
      horizonMonths: value.horizonMonths,
      wonBackPurchases: value.purchases,
      spendCents: value.spendCents,
      probability: probability.probability,
      probabilityFactors: probability.factors,
      costCents: cost.cents,
      effortMinutes: cost.effortMinutes,
      expectedNetCents: verdict.expectedNetCents,
      costRatio: verdict.ratio,
      verdict: verdict.verdict,
      exclusion: candidate.exclusion,
      ease: standing.ease,
      lastAttempt: standing.lastAttempt,
      pastStop: false,
    })
  }
  return { standings, candidates, items }
}

/**
 * The list in its order with each one's place before or past the stop point, the Pareto curve, and
 * the customers sorted out: the most valuable first, those are worth a second look.
 */
function arrange(candidates: readonly Candidate[], sort: WinbackFilter['sort']) {
  const ordered = prioritise(candidates, sort)
  const curve = effortCurve(ordered)
  const stopAt = curve.stopHere?.contacts ?? ordered.length
  return {
    listed: ordered.map((candidate, index) => ({ candidate, pastStop: index >= stopAt })),
    sortedOut: candidates.filter((c) => !onTheList(c)).sort(sortedOutOrder),
    curve,
  }
}

/**
 * The win-back list of the lost customers (or, on request, of the sleeping or at-risk ones): each
 * valued as if won back (the model's value of the customer alive, or the margin before the loss), costed (measure +
 * contact minutes), given an explained probability, gated (CRC/CLV), sorted out where there is a
 * reason, prioritised, and the Pareto effort curve over the list. Every item in full: for the
 * export and for whoever works through the whole list (campaigns); a page needs `rankWinbackList`.
 */
export async function buildWinbackList(
  db: Kysely<Database>,
  scope: CustomerScope,
  today: IsoDate,
  query: WinbackFilter,
  reading: ListReading = {},
): Promise<FullWinbackList> {
  const ctx = await listContext(db, today)
  const read = await wholeListReader(db, reading.readWholeUpTo)
  const items: WinbackItem[] = []
  const candidates: Candidate[] = []
  await forEachChunk(db, scope, query, reading.chunk ?? CHUNK, async (rows) => {
    const chunk = await evaluate(ctx, rows, true, read)
    candidates.push(...chunk.candidates)
    items.push(...chunk.items)
  })
  const byId = new Map(items.map((i) => [i.customerId, i]))
  const { listed, sortedOut, curve } = arrange(candidates, query.sort)
  return {
    items: listed.map(({ candidate, pastStop }) => ({ ...byId.get(candidate.customerId)!, pastStop })),
    sortedOut: sortedOut.map((c) => byId.get(c.customerId)!),
    curve,
    model: ctx.model.kind,
    asOf: today,
  }
}

/** A customer's place on the win-back list: what orders, pages and routes it; its item is made for a page. */
export interface WinbackEntry {
  customerId: number
  valueCents: number
  expectedNetCents: number
  probability: number
  ease: number | null
  /** the minutes of work its contacts take (the effort curve's hours) */
  effortMinutes: number
  pastStop: boolean
}

/**
 * The list as buildWinbackList orders it, without the items: a million lost customers' items took
 * 2 GiB and most of the time, while a page shows fifty. `itemsOf` makes the items of the entries
 * asked for, exactly as buildWinbackList makes them.
 */
export interface RankedWinbackList {
  entries: WinbackEntry[]
  sortedOut: WinbackEntry[]
  /** the effort curve along the entries, with at most about `maxPoints` points (all without) */
  curve(maxPoints?: number): EffortCurve
  model: WinbackList['model']
  asOf: IsoDate
  itemsOf(entries: readonly WinbackEntry[]): Promise<WinbackItem[]>
  /**
   * The same list after these customers' data changed, as of `today` (its own day when left out),
   * as rankWinbackList would make it then: those customers read and valued again, everybody else's
   * value and cost kept, and on another day everybody's probability, gate and place worked out
   * again from what was kept (no reading). Made afresh when what every valuation shares changed
   * meanwhile (settings, model run, measures). A list brought up to date hands what it kept on to
   * the new one: bringing it up to date a second time makes it afresh.
   */
  updatedFor(customerIds: readonly number[], today?: IsoDate): Promise<RankedWinbackList>
}

export async function rankWinbackList(
  db: Kysely<Database>,
  scope: CustomerScope,
  today: IsoDate,
  query: WinbackFilter,
  reading: ListReading = {},
): Promise<RankedWinbackList> {
  const ctx = await listContext(db, today)
  const read = await wholeListReader(db, reading.readWholeUpTo)
  const standings = new Map<number, Standing>()
  const candidates: Candidate[] = []
  await forEachChunk(db, scope, query, reading.chunk ?? CHUNK, async (rows) => {
    const chunk = await evaluate(ctx, rows, false, read)
    for (const s of chunk.standings) standings.set(s.customerId, s)
    candidates.push(...chunk.candidates)
  })
  return rankedFrom({ db, scope, today, query, reading }, ctx, standings, candidates)
}

interface ListRequest {
  db: Kysely<Database>
  scope: CustomerScope
  today: IsoDate
  query: WinbackFilter
  reading: ListReading
}

/** The ranked list of every customer's candidate (in any order). */
function rankedFrom(
  request: ListRequest,
  ctx: ListContext,
  standings: Map<number, Standing>,
  candidates: readonly Candidate[],
): RankedWinbackList {
  return ranked(
    request,
    ctx,
    standings,
    prioritise(candidates, request.query.sort).map(entryOf),
    candidates
      .filter((c) => !onTheList(c))
      .sort(sortedOutOrder)
      .map(entryOf),
  )
}

/** A candidate's entry, before its place relative to the stop point is known. */
const entryOf = (c: Candidate): WinbackEntry => ({
  customerId: c.customerId,
  valueCents: c.valueCents,
  expectedNetCents: c.gate.expectedNetCents,
  probability: c.probability,
  ease: c.ease,
  effortMinutes: c.effortMinutes,
  pastStop: false,
})

const netOfEntry = (e: WinbackEntry) => e.expectedNetCents

/** What every customer's value and cost rest on (the day and the win-back model decide the rest). */
const valuationBasis = (ctx: ListContext) =>
  JSON.stringify([ctx.settings, ctx.run, ctx.horizonMonths, ctx.reasonMeasures])

/**
 * The ranked list of entries already in their orders (the listed by priority, the sorted out by
 * value): the curve along the listed, and each one's place before or past its stop point. An entry
 * already in its place is kept as it is (a list brought up to date makes new entries only for the
 * customers changed and those the stop point moved past).
 */
function ranked(
  request: ListRequest,
  ctx: ListContext,
  standings: Map<number, Standing>,
  listed: readonly WinbackEntry[],
  sortedOut: WinbackEntry[],
): RankedWinbackList {
  const { db, scope, today, query, reading } = request
  const chunk = reading.chunk ?? CHUNK
  const stopAt = stopIndex(listed, netOfEntry)
  const entries = listed.map((e, index) =>
    e.pastStop === index >= stopAt ? e : { ...e, pastStop: index >= stopAt },
  )
  /** whether what this list kept was handed on to a list brought up to date from it */
  let handedOn = false
  return {
    entries,
    sortedOut,
    curve: (maxPoints) => curveAlong(entries, netOfEntry, maxPoints),
    model: ctx.model.kind,
    asOf: today,
    itemsOf: async (wanted) => {
      const items = new Map<number, WinbackItem>()
      for (const part of chunks(wanted, chunk)) {
        const ids = part.map((e) => e.customerId)
        const rows = await customerRows(db).where('c.id', 'in', ids).orderBy('c.id').execute()
        for (const item of (await evaluate(ctx, rows, true, queryingReader(db))).items)
          items.set(item.customerId, item)
      }
      // a customer erased since the list was made has no item any more
      return wanted.flatMap((e) => {
        const item = items.get(e.customerId)
        return item ? [{ ...item, pastStop: e.pastStop }] : []
      })
    },
    updatedFor: async (customerIds, day = today) => {
      const now = await listContext(db, day)
      // what every customer's value shares changed: nobody's can be kept
      if (handedOn || valuationBasis(now) !== valuationBasis(ctx))
        return rankWinbackList(db, scope, day, query, reading)
      const fresh: Candidate[] = []
      const freshStandings: Standing[] = []
      for (const ids of chunks(customerIds, chunk)) {
        // those no longer of this list (another status, owner, reason; erased) are not found
        const rows = await listedCustomers(db, scope, query)
          .where('c.id', 'in', ids)
          .orderBy('c.id')
          .execute()
        const evaluated = await evaluate(now, rows, false, queryingReader(db))
        fresh.push(...evaluated.candidates)
        freshStandings.push(...evaluated.standings)
      }
      // kept, not copied (a million customers' standings): this list cannot be brought up to date again
      if (handedOn) return rankWinbackList(db, scope, day, query, reading)
      handedOn = true
      for (const id of customerIds) standings.delete(id)
      for (const s of freshStandings) standings.set(s.customerId, s)
      const next = { ...request, today: day }
      // another day, or the win-back model learned: everybody's probability and place again
      if (day !== today || JSON.stringify(now.model) !== JSON.stringify(ctx.model))
        return rankedFrom(
          next,
          now,
          standings,
          Array.from(standings.values(), (s) => judgedOn(s, now).candidate),
        )
      const changed = new Set(customerIds)
      const kept = (e: WinbackEntry) => !changed.has(e.customerId)
      return ranked(
        next,
        now,
        standings,
        mergeInOrder(
          entries.filter(kept),
          prioritise(fresh, query.sort).map(entryOf),
          priorityOrder(query.sort, netOfEntry),
        ),
        mergeInOrder(
          sortedOut.filter(kept),
          fresh
            .filter((c) => !onTheList(c))
            .sort(sortedOutOrder)
            .map(entryOf),
          sortedOutOrder,
        ),
      )
    },
  }
}

/** Model warnings that make its per-customer values unfit to act on: the margin method is used instead. */
const unusableFit = new Set(['not_converged', 'at_boundary'])

/** Whether the latest model run gives values if won back, over which horizon and at which discount rate. */
async function latestRunValuation(
  db: Kysely<Database>,
): Promise<{ usable: boolean; wonBackMonths: number; monthlyDiscountRate: number }> {
  const run = await db
    .selectFrom('model_runs')
    .select(['won_back_months', 'monthly_discount_rate', 'warnings'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!run) return { usable: false, wonBackMonths: 0, monthlyDiscountRate: DEFAULT_MONTHLY_DISCOUNT_RATE }
  const warnings = JSON.parse(run.warnings) as { code: string }[]
  return {
    usable: run.won_back_months > 0 && !warnings.some((w) => unusableFit.has(w.code)),
    wonBackMonths: run.won_back_months,
    monthlyDiscountRate: Number(run.monthly_discount_rate),
  }
}

/**
 * The value if won back of each of these customers who is on the lost customers' win-back list (lost,
 * not sorted out), as that list values them, worked out for them alone: the Tagesliste shows a few
 * customers, and ranking every lost customer for them took 9 s at a million after each write.
 */
export async function winbackValuesOf(
  db: Kysely<Database>,
  customerIds: readonly number[],
  today: IsoDate,
): Promise<Map<number, number>> {
  const values = new Map<number, number>()
  if (customerIds.length === 0) return values
  const ctx = await listContext(db, today)
  for (const ids of chunks(customerIds, CHUNK)) {
    const rows = await customerRows(db)
      .where('c.id', 'in', ids)
      .where('cs.status', '=', 'lost')
      .where('c.erased_at', 'is', null)
      .orderBy('c.id')
      .execute()
    for (const c of (await evaluate(ctx, rows, false, queryingReader(db))).candidates)
      if (onTheList(c)) values.set(c.customerId, c.valueCents)
  }
  return values
}

const cachedLists = createReadCache<RankedWinbackList>(15_000, {
  patch: (list, customerIds, today) => list.updatedFor(customerIds, today as IsoDate),
})

/**
 * The list as rankWinbackList makes it, kept for 15 s (or until the next write; a write to some
 * customers' data brings it up to date for them, and the next day's list is yesterday's moved on to
 * it: after the night only the customers the night changed are read again): paging through it, and
 * many people looking at once, cost one computation.
 */
export function cachedWinbackList(
  db: Kysely<Database>,
  scope: CustomerScope,
  today: IsoDate,
  filter: WinbackFilter,
): Promise<RankedWinbackList> {
  const { status, sort, segment, owner, reasonId } = filter
  const key = JSON.stringify([scope.ownerId, status, sort, segment, owner, reasonId])
  return cachedLists(db, key, () => rankWinbackList(db, scope, today, filter), today)
}

/** The whole list, as the export needs it; the API sends pages of it (pageOfWinbackList). */
export interface FullWinbackList {
  items: WinbackItem[]
  sortedOut: WinbackItem[]
  curve: EffortCurve
  model: WinbackList['model']
  asOf: IsoDate
}

const CURVE_POINTS = 400

/** One page of the list and of the sorted-out customers, with the totals and a curve thinned out for a chart. */
export async function pageOfWinbackList(list: RankedWinbackList, query: WinbackQuery): Promise<WinbackList> {
  const onPage = list.entries.slice(query.offset, query.offset + query.limit)
  const sortedOut = list.sortedOut.slice(query.sortedOutOffset, query.sortedOutOffset + query.sortedOutLimit)
  const items = await list.itemsOf([...onPage, ...sortedOut])
  const listed = new Set(onPage.map((e) => e.customerId))
  return {
    items: items.filter((i) => listed.has(i.customerId)),
    total: list.entries.length,
    offset: query.offset,
    sortedOut: items.filter((i) => !listed.has(i.customerId)),
    sortedOutTotal: list.sortedOut.length,
    curve: list.curve(CURVE_POINTS),
    model: list.model,
    asOf: list.asOf,
  }
}
