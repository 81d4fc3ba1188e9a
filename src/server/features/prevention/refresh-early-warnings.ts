import type { Insertable, Kysely } from 'kysely'
import type { ChurnSignal, LifecycleStatus } from '../../../shared/lifecycle'
import { chunks, createBulkWriter } from '../../db/bulk'
import type { Db, Dialect } from '../../db/database'
import { customerKeysAfter } from '../../db/keyset-pages'
import type { Database } from '../../db/schema'
import { addDays, type IsoDate } from '../../lib/dates'
import type { RuleParams } from '../lifecycle/classify'
import {
  classificationDay,
  customersWrittenSince,
  statusRowsByStatus,
} from '../lifecycle/lifecycle.repository'
import { storedAsOf } from '../lifecycle/stability'
import { beginScoringRound, customersScoredSince, latestRunId } from '../scoring/scores.repository'
import { warningRisk, warningSignals, watchedStatuses } from './early-warning'
import {
  lastRefreshedOn,
  lastRefreshMark,
  loadEarlyWarningSettings,
  markRefreshed,
  type RefreshMark,
} from './prevention-settings'

const PAGE = 5_000

export interface RefreshEarlyWarningsOptions {
  db: Db
  today: IsoDate
  now: string
  /** only these customers (after a warning sign is recorded); else everyone */
  customerIds?: readonly number[]
  onProgress?: (phase: string, done: number, total: number) => void
  /** customers read at once (tests read several pages of a small base) */
  pageSize?: number
}

/**
 * Works out the early-warning list (PRODUCT.md step 8) from the latest classification and scoring
 * and the recorded warning signs: every watched customer with a signal is on it, with their risk and
 * annual value; a customer already on it keeps the day they came onto it. Whole when asked for (a
 * settings change, a person's request), for one customer when someone records a warning sign, and
 * every night for the customers whose signals can have changed (refreshEarlyWarningsForNight). One
 * transaction.
 */
export async function refreshEarlyWarnings(
  options: RefreshEarlyWarningsOptions,
): Promise<{ onList: number }> {
  const k = options.db.kysely
  const settings = await loadEarlyWarningSettings(k)
  if (options.customerIds) return workOut(options, settings, options.customerIds, null)
  return workOut(options, settings, null, await beginRefresh(k, options.today))
}

/**
 * The night's refresh: only the customers whose signals can have changed since the last refresh of
 * the whole list began, which then stands for a whole one. Those are the customers whose status row
 * was written since (classified: a new status, signal, purchase or annual value), whose P(alive) was
 * predicted again, and whose warning signs left the window since. Every other customer's row stays
 * as it is: its risk and value are what a whole refresh would give, and its churn signals' days are
 * moved on by the reader (listEarlyWarnings). Whole when there is no mark, the settings changed, a
 * run predicted every customer, or a quarter of the watched customers changed (COUNT_WATCHED_FROM).
 */
export async function refreshEarlyWarningsForNight(options: RefreshEarlyWarningsOptions): Promise<{
  onList: number
  worked: 'changed' | 'whole'
  /** the customers changed since the last refresh (0 when unknown: no mark, another fit) */
  customers: number
}> {
  const { db, today } = options
  const k = db.kysely
  const last = await lastRefreshMark(k)
  const mark = await beginRefresh(k, today)
  const settings = await loadEarlyWarningSettings(k)
  const changed =
    last && last.day <= today && JSON.stringify(last.settings) === JSON.stringify(settings)
      ? await customersChangedSince(k, last, today, settings.signDays)
      : null
  if (
    changed === null ||
    (changed.length > COUNT_WATCHED_FROM && changed.length * 4 > (await watchedCount(k)))
  ) {
    const { onList } = await workOut(options, settings, null, mark)
    return { onList, worked: 'whole', customers: changed?.length ?? 0 }
  }
  const { onList } = await workOut(options, settings, changed, mark)
  return { onList, worked: 'changed', customers: changed.length }
}

/**
 * A refresh of the whole list begins: the scoring round counted up before anything is read (rows
 * written from now on carry it or a later one), with the latest model run.
 */
