import { fakerDE } from '@faker-js/faker'
import type { Insertable, Transaction } from 'kysely'
import { type BulkWriter, createBulkWriter } from '../../db/bulk'
import type { Db } from '../../db/database'
import type { Database } from '../../db/schema'
import { addDays, type IsoDate, toEpochDay } from '../../lib/dates'
import type { ContractCancellationTable } from '../cancellations/cancellation.table'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { attributeWinbacks } from '../winback/attribute-winbacks'
import { factorValues, type WinbackSituation, winbackProbability } from '../winback/probability'
import type { WinbackAttemptTable } from '../winback/winback.table'
import { DEMO_SEED } from './generate-demo-company'

const cancellationReasons = [
  { value: 'price_performance', weight: 5 },
  { value: 'cheaper_competitor', weight: 4 },
  { value: 'quality', weight: 2 },
  { value: 'no_need', weight: 2 },
  { value: 'restructuring', weight: 1 },
  { value: 'financial_trouble', weight: 1 },
]
const retentionOffers = ['3 Monate zum halben Preis', 'Kostenloses Geräte-Upgrade', 'Wartung 6 Monate gratis']
const winbackOffers = [
  '10 % auf die nächste Bestellung',
  'Versandkostenfrei für 3 Monate',
  'Musterpaket gratis',
]
const DAYS_PER_MONTH = 365.25 / 12

/**
 * The demo's cancellation management and win-back history: the imported contract cancellations with
 * reason, retention offer and outcome, a few withdrawn ones, and a year of win-back attempts on lost
 * customers whose outcomes are enough for the learned probability model (a few are still open).
 */
