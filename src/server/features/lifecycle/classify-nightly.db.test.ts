import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import type { ChurnSignal } from '../../../shared/lifecycle'
import { addDays, daysBetween, type IsoDate } from '../../lib/dates'
import { getCustomer } from '../customers/get-customer'
import { listCustomers } from '../customers/list-customers'
import { loadDemoCompany } from '../demo/load-demo-company'
import { importFile } from '../imports/import-file'
import { refreshEarlyWarnings } from '../prevention/refresh-early-warnings'
import { classifyCustomer } from './classify'
import { classifyCustomers } from './classify-customers'
import { statusHistory } from './history'
import { classificationDay, loadCustomerHistories } from './lifecycle.repository'
import { buildPurchaseLedger } from './purchases'
import { advanceDayCounters } from './stability'
import { loadThresholdSettings } from './threshold-settings'
import { resolveThresholds } from './thresholds'

const cdnowDir = path.resolve(import.meta.dirname, '../../../../test/fixtures/cdnow')

/**
 * What the stored classification shows as of a day (old rows moved on to it), against classifying
 * every customer afresh as of that day with the same functions the full run uses.
 */
async function expectSameAsFullClassification(db: TestDb, day: IsoDate): Promise<void> {
  expect(await classificationDay(db.kysely)).toBe(day)
  const settings = await loadThresholdSettings(db.kysely)
  const stored = new Map(
    (await db.kysely.selectFrom('customer_status').selectAll().execute()).map((r) => [r.customer_id, r]),
  )
  const storedHistory = new Map<number, string[]>()
  for (const h of await db.kysely
    .selectFrom('customer_status_changes')
    .selectAll()
    .orderBy('customer_id')
    .orderBy('month')
    .execute())
    storedHistory.set(h.customer_id, [
      ...(storedHistory.get(h.customer_id) ?? []),
      `${h.month}:${h.status}:${h.previous_status}`,
    ])
  let compared = 0
  for (let afterId = 0; ; ) {
    const batch = await loadCustomerHistories(db, { afterId, limit: 1000 })
    if (batch.length === 0) break
    afterId = batch.at(-1)!.id
    for (const h of batch) {
      const t = resolveThresholds(settings, h.segment)
      const facts = {
        ledger: buildPurchaseLedger(h.documents, day),
        contracts: h.contracts,
        isProjectCustomer: h.isProjectCustomer,
      }
      const c = classifyCustomer(facts, day, t)
      const history = statusHistory(facts, day, t, c)
      const row = stored.get(h.id)
      expect(row, `customer ${h.id}`).toBeDefined()
      const shown = advanceDayCounters(
        { ruleParams: JSON.parse(row!.rule_params), signals: JSON.parse(row!.signals) as ChurnSignal[] },
        String(row!.as_of),
        day,
      )
      expect(
        {
          status: row!.status,
          rule: row!.rule,
          ruleParams: shown.ruleParams,
          signals: shown.signals,
          subTypes: JSON.parse(row!.sub_types),
          statusSince: row!.status_since,
          firstPurchase: row!.first_purchase_on,
          lastPurchase: row!.last_purchase_on,
          purchaseCount: Number(row!.purchase_count),
          typicalInterval: row!.typical_interval_days === null ? null : Number(row!.typical_interval_days),
          revenueTotal: Number(row!.revenue_total_cents),
          revenue12m: Number(row!.revenue_12m_cents),
          annual: Number(row!.annual_revenue_cents),
          history: storedHistory.get(h.id) ?? [],
        },
        `customer ${h.id} as of ${day}`,
      ).toEqual({
        status: c.status,
        rule: c.rule,
        ruleParams: c.ruleParams,
        signals: c.signals,
        subTypes: c.subTypes,
        statusSince: history.length > 0 ? `${history.at(-1)!.month}-01` : null,
        firstPurchase: c.firstPurchase,
        lastPurchase: c.lastPurchase,
        purchaseCount: c.purchaseCount,
        typicalInterval: c.typicalIntervalDays,
        revenueTotal: c.revenueTotalCents,
        revenue12m: c.revenue12mCents,
        annual: c.annualRevenueCents,
        history: history.map((s) => `${s.month}:${s.status}:${s.previous}`),
      })
      compared++
    }
  }
  expect(compared).toBe(stored.size)
}

/**
 * Night after night only the customers whose classification can have changed are classified again;
 * what the base then shows equals classifying everybody afresh (issue 16: the incremental night).
 */