async function beginRefresh(k: Kysely<Database>, day: IsoDate): Promise<Omit<RefreshMark, 'settings'>> {
  const round = await beginScoringRound(k)
  return { day, round, runId: await latestRunId(k) }
}

/**
 * Above this many customers changed, the night counts the watched customers to see whether a whole
 * refresh is cheaper (a quarter of them or more changed: an import of everybody, a classification
 * of the whole base). Below, the count (half a second at a million) is not worth it.
 */
const COUNT_WATCHED_FROM = 50_000

async function watchedCount(k: Kysely<Database>): Promise<number> {
  let count = 0
  for (const [status, n] of await statusRowsByStatus(k))
    if (watchedStatuses.includes(status as LifecycleStatus)) count += n
  return count
}

/**
 * The customers whose early-warning row can differ from the one last worked out, since the
 * refresh of `last` began; null when a model run since predicted every customer. (A customer's
 * status row goes only with the customer, erased or deleted, and their early-warning row with it.)
 */
async function customersChangedSince(
  k: Kysely<Database>,
  last: RefreshMark,
  today: IsoDate,
  signDays: number,
): Promise<number[] | null> {
  const scored = await customersScoredSince(k, last.runId)
  if (scored === null) return null
  const ids = new Set([...(await customersWrittenSince(k, last.round)), ...scored])
  // signs counted then that are too old now
  for (const r of await k
    .selectFrom('warning_signs')
    .select('customer_id')
    .where('noted_on', '>=', addDays(last.day, -signDays))
    .where('noted_on', '<', addDays(today, -signDays))
    .execute())
    ids.add(r.customer_id)
  return [...ids].sort((a, b) => a - b)
}

/**
 * A status row's churn signals as of the base's classification day: a row that stayed true since an
 * earlier day has its days since moved on (a seasonal rule's params name the season its days are
 * counted in). A row without churn signals, most watched customers' row, has none to move on.
 */
export function churnSignalsShown(
  row: { as_of: string; rule_params: string; signals: string },
  classifiedAsOf: IsoDate | null,
): ChurnSignal[] {
  if (row.signals === '[]') return []
  return storedAsOf(
    {
      asOf: String(row.as_of),
      ruleParams: JSON.parse(row.rule_params) as RuleParams,
      signals: JSON.parse(row.signals) as ChurnSignal[],
    },
    classifiedAsOf,
  ).signals
}

/** Customers whose rows are worked out at once (ids bound in one query). */
const ID_CHUNK = 1000

/**
 * Works out the rows of `only` (all watched customers when null) and replaces theirs (all) in one
 * transaction; with a mark, records the refresh as one of the whole list.
 */
