import { fakerDE } from '@faker-js/faker'
import { reasonConfidences, reasonSources } from '../../../shared/churn'
import type { Db } from '../../db/database'
import type { IsoDate } from '../../lib/dates'
import { addDays } from '../../lib/dates'
import { demoReasonNote } from './demo-notes'
import { DEMO_SEED } from './generate-demo-company'

/** How often each reason is behind a loss at the demo wholesaler: most of them home-made, as in seed 002. */
const weights: Record<string, number> = {
  price_performance: 22,
  delivery: 16,
  cheaper_competitor: 13,
  quality: 10,
  contact_person_changed: 8,
  criticism_ignored: 6,
  salesperson_disliked: 4,
  new_customers_favoured: 3,
  financial_trouble: 5,
  new_purchaser: 4,
  moved_life_phase: 3,
  restructuring: 2,
  no_need: 2,
  project_ended: 1,
  wish_for_variety: 1,
}

/**
 * Reasons recorded for about two thirds of the demo's lost customers and half of those who came
 * back, so the cause overview has a realistic Pareto shape from the first start.
 */
export async function loadDemoReasons(db: Db, today: IsoDate, now: string): Promise<number> {
  const f = fakerDE
  f.seed(DEMO_SEED + 11)
  const reasons = new Map(
    (await db.kysely.selectFrom('churn_reasons').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
  )
  const customers = await db.kysely
    .selectFrom('customer_status')
    .select(['customer_id', 'status', 'last_purchase_on'])
    .where('status', 'in', ['lost', 'reactivated'])
    .orderBy('customer_id')
    .execute()
  const pick = () =>
    f.helpers.weightedArrayElement(Object.entries(weights).map(([value, weight]) => ({ value, weight })))
  const rows = []
  for (const c of customers) {
    if (f.number.float() > (c.status === 'lost' ? 0.65 : 0.5)) continue
    const codes = new Set([pick()])
    if (f.number.float() < 0.2) codes.add(pick())
    for (const code of codes) {
      const id = reasons.get(code)
      if (id === undefined) continue
      const recordedOn = c.last_purchase_on
        ? addDays(c.last_purchase_on, f.number.int({ min: 30, max: 200 }))
        : today
      rows.push({
        customer_id: c.customer_id,
        reason_id: id,
        source: f.helpers.arrayElement(reasonSources),
        confidence: f.helpers.arrayElement(reasonConfidences),
        recorded_on: recordedOn > today ? today : recordedOn,
        // most reasons come with the words the customer used (the call assistant learns from them)
        note: f.number.float() < 0.85 ? demoReasonNote(f, code) : null,
        remediation_cost_cents: f.number.float() < 0.15 ? f.number.int({ min: 50, max: 800 }) * 100 : null,
        created_at: now,
        created_by: null,
      })
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await db.kysely
      .insertInto('customer_churn_reasons')
      .values(rows.slice(i, i + 500))
      .execute()
  return rows.length
}
