import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import { insertModelRun } from '../../../../test/model-run'
import type { WinbackReportDto } from '../../../shared/api/reports'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'

const TODAY = '2026-06-30'

/** The report's cost of letters, the won-back customers' value from now on, tenure and value over time. */
describe.each(testDialects)('win-back report on %s', (dialect) => {
  let t: TestApp
  let manager: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers: ['OLD', 'WON'].map((n) => ({
        customerNumber: n,
        companyName: `${n} GmbH`,
        type: 'business' as const,
      })),
      documents: [
        // a customer since 2024-01 buying every month for 100 €
        ...Array.from({ length: 30 }, (_, i) => {
          const month = new Date(Date.UTC(2024, i, 15)).toISOString().slice(0, 10)
          return invoice('OLD', `O${i}`, month, 100)
        }),
        // bought twice in 2024, won back by a letter in 2026-03
        invoice('WON', 'W1', '2024-02-10', 1_000),
        invoice('WON', 'W2', '2024-05-10', 1_000),
        invoice('WON', 'W3', '2026-03-20', 600),
      ],
    })
    await classifyCustomers({ db: t.db, asOf: TODAY })
    const k = t.db.kysely
    const ids = new Map(
      (await k.selectFrom('customers').select(['id', 'customer_number']).execute()).map((r) => [
        r.customer_number,
        r.id,
      ]),
    )
    const order = await k
      .selectFrom('orders')
      .select('id')
      .where('number', '=', 'W3')
      .executeTakeFirstOrThrow()
    await k
      .insertInto('winback_attempts')
      .values({
        customer_id: ids.get('WON')!,
        started_on: '2026-03-01',
        channel: 'letter',
        offer: null,
        offer_cents: null,
        outcome: 'won_back',
        outcome_on: '2026-03-20',
        note: null,
        won_order_id: order.id,
        won_on: '2026-03-20',
        situation: '{}',
        probability: 0.1,
        created_at: '2026-03-01T09:00:00Z',
        created_by: null,
        updated_at: '2026-03-20T09:00:00Z',
      })
      .execute()
    // the latest scoring values WON at 1,234.56 € from now on, OLD at 2,000 €
    const run = { id: await insertModelRun(k, { asOf: TODAY, model: 'pareto-nbd', customers: 2 }) }
    for (const [n, clv] of [
      ['WON', 1_234_56],
      ['OLD', 2_000_00],
    ] as const)
      await k
        .insertInto('customer_scores')
        .values({
          customer_id: ids.get(n)!,
          run_id: run.id,
          x: 1,
          tx: 1,
          t: 1,
          p_alive: 0.9,
          expected_purchases: 1,
          expected_spend_cents: 100,
          clv_cents: clv,
          won_back_purchases: 0,
          won_back_value_cents: 0,
          mean_interval_days: null,
          days_since_last: 10,
        })
        .execute()
    manager = await t.login('manager@example.com')
  })
  afterAll(() => t.destroy())

  it('costs a letter its postage, and shows the won-back customers’ value from now on beside the profit', async () => {
    const r = (await (
      await t.get(manager, '/api/reports/winback?from=2026-01-01&to=2026-06-30')
    ).json()) as WinbackReportDto
    expect(r.winbackRate).toMatchObject({ attempts: 1, won: 1 })
    // 10 letter minutes at 60 €/h and 0.95 € postage
    expect(r.costCents).toBe(10_00 + 95)
    // 600 € at the default margin of 30 %
    expect(r.marginCents).toBe(180_00)
    expect(r.profitCents).toBe(180_00 - 10_95)
    expect(r.valueGoingForwardCents).toBe(1_234_56)
  })

  it('follows the base’s average tenure and value per customer month by month', async () => {
    const r = (await (
      await t.get(manager, '/api/reports/winback?from=2026-01-01&to=2026-06-30')
    ).json()) as WinbackReportDto
    const april = r.fluctuation.find((m) => m.month === '2026-04')!
    expect(april.base).toBeGreaterThan(0)
    expect(april.averageTenureMonths).not.toBeNull()
    // every customer in the base first bought in 2024: at least 22 months by April 2026
    expect(april.averageTenureMonths!).toBeGreaterThanOrEqual(22)
    // the 12 months up to April 2026 (May 2025 – April 2026): OLD's 12 × 100 € and WON's 600 €
    expect(april.annualValuePerCustomerCents).toBe(Math.round((12 * 100_00 + 600_00) / april.base))
  })
})