async function workOut(
  options: RefreshEarlyWarningsOptions,
  settings: RefreshMark['settings'],
  only: readonly number[] | null,
  mark: Omit<RefreshMark, 'settings'> | null,
): Promise<{ onList: number }> {
  const { db, today } = options
  const k = db.kysely
  // an old status row is read as of the day the base is classified as of, as the customer page shows it
  const classifiedAsOf = await classificationDay(k)
  const firstSeen = new Map<number, string>()
  for (const part of only ? chunks([...only]) : [null]) {
    let query = k.selectFrom('early_warnings').select(['customer_id', 'first_seen_on'])
    if (part) query = query.where('customer_id', 'in', part)
    for (const r of await query.execute()) firstSeen.set(r.customer_id, String(r.first_seen_on))
  }
  const since = addDays(today, -settings.signDays)
  const rows: Insertable<Database['early_warnings']>[] = []
  // the customers of a page on the list, with their signals
  const addPage = async (page: Awaited<ReturnType<typeof watchedCustomersPage>>) => {
    const signsOf = new Map<
      number,
      { kind: Database['warning_signs']['kind']; notedOn: string; note: string | null }[]
    >()
    for (const part of chunks(page.map((r) => r.customer_id)))
      for (const s of await k
        .selectFrom('warning_signs')
        .select(['customer_id', 'kind', 'noted_on', 'note'])
        .where('customer_id', 'in', part)
        .where('noted_on', '>=', since)
        .execute())
        signsOf.set(s.customer_id, [
          ...(signsOf.get(s.customer_id) ?? []),
          { kind: s.kind, notedOn: String(s.noted_on), note: s.note },
        ])
    for (const r of page) {
      const signals = warningSignals(
        {
          status: r.status,
          churnSignals: churnSignalsShown(r, classifiedAsOf),
          pAlive: r.p_alive === null ? null : Number(r.p_alive),
          previousPAlive: r.previous_p_alive === null ? null : Number(r.previous_p_alive),
          signs: signsOf.get(r.customer_id) ?? [],
          today,
        },
        settings,
      )
      if (signals.length === 0) continue
      rows.push({
        customer_id: r.customer_id,
        first_seen_on: firstSeen.get(r.customer_id) ?? today,
        last_seen_on: today,
        signals: JSON.stringify(signals),
        risk: warningRisk(signals),
        value_cents: Math.max(0, Number(r.revenue_12m_cents)),
      })
    }
  }
  let read = 0
  // the customers asked for a thousand at a time (ids bound in one query), else all by pages
  for (const part of only ? chunks([...only], ID_CHUNK) : [undefined])
    for (const statuses of watchedStatusGroups(db.dialect))
      for (let afterId = 0; ; ) {
        const page = await watchedCustomersPage(k, {
          statuses,
          afterId,
          limit: part ? part.length : (options.pageSize ?? PAGE),
          only: part,
        })
        if (page.length === 0) break
        afterId = page.at(-1)!.customer_id
        await addPage(page)
        read += page.length
        options.onProgress?.('early warning', read, read)
        if (part) break
      }
  await k.transaction().execute(async (trx) => {
    if (only) {
      for (const part of chunks([...only]))
        await trx.deleteFrom('early_warnings').where('customer_id', 'in', part).execute()
    } else await trx.deleteFrom('early_warnings').execute()
    await createBulkWriter(db, trx).insert('early_warnings', rows)
    if (mark) await markRefreshed(trx, { ...mark, settings }, options.now)
  })
  return { onList: rows.length }
}

/**
 * The watched statuses as the pages read them. SQLite one at a time: for several, it read every
 * later customer of them and sorted them, for each page (a million customers: 15.1 s for the early
 * warning, 3.6 s status by status). PostgreSQL all at once: it reads the status rows in the order of
 * their key and merge-joins the customers and scores, so a page of a rare status alone spanned many
 * ids of the other tables (5.4 -> 8.3 s status by status).
 */
export function watchedStatusGroups(dialect: Dialect): (readonly LifecycleStatus[])[] {
  return dialect === 'sqlite' ? watchedStatuses.map((status) => [status]) : [watchedStatuses]
}

/**
 * A page of the customers of watched statuses (not erased), after `afterId` in the order of their
 * ids, with what their signals are worked out from: their status row and P(alive) now and before.
 */
export function watchedCustomersPage(k: Kysely<Database>, page: WatchedPage) {
  return watchedCustomersQuery(k, page).execute()
}

interface WatchedPage {
  statuses: readonly LifecycleStatus[]
  afterId: number
  limit: number
  only?: readonly number[]
}

/** The query of watchedCustomersPage (its plan is tested). */
export function watchedCustomersQuery(k: Kysely<Database>, page: WatchedPage) {
  const { afterId, only } = page
  let query = k
    .selectFrom('customer_status as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .leftJoin('customer_scores as sc', (join) =>
      join
        .onRef('sc.customer_id', '=', 's.customer_id')
        .on((eb) => customerKeysAfter(eb, afterId, ['sc.customer_id'])),
    )
    .select([
      's.customer_id',
      's.status',
      's.as_of',
      's.rule_params',
      's.signals',
      's.revenue_12m_cents',
      'sc.p_alive',
      'sc.previous_p_alive',
    ])
    .where('s.status', 'in', page.statuses)
    .where('c.erased_at', 'is', null)
    .where((eb) => customerKeysAfter(eb, afterId, ['s.customer_id', 'c.id']))
    .orderBy('s.customer_id')
    .limit(page.limit)
  if (only) query = query.where('s.customer_id', 'in', only.length > 0 ? [...only] : [0])
  return query
}

/** Whether the whole list has not been worked out today yet. */
export async function earlyWarningsAreStale(db: Db, today: IsoDate): Promise<boolean> {
  return (await lastRefreshedOn(db.kysely)) !== today
}
