import type { Kysely } from 'kysely'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
import { addDays, type IsoDate } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { loadStatusHistory } from '../lifecycle/lifecycle.repository'
import { netRevenueByMonth } from '../orders/order.repository'
import { loadWinbackSettings } from '../winback/winback-settings'
import { campaignResults } from './campaign-results'
import { type FluctuationMonth, fluctuation, type SecondLoyalty, secondLoyalty } from './fluctuation'
import { type Interval, type Uplift, uplift, wilsonInterval } from './uplift'

export interface RateRow {
  key: string
  /** the name in both languages where the key is a code (reasons) */
  label?: { de: string; en: string }
  attempts: number
  won: number
  rate: number
  interval: Interval
}

export interface WinbackReport {
  from: IsoDate
  to: IsoDate
  /** attempts started in the period whose window has closed or that are proved won back */
  winbackRate: RateRow
  byRep: RateRow[]
  byChannel: RateRow[]
  byReason: RateRow[]
  bySegment: RateRow[]
  byMeasure: RateRow[]
  /** treatment against control, pooled over the campaigns launched in the period with half their window behind them */
  uplift: Uplift | null
  campaigns: { id: number; name: string; uplift: Uplift | null; profitCents: number; roi: number | null }[]
  /** margin of the proving purchases' window minus offers and staff time of every attempt */
  marginCents: number
  costCents: number
  profitCents: number
  roi: number | null
  /** the won-back customers' value from now on (their CLV in the latest scoring): beside the profit, not part of it */
  valueGoingForwardCents: number
  fluctuation: FluctuationMonth[]
  secondLoyalty: SecondLoyalty
}

function rows(groups: Map<string, { attempts: number; won: number }>): RateRow[] {
  return [...groups]
    .map(([key, g]) => ({
      key,
      ...g,
      rate: g.attempts === 0 ? 0 : g.won / g.attempts,
      interval: wilsonInterval(g.won, g.attempts),
    }))
    .sort((a, b) => b.attempts - a.attempts || a.key.localeCompare(b.key))
}

/**
 * What win-back achieved in a period (seed 001 step 6; seeds 000, 003, 004): the win-back rate of
 * the attempts started in it, by rep, channel, reason, segment and the measure of their campaign;
 * the campaigns' uplift against their control groups; margin, cost, profit and ROI; the natural
 * fluctuation month by month; and how many reactivated customers were lost again.
 */