export async function loadDemoOutcomes(db: Db, today: IsoDate, now: string): Promise<void> {
  const f = fakerDE
  f.seed(DEMO_SEED + 23)
  const k = db.kysely
  const reasonIds = new Map(
    (await k.selectFrom('churn_reasons').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
  )
  const cancellations: Insertable<ContractCancellationTable>[] = []
  const contracts = await k.selectFrom('contracts').selectAll().orderBy('id').execute()
  for (const c of contracts) {
    const withdrawn = !c.cancelled_on && f.number.float() < 0.3
    if (!c.cancelled_on && !withdrawn) continue
    const received = c.cancelled_on ?? addDays(c.started_on, f.number.int({ min: 120, max: 500 }))
    if (received > today) continue
    const offered = withdrawn || f.number.float() < 0.6
    const retentionOn = addDays(received, 7) > today ? today : addDays(received, 7)
    const decided = addDays(received, 21) > today ? today : addDays(received, 21)
    const outcome = withdrawn ? 'withdrawn' : c.ends_on && c.ends_on <= today ? 'effective' : 'pending'
    const code = f.helpers.weightedArrayElement(cancellationReasons)
    cancellations.push({
      contract_id: c.id,
      customer_id: c.customer_id,
      received_on: received,
      effective_on: withdrawn ? null : c.ends_on,
      reason_id: reasonIds.get(code) ?? null,
      customer_reason_id: null,
      note: null,
      retention_offer: offered ? f.helpers.arrayElement(retentionOffers) : null,
      retention_offer_cents: offered ? f.number.int({ min: 5, max: 30 }) * 1000 : null,
      retention_on: offered ? retentionOn : null,
      outcome,
      outcome_on: outcome === 'pending' ? null : outcome === 'effective' ? c.ends_on : decided,
      previous_cancelled_on: null,
      previous_ends_on: null,
      created_at: now,
      created_by: null,
      updated_at: now,
    })
  }
  await k.transaction().execute(async (trx) => {
    for (const row of cancellations) {
      const reason =
        row.reason_id === null || row.reason_id === undefined
          ? null
          : await trx
              .insertInto('customer_churn_reasons')
              .values({
                customer_id: row.customer_id,
                reason_id: row.reason_id,
                source: 'cancellation',
                confidence: 'high',
                recorded_on: row.received_on,
                note: null,
                remediation_cost_cents: null,
                created_at: now,
                created_by: null,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
      await trx
        .insertInto('contract_cancellations')
        .values({ ...row, customer_reason_id: reason?.id ?? null })
        .execute()
    }
  })
  await loadDemoAttempts(db, today, now)
}

async function loadDemoAttempts(db: Db, today: IsoDate, now: string): Promise<void> {
  const f = fakerDE
  const k = db.kysely
  const customers = await k
    .selectFrom('customer_status')
    .select(['customer_id', 'status', 'last_purchase_on'])
    .where('status', '=', 'lost')
    .orderBy('customer_id')
    .execute()
  const kinds = new Map<number, Set<string>>()
  for (const r of await k
    .selectFrom('customer_churn_reasons as ccr')
    .innerJoin('churn_reasons as r', 'r.id', 'ccr.reason_id')
    .select(['ccr.customer_id', 'r.kind'])
    .execute())
    kinds.set(r.customer_id, (kinds.get(r.customer_id) ?? new Set()).add(r.kind))
  const attempts: Insertable<WinbackAttemptTable>[] = []
  const refusals = new Map<number, number>()
  const comebacks: { customerId: number; date: IsoDate; factor: number }[] = []
  for (const c of customers) {
    if (c.status !== 'lost' || !c.last_purchase_on || f.number.float() > 0.2) continue
    const started = addDays(today, -f.number.int({ min: 5, max: 360 }))
    if (started <= c.last_purchase_on) continue
    const situation: WinbackSituation = {
      controllableReason: kinds.get(c.customer_id)?.has('controllable') ?? false,
      externalReason: kinds.get(c.customer_id)?.has('external') ?? false,
      monthsSinceLoss: (toEpochDay(started) - toEpochDay(c.last_purchase_on)) / DAYS_PER_MONTH,
      ease: f.number.int({ min: 1, max: 5 }),
      positiveResponses: f.helpers.weightedArrayElement([
        { value: 0, weight: 6 },
        { value: 1, weight: 3 },
        { value: 2, weight: 1 },
      ]),
    }
    // the demo's hidden truth, which the learned model should find again: a home-made reason, an easy
    // relationship and earlier responses help; an external reason and time apart hurt
    const v = factorValues(situation)
    const z =
      -0.6 +
      1.0 * v.controllable -
      1.0 * v.external -
      0.05 * v.monthsSinceLoss +
      0.6 * v.ease +
      0.5 * v.responses
    const wonBack = f.number.float() < 1 / (1 + Math.exp(-z))
    const daysAgo = toEpochDay(today) - toEpochDay(started)
    const recent = daysAgo < 21
    const outcome = recent
      ? 'open'
      : wonBack
        ? 'won_back'
        : f.number.float() < 0.6
          ? 'declined'
          : 'no_response'
    if (outcome === 'declined') refusals.set(c.customer_id, 1)
    const offered = f.number.float() < 0.7
    const decidedOn = addDays(started, f.number.int({ min: 3, max: 20 }))
    // a win-back is proved by the orders that follow it; the youngest promises still wait for theirs
    if (outcome === 'won_back' && (daysAgo > 45 || f.number.float() < 0.5)) {
      let day = addDays(decidedOn, f.number.int({ min: 2, max: 25 }))
      for (let n = f.number.int({ min: 1, max: 4 }); n > 0 && day <= today; n--) {
        comebacks.push({
          customerId: c.customer_id,
          date: day,
          factor: f.number.float({ min: 0.6, max: 1.3 }),
        })
        day = addDays(day, f.number.int({ min: 20, max: 60 }))
      }
    }
    attempts.push({
      customer_id: c.customer_id,
      started_on: started,
      channel: f.helpers.weightedArrayElement([
        { value: 'phone' as const, weight: 5 },
        { value: 'letter' as const, weight: 2 },
        { value: 'email' as const, weight: 2 },
        { value: 'visit' as const, weight: 1 },
      ]),
      offer: offered ? f.helpers.arrayElement(winbackOffers) : null,
      offer_cents: offered ? f.number.int({ min: 2, max: 15 }) * 1000 : null,
      outcome,
      outcome_on: outcome === 'open' ? null : decidedOn > today ? today : decidedOn,
      note: null,
      situation: JSON.stringify(situation),
      // what the default model said when the attempt started
      probability: winbackProbability(situation).probability,
      created_at: now,
      created_by: null,
      updated_at: now,
    })
  }
  await k.transaction().execute(async (trx) => {
    const bulk = createBulkWriter(db, trx)
    await bulk.insert('winback_attempts', attempts)
    const rows = [...refusals].map(([customerId, n]) => ({
      customer_id: customerId,
      ease: null,
      insolvent_or_closed: 0,
      switched_for_good: 0,
      refusals: n,
      positive_responses: 0,
      manual_decision: null,
      manual_note: null,
      planned_measure_cents: null,
      updated_at: now,
      updated_by: null,
    }))
    await bulk.insert('winback_assessments', rows)
    await insertComebackOrders(trx, comebacks, bulk)
  })
  const wonBackIds = [...new Set(comebacks.map((c) => c.customerId))]
  await classifyCustomers({ db, asOf: today, customerIds: wonBackIds })
  await attributeWinbacks({ db: k, customerIds: wonBackIds })
}

/** The orders of won-back customers: like their last invoice, with its margin rate. */
async function insertComebackOrders(
  trx: Transaction<Database>,
  comebacks: readonly { customerId: number; date: IsoDate; factor: number }[],
  bulk: BulkWriter,
): Promise<void> {
  if (comebacks.length === 0) return
  const last = new Map<number, { net: number; margin: number }>()
  for (const row of await trx
    .selectFrom('orders')
    .select(['customer_id', 'net_cents', 'margin_cents'])
    .where('customer_id', 'in', [...new Set(comebacks.map((c) => c.customerId))])
    .where('kind', '=', 'invoice')
    .orderBy('ordered_on')
    .orderBy('id')
    .execute())
    last.set(row.customer_id, { net: Number(row.net_cents), margin: Number(row.margin_cents ?? 0) })
  const rows = comebacks.map((c, i) => {
    const before = last.get(c.customerId) ?? { net: 10_000, margin: 2_500 }
    const net = Math.max(500, Math.round(before.net * c.factor))
    const number = `RE-WB-${String(i + 1).padStart(5, '0')}`
    return {
      customer_id: c.customerId,
      source: 'demo',
      external_key: `invoice:${number}`,
      kind: 'invoice' as const,
      number,
      reference_number: null,
      ordered_on: c.date,
      net_cents: net,
      gross_cents: Math.round(net * 1.19),
      margin_cents: before.net > 0 ? Math.round((net * before.margin) / before.net) : null,
      currency: 'EUR',
      status: 'bezahlt',
      counts_as_purchase: 1,
      quantity: null,
      import_run_id: null,
    }
  })
  await bulk.insert('orders', rows)
}
