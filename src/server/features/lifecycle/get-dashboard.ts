import type { Dashboard } from '../../../shared/api/dashboard'
import { type LifecycleStatus, lifecycleStatuses } from '../../../shared/lifecycle'
import type { Db } from '../../db/database'
import type { IsoDate } from '../../lib/dates'
import { addMonths } from '../../lib/dates'
import { createReadCache } from '../../lib/read-cache'
import type { CustomerScope } from '../customers/customer-scope'
import { classificationDay } from './lifecycle.repository'

function zeroCounts(): Record<LifecycleStatus, number> {
  return Object.fromEntries(lifecycleStatuses.map((s) => [s, 0])) as Record<LifecycleStatus, number>
}

/**
 * The owner's view: customers per status, what the lost (sleeping, at-risk) customers brought per
 * year, and the status changes of the last 12 months from the monthly history.
 */
const cachedDashboards = createReadCache<Dashboard>(15_000, { groupsOnly: true })

/**
 * The dashboard, kept for 15 s per view (or until the next write; a write to some customers' data
 * only if it changed a status, an owner or an erasure): everybody's start page.
 */
export function cachedDashboard(options: {
  db: Db
  scope: CustomerScope
  today: IsoDate
}): Promise<Dashboard> {
  const key = JSON.stringify([options.scope.ownerId, options.today])
  return cachedDashboards(options.db.kysely, key, () => getDashboard(options))
}

export async function getDashboard(options: {
  db: Db
  scope: CustomerScope
  today: IsoDate
}): Promise<Dashboard> {
  const { db, scope } = options
  // everyone's: no join (every status and change belongs to a customer); an owner's: by their customers
  const { ownerId } = scope
  const ownersCustomers = db.kysely
    .selectFrom('customers')
    .select('customers.id')
    .where('customers.owner_user_id', '=', ownerId)
  const statusQuery = db.kysely
    .selectFrom('customer_status as cs')
    .select([
      'cs.status',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('cs.annual_revenue_cents').as('annual'),
    ])
    .$if(ownerId !== null, (q) => q.where('cs.customer_id', 'in', ownersCustomers))
    .groupBy('cs.status')
  const [statusRows, asOfRow, totalRow] = await Promise.all([
    statusQuery.execute(),
    classificationDay(db.kysely),
    (scope.ownerId === null
      ? db.kysely.selectFrom('customers')
      : db.kysely.selectFrom('customers').where('owner_user_id', '=', scope.ownerId)
    )
      .where('erased_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  const counts = zeroCounts()
  const annual = zeroCounts()
  for (const r of statusRows) {
    counts[r.status] = Number(r.n)
    annual[r.status] = Number(r.annual ?? 0)
  }
  const asOf = asOfRow
  const lastMonth = (asOf ?? options.today).slice(0, 7)
  const firstMonth = addMonths(`${lastMonth}-01`, -11).slice(0, 7)
  const changeRows = await db.kysely
    .selectFrom('customer_status_changes as h')
    .select(['h.month', 'h.status', 'h.previous_status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('h.month', '>=', firstMonth)
    .where('h.month', '<=', lastMonth)
    .$if(ownerId !== null, (q) => q.where('h.customer_id', 'in', ownersCustomers))
    .groupBy(['h.month', 'h.status', 'h.previous_status'])
    .execute()
  const months: Dashboard['months'] = []
  for (let m = firstMonth; m <= lastMonth; m = addMonths(`${m}-01`, 1).slice(0, 7))
    months.push({ month: m, entered: zeroCounts() })
  const byMonth = new Map(months.map((m) => [m.month, m]))
  const transitions = new Map<string, Dashboard['transitions'][number]>()
  for (const r of changeRows) {
    const n = Number(r.n)
    const entry = byMonth.get(r.month)
    if (entry) entry.entered[r.status] += n
    const key = `${r.previous_status ?? ''}>${r.status}`
    const t = transitions.get(key) ?? { from: r.previous_status, to: r.status, count: 0 }
    t.count += n
    transitions.set(key, t)
  }
  return {
    asOf,
    customers: Number(totalRow.n),
    counts,
    lostAnnualRevenueCents: annual.lost,
    sleepingAnnualRevenueCents: annual.sleeping,
    atRiskAnnualRevenueCents: annual.at_risk,
    months,
    transitions: [...transitions.values()].sort((a, b) => b.count - a.count),
  }
}