export async function winbackReport(
  db: Kysely<Database>,
  options: { from: IsoDate; to: IsoDate; today: IsoDate },
): Promise<WinbackReport> {
  const { from, to, today } = options
  if (from > to) throw new AppError('validation_failed', say('periodReversed'))
  const settings = await loadWinbackSettings(db)
  const attempts = await db
    .selectFrom('winback_attempts as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select([
      'a.id',
      'a.customer_id',
      'a.started_on',
      'a.channel',
      'a.offer_cents',
      'a.won_order_id',
      'a.won_on',
      'c.segment',
      'u.name as rep',
    ])
    .where('a.started_on', '>=', from)
    .where('a.started_on', '<=', to)
    .where('c.erased_at', 'is', null)
    .execute()
  // settled: proved, or the window closed without proof; open windows would only lower the rate
  const settled = attempts.filter(
    (a) => a.won_order_id !== null || addDays(a.started_on, settings.attributionDays) < today,
  )
  const ids = [...new Set(settled.map((a) => a.customer_id))]
  const reasonsOf = new Map<number, string[]>()
  const reasonNames = new Map<string, { de: string; en: string }>([
    ['unknown', { de: 'Unbekannt', en: 'Unknown' }],
  ])
  const measureOf = new Map<number, string>()
  for (const part of chunks(ids)) {
    for (const r of await db
      .selectFrom('customer_churn_reasons as ccr')
      .innerJoin('churn_reasons as r', 'r.id', 'ccr.reason_id')
      .select(['ccr.customer_id', 'r.code', 'r.name_de', 'r.name_en'])
      .where('ccr.customer_id', 'in', part)
      .execute()) {
      reasonsOf.set(r.customer_id, [...new Set([...(reasonsOf.get(r.customer_id) ?? []), r.code])])
      reasonNames.set(r.code, { de: r.name_de, en: r.name_en })
    }
    for (const m of await db
      .selectFrom('campaign_members as m')
      .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
      .innerJoin('playbook_measures as p', 'p.id', 'c.measure_id')
      .select(['m.customer_id', 'p.name_de'])
      .where('m.customer_id', 'in', part)
      .where('m.arm', '=', 'treatment')
      .execute())
      measureOf.set(m.customer_id, m.name_de)
  }
  const overall = new Map<string, { attempts: number; won: number }>()
  const groups = {
    rep: new Map<string, { attempts: number; won: number }>(),
    channel: new Map<string, { attempts: number; won: number }>(),
    reason: new Map<string, { attempts: number; won: number }>(),
    segment: new Map<string, { attempts: number; won: number }>(),
    measure: new Map<string, { attempts: number; won: number }>(),
  }
  const add = (map: Map<string, { attempts: number; won: number }>, key: string, won: boolean) => {
    const g = map.get(key) ?? { attempts: 0, won: 0 }
    g.attempts++
    if (won) g.won++
    map.set(key, g)
  }
  for (const a of settled) {
    const won = a.won_order_id !== null
    add(overall, 'all', won)
    add(groups.rep, a.rep ?? '–', won)
    add(groups.channel, a.channel, won)
    add(groups.segment, a.segment ?? '–', won)
    for (const r of reasonsOf.get(a.customer_id) ?? ['unknown']) add(groups.reason, r, won)
    add(groups.measure, measureOf.get(a.customer_id) ?? '–', won)
  }
  // margin of the won-back customers' purchases within their window, against offers and staff time
  let marginCents = 0
  const wonAttempts = settled.filter((a) => a.won_on !== null)
  for (const part of chunks(wonAttempts)) {
    const orders = await db
      .selectFrom('orders')
      .select(['customer_id', 'ordered_on', 'net_cents', 'margin_cents'])
      .where(
        'customer_id',
        'in',
        part.map((a) => a.customer_id),
      )
      .where('counts_as_purchase', '=', 1)
      .where('ordered_on', '>=', from)
      .execute()
    for (const a of part)
      for (const o of orders)
        if (
          o.customer_id === a.customer_id &&
          o.ordered_on >= a.won_on! &&
          o.ordered_on <= addDays(a.started_on, settings.attributionDays)
        )
          marginCents +=
            o.margin_cents === null
              ? Number(o.net_cents) * settings.defaultMarginRate
              : Number(o.margin_cents)
  }
  const costCents = Math.round(
    settled.reduce(
      (s, a) =>
        s +
        Number(a.offer_cents ?? 0) +
        (settings.minutesPerChannel[a.channel] / 60) * settings.hourlyRateCents +
        (a.channel === 'letter' ? settings.postageCents : 0),
      0,
    ),
  )
  const profitCents = Math.round(marginCents) - costCents
  // the campaigns launched in the period, each measured by its own window, and pooled
  const launched = await db
    .selectFrom('campaigns')
    .select(['id', 'name'])
    .where('launched_on', '>=', from)
    .where('launched_on', '<=', to)
    .orderBy('launched_on')
    .execute()
  const campaigns: WinbackReport['campaigns'] = []
  const pooled = {
    treatment: { members: 0, won: 0 },
    control: { members: 0, won: 0 },
    passed: 0,
    window: 0,
    required: 0,
  }
  for (const c of launched) {
    const r = await campaignResults(db, c.id, today)
    campaigns.push({ id: c.id, name: c.name, uplift: r.uplift, profitCents: r.profitCents, roi: r.roi })
    // a campaign still in the first half of its window would only dilute the others
    if (!r.uplift || r.daysPassed < r.windowDays / 2) continue
    pooled.treatment.members += r.uplift.treatment.members
    pooled.treatment.won += r.uplift.treatment.won
    pooled.control.members += r.uplift.control.members
    pooled.control.won += r.uplift.control.won
    pooled.passed = Math.max(pooled.passed, r.daysPassed)
    pooled.window = Math.max(pooled.window, r.windowDays)
    pooled.required = Math.max(pooled.required, r.requiredPerArm)
  }
  const { changes, firstMonthOf } = await loadStatusHistory(db)
  // a year before the first month: the first month's value looks back twelve months
  const revenueByMonth = await netRevenueByMonth(db, `${Number(from.slice(0, 4)) - 1}${from.slice(4, 7)}-01`)
  // what the won-back customers are worth from now on (the latest scoring), apart from the profit
  let valueGoingForwardCents = 0
  for (const part of chunks([...new Set(wonAttempts.map((a) => a.customer_id))]))
    valueGoingForwardCents += Number(
      (
        await db
          .selectFrom('customer_scores')
          .select((eb) => eb.fn.sum<string>('clv_cents').as('cents'))
          .where('customer_id', 'in', part)
          .executeTakeFirst()
      )?.cents ?? 0,
    )
  return {
    from,
    to,
    winbackRate: rows(overall)[0] ?? {
      key: 'all',
      attempts: 0,
      won: 0,
      rate: 0,
      interval: wilsonInterval(0, 0),
    },
    byRep: rows(groups.rep),
    byChannel: rows(groups.channel),
    byReason: rows(groups.reason).map((r) => ({ ...r, label: reasonNames.get(r.key) })),
    bySegment: rows(groups.segment),
    byMeasure: rows(groups.measure),
    uplift:
      pooled.control.members > 0
        ? uplift({
            treatment: pooled.treatment,
            control: pooled.control,
            daysPassed: pooled.passed,
            windowDays: pooled.window,
            // the most any of the campaigns asks: pooling does not make a weaker design strong
            requiredPerArm: pooled.required,
          })
        : null,
    campaigns,
    marginCents: Math.round(marginCents),
    costCents,
    profitCents,
    roi: costCents > 0 ? profitCents / costCents : null,
    valueGoingForwardCents,
    fluctuation: fluctuation(changes, from.slice(0, 7), to.slice(0, 7), { firstMonthOf, revenueByMonth }),
    secondLoyalty: secondLoyalty(changes, from.slice(0, 7), to.slice(0, 7), today.slice(0, 7)),
  }
}
