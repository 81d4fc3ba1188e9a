import type { CustomerDetail } from '../../../shared/api/customers'
import type { CustomerScore } from '../../../shared/api/scoring'
import type { LifecycleStatus } from '../../../shared/lifecycle'
import type { Db } from '../../db/database'
import { AppError, say } from '../../lib/errors'
import { classificationDay } from '../lifecycle/lifecycle.repository'
import { laterDay } from '../lifecycle/stability'
import { customerListQuery, selectListColumns } from './customer-query'
import { type CustomerListRow, toListItem } from './customer-rows'
import type { CustomerScope } from './customer-scope'

/** A customer with status, the reason in words (rule + params), signals, documents, contracts and history. */
export async function getCustomer(options: {
  db: Db
  scope: CustomerScope
  id: number
}): Promise<CustomerDetail> {
  const { db, scope, id } = options
  const row = await selectListColumns(
    customerListQuery(db.kysely, scope, { includeErased: true }).where('customers.id', '=', id),
  )
    .select([
      'customers.salutation',
      'customers.email',
      'customers.phone',
      'customers.street',
      'customers.postal_code',
      'customers.country',
      'customers.tags',
      'customers.is_project_customer',
      'cs.first_purchase_on',
      'cs.typical_interval_days',
      'cs.revenue_total_cents',
      'cs.status_since',
      'cs.as_of',
    ])
    .executeTakeFirst()
  if (!row) throw new AppError('not_found', say('noSuchCustomer'))
  const [documents, contracts, history, score, classifiedAsOf] = await Promise.all([
    db.kysely
      .selectFrom('orders')
      .selectAll()
      .where('customer_id', '=', id)
      .orderBy('ordered_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db.kysely
      .selectFrom('contracts')
      .selectAll()
      .where('customer_id', '=', id)
      .orderBy('started_on', 'desc')
      .execute(),
    db.kysely
      .selectFrom('customer_status_changes')
      .selectAll()
      .where('customer_id', '=', id)
      .orderBy('month')
      .execute(),
    db.kysely
      .selectFrom('customer_scores as sc')
      .innerJoin('model_runs as run', 'run.id', 'sc.run_id')
      .select([
        'sc.x',
        'sc.p_alive',
        'sc.expected_purchases',
        'sc.expected_spend_cents',
        'sc.clv_cents',
        'sc.mean_interval_days',
        'sc.days_since_last',
        'run.model',
        'run.as_of',
        'run.time_unit',
        'run.horizon',
        'run.clv_months',
      ])
      .where('sc.customer_id', '=', id)
      .executeTakeFirst(),
    classificationDay(db.kysely),
  ])
  return {
    customer: {
      ...toListItem(row as CustomerListRow, classifiedAsOf),
      companyName: row.company_name,
      salutation: row.salutation,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      phone: row.phone,
      street: row.street,
      postalCode: row.postal_code,
      country: row.country,
      tags: JSON.parse(row.tags) as string[],
      isProjectCustomer: row.is_project_customer === 1,
      firstPurchase: row.first_purchase_on,
      typicalIntervalDays: row.typical_interval_days,
      revenueTotalCents: row.revenue_total_cents ?? 0,
      statusSince: row.status_since,
      // a row that stayed true since it was classified is shown as of the base's day
      asOf: row.as_of === null ? null : laterDay(row.as_of, classifiedAsOf),
    },
    score: score
      ? {
          model: score.model,
          asOf: score.as_of,
          timeUnit: score.time_unit as CustomerScore['timeUnit'],
          horizon: score.horizon,
          clvMonths: score.clv_months,
          x: score.x,
          pAlive: score.p_alive,
          expectedPurchases: score.expected_purchases,
          expectedSpendCents: score.expected_spend_cents,
          clvCents: score.clv_cents,
          meanIntervalDays: score.mean_interval_days,
          daysSinceLastPurchase: score.days_since_last,
        }
      : null,
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      number: d.number,
      referenceNumber: d.reference_number,
      date: d.ordered_on,
      netCents: d.net_cents,
      grossCents: d.gross_cents,
      marginCents: d.margin_cents,
      currency: d.currency,
      status: d.status,
      countsAsPurchase: d.counts_as_purchase === 1,
      source: d.source,
    })),
    contracts: contracts.map((c) => ({
      id: c.id,
      number: c.number,
      product: c.product,
      startedOn: c.started_on,
      endsOn: c.ends_on,
      cancelledOn: c.cancelled_on,
      monthlyValueCents: c.monthly_value_cents,
    })),
    history: history.map((h) => ({
      month: h.month,
      status: h.status as LifecycleStatus,
      previous: h.previous_status,
    })),
  }
}