describe.each(testDialects)('the nightly classification on %s', (dialect) => {
  let db: TestDb
  afterAll(() => db?.destroy())

  describe('on CDNOW, whose later purchases are already stored', () => {
    beforeAll(async () => {
      db = await createTestDb(dialect)
      const outcome = await importFile({
        db,
        fileName: 'CDNOW_master.txt',
        bytes: fs.readFileSync(path.join(cdnowDir, 'CDNOW_master.txt')),
        format: 'auto',
        kind: 'orders',
        skipInvalid: false,
        userId: null,
        asOf: '1997-06-30',
      })
      expect(outcome.status).toBe('succeeded')
    }, 300_000)

    it('classifies few customers a night, and the base equals a full classification each night', async () => {
      await expectSameAsFullClassification(db, '1997-06-30')
      const counts: number[] = []
      // the next days, a week later, across month ends, a quarter, a year and more
      for (const day of [
        '1997-07-01',
        '1997-07-02',
        '1997-07-09',
        '1997-08-01',
        '1997-10-31',
        '1998-07-01',
        '1999-03-01',
      ]) {
        const { classified } = await classifyCustomers({ db, asOf: day, dueOnly: true })
        counts.push(classified)
        await expectSameAsFullClassification(db, day)
      }
      // 23,570 customers: the next day touches a small part of them
      expect(counts[0]!).toBeLessThan(23_570 * 0.1)
      expect(counts[1]!).toBeLessThan(23_570 * 0.1)
    }, 600_000)
  })

  describe('on the demo company', () => {
    const TODAY = '2026-12-03'
    beforeAll(async () => {
      await db?.destroy()
      db = await createTestDb(dialect)
      await loadDemoCompany({ db, today: TODAY, now: `${TODAY}T08:00:00Z` })
    }, 300_000)

    it('equals a full classification night after night, with contracts, credit notes and seasonal buyers', async () => {
      const counts: number[] = []
      for (const days of [1, 2, 9, 30, 95]) {
        const day = addDays(TODAY, days)
        const { classified } = await classifyCustomers({ db, asOf: day, dueOnly: true })
        counts.push(classified)
        await expectSameAsFullClassification(db, day)
      }
      const customers = Number(
        (
          await db.kysely
            .selectFrom('customers')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
      expect(counts[0]!).toBeLessThan(customers * 0.2)
      // the customer page and list show an old row as of the base's day: its days since moved on
      const day = addDays(TODAY, 95)
      const old = await db.kysely
        .selectFrom('customer_status')
        .select(['customer_id', 'as_of', 'rule_params'])
        .where('as_of', '<', day)
        .where('rule_params', 'like', '%"daysSince"%')
        .orderBy('customer_id')
        .executeTakeFirstOrThrow()
      const storedDays = Number(JSON.parse(old.rule_params).daysSince)
      const detail = await getCustomer({ db, scope: { ownerId: null }, id: old.customer_id })
      expect(detail.customer.asOf).toBe(day)
      expect(detail.customer.ruleParams?.daysSince).toBe(storedDays + daysBetween(String(old.as_of), day))
      const listed = await listCustomers({
        db,
        scope: { ownerId: null },
        query: {
          q: detail.customer.customerNumber,
          page: 1,
          pageSize: 5,
          sort: 'customerNumber',
          dir: 'asc',
        },
      })
      expect(listed.asOf).toBe(day)
      expect(listed.items.find((c) => c.id === old.customer_id)?.ruleParams).toEqual(
        detail.customer.ruleParams,
      )
      // the early-warning list counts the days since as of that day too
      await refreshEarlyWarnings({ db, today: day, now: `${day}T03:00:00Z` })
      const statusOf = new Map(
        (await db.kysely.selectFrom('customer_status').selectAll().execute()).map((r) => [r.customer_id, r]),
      )
      let overdue = 0
      for (const w of await db.kysely
        .selectFrom('early_warnings')
        .select(['customer_id', 'signals'])
        .execute()) {
        const signal = (JSON.parse(w.signals) as ChurnSignal[]).find((s) => s.code === 'overdue')
        if (!signal) continue
        const row = statusOf.get(w.customer_id)!
        const shown = advanceDayCounters(
          { ruleParams: JSON.parse(row.rule_params), signals: JSON.parse(row.signals) as ChurnSignal[] },
          String(row.as_of),
          day,
        )
        expect(signal.params).toEqual(shown.signals.find((s) => s.code === 'overdue')!.params)
        if (String(row.as_of) < day) overdue++
      }
      expect(overdue).toBeGreaterThan(0)
    }, 600_000)

    it('classifies everybody again when asked for an earlier day than the base is classified as of', async () => {
      const before = addDays(TODAY, 10)
      const { classified } = await classifyCustomers({ db, asOf: before, dueOnly: true })
      expect(classified).toBeGreaterThan(1000)
      await expectSameAsFullClassification(db, before)
    }, 600_000)

    it('classifies the whole base the same in a worker thread beside the reading and writing', async () => {
      const day = addDays(TODAY, 11)
      const customers = await db.kysely.selectFrom('customers').select('id').execute()
      const { classified } = await classifyCustomers({ db, asOf: day, inWorker: true })
      expect(classified).toBe(customers.length)
      await expectSameAsFullClassification(db, day)
    }, 600_000)

    it('classifies a customer who never was, also beside an erased customer whose status row stayed', async () => {
      const day = addDays(TODAY, 12)
      const [erased, unclassified] = await db.kysely
        .selectFrom('customer_status')
        .select('customer_id')
        .orderBy('customer_id')
        .limit(2)
        .execute()
      // counted without their rows the two would balance: one status row too many, one too few
      await db.kysely
        .updateTable('customers')
        .set({ erased_at: `${TODAY}T09:00:00Z` })
        .where('id', '=', erased!.customer_id)
        .execute()
      await db.kysely
        .deleteFrom('customer_status')
        .where('customer_id', '=', unclassified!.customer_id)
        .execute()
      const { classified } = await classifyCustomers({ db, asOf: day, dueOnly: true })
      expect(classified).toBeGreaterThan(0)
      const rows = await db.kysely
        .selectFrom('customer_status')
        .select(['customer_id', 'as_of'])
        .where('customer_id', 'in', [erased!.customer_id, unclassified!.customer_id])
        .execute()
      expect(rows.map((r) => [r.customer_id, String(r.as_of)])).toContainEqual([
        unclassified!.customer_id,
        day,
      ])
      // and with every customer classified, the counts tell so: nobody is classified for lacking a row
      const { classified: again } = await classifyCustomers({ db, asOf: day, dueOnly: true })
      expect(again).toBe(0)
    }, 600_000)
  })
})
