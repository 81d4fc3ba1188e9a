import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import { insertModelRun } from '../../../../test/model-run'
import { scoreRow } from '../../../../test/score-row'
import { addDays, type IsoDate } from '../../lib/dates'
import type { DocumentRecord } from '../imports/records'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { listEarlyWarnings } from './prevention.service'
import { saveEarlyWarningSettings } from './prevention-settings'
import { refreshEarlyWarnings, refreshEarlyWarningsForNight } from './refresh-early-warnings'

const FIRST_DAY = '2026-03-02'
const CUSTOMERS = 48

/**
 * A base whose customers buy in rhythms of their own (2 to 7 weeks), some of them with falling order
 * values or lengthening intervals, and stop on days of their own: over the nights ahead some become
 * overdue, some at risk, some sleeping, and the days of everyone's churn signals move on.
 */
function history(i: number): DocumentRecord[] {
  const number = `C${i}`
  const interval = 14 + (i % 6) * 7
  const lastDay = addDays(FIRST_DAY, -((i * 5) % 120))
  const docs: DocumentRecord[] = []
  let day = addDays(lastDay, -interval * 14)
  for (let k = 0; day <= lastDay; k++) {
    const euros = i % 3 === 0 ? Math.max(20, 400 - k * 25) : 100 + (k % 4) * 10
    docs.push(invoice(number, `${number}-${k}`, day, euros))
    // every seventh customer's intervals lengthen
    day = addDays(day, i % 7 === 0 ? interval + k * 3 : interval)
  }
  return docs
}

/** The list as a person reads it, without the day it was worked out on. */
async function listAsRead(t: TestApp, today: IsoDate) {
  const list = await listEarlyWarnings(t.db.kysely, { scope: { ownerId: null }, today })
  return { ...list, refreshedOn: undefined }
}

/**
 * The night's early warning works out again only the customers whose signals can have changed, and
 * gives the list a whole refresh would give, night after night: compared with one every third night.
 */
describe.each(testDialects)('the night’s early warning on %s', (dialect) => {
  let t: TestApp
  const ids: number[] = []
  let fitRunId = 0

  /** An update run of the scores: these customers predicted again, their P(alive) now `pAlive`. */
  const update = async (day: IsoDate, customers: readonly number[], pAlive: number) => {
    const k = t.db.kysely
    const runId = await insertModelRun(k, { asOf: day, customers: CUSTOMERS })
    await k.updateTable('model_runs').set({ fit_run_id: fitRunId }).where('id', '=', runId).execute()
    for (const id of customers) {
      const before = await k
        .selectFrom('customer_scores')
        .select('p_alive')
        .where('customer_id', '=', id)
        .executeTakeFirstOrThrow()
      await k
        .updateTable('customer_scores')
        .set({ run_id: runId, previous_p_alive: before.p_alive, p_alive: pAlive })
        .where('customer_id', '=', id)
        .execute()
    }
  }

  /** The day's orders of these customers, imported and classified as an import's are. */
  const buy = async (day: IsoDate, customers: readonly number[]) => {
    await writeImport({
      db: t.db,
      fileName: `day-${day}`,
      source: 'test',
      importRunId: null,
      now: `${day}T12:00:00Z`,
      customers: [],
      documents: customers.map((i) => invoice(`C${i}`, `D-${day}-${i}`, day, 80)),
    })
    await classifyCustomers({ db: t.db, asOf: day, customerIds: customers.map((i) => ids[i]!) })
  }

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const k = t.db.kysely
    await saveEarlyWarningSettings(k, { pAliveDrop: 0.15, signDays: 5 }, 1, `${FIRST_DAY}T00:00:00Z`)
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'test',
      importRunId: null,
      now: `${FIRST_DAY}T08:00:00Z`,
      customers: Array.from({ length: CUSTOMERS }, (_, i) => ({
        customerNumber: `C${i}`,
        companyName: `Kunde ${i} GmbH`,
        type: 'business' as const,
      })),
      documents: Array.from({ length: CUSTOMERS }, (_, i) => history(i)).flat(),
    })
    await classifyCustomers({ db: t.db, asOf: FIRST_DAY })
    for (const r of await k.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[Number(r.customer_number.slice(1))] = r.id
    fitRunId = await insertModelRun(k, { asOf: FIRST_DAY, customers: CUSTOMERS })
    for (let i = 0; i < CUSTOMERS; i++)
      await k
        .insertInto('customer_scores')
        .values(scoreRow(ids[i]!, fitRunId, { now: 0.9 - (i % 5) * 0.1, before: i % 4 === 0 ? 0.95 : null }))
        .execute()
    await refreshEarlyWarnings({ db: t.db, today: FIRST_DAY, now: `${FIRST_DAY}T04:00:00Z` })
  })
  afterAll(() => t.destroy())

  it('brings the list to each new day from the customers changed, as a whole refresh would', async () => {
    const k = t.db.kysely
    const watched = (await listAsRead(t, FIRST_DAY)).total
    expect(watched).toBeGreaterThan(5)
    let movedOn = 0
    for (let night = 1; night <= 12; night++) {
      const day = addDays(FIRST_DAY, night)
      // the day before the night: some customers buy, warning signs are recorded (and age out)
      await buy(addDays(day, -1), [night % CUSTOMERS, (night * 7) % CUSTOMERS])
      if (night % 4 === 1)
        await t.db.kysely
          .insertInto('warning_signs')
          .values({
            customer_id: ids[night * 3]!,
            kind: 'complaint',
            noted_on: addDays(day, -2),
            note: `night ${night}`,
            created_at: `${day}T09:00:00Z`,
            created_by: null,
          })
          .execute()
      if (night % 4 === 1)
        await refreshEarlyWarnings({
          db: t.db,
          today: addDays(day, -1),
          now: `${day}T09:00:00Z`,
          customerIds: [ids[night * 3]!],
        })
      // the night, as the nightly job does it
      await classifyCustomers({ db: t.db, asOf: day, dueOnly: true })
      await update(day, [ids[(night * 5) % CUSTOMERS]!, ids[(night * 11) % CUSTOMERS]!], 0.3)
      const before = await listAsRead(t, day)
      const night_ = await refreshEarlyWarningsForNight({ db: t.db, today: day, now: `${day}T04:00:00Z` })
      expect(night_.worked).toBe('changed')
      // the customers classified, bought or predicted again: not everyone
      expect(night_.customers).toBeLessThan(CUSTOMERS / 2)
      const incremental = await listAsRead(t, day)
      if (JSON.stringify(incremental.items) !== JSON.stringify(before.items)) movedOn++
      if (night % 3 !== 0) continue
      // a whole refresh of the same day gives the same list (and the next nights go on from it)
      await refreshEarlyWarnings({ db: t.db, today: day, now: `${day}T05:00:00Z` })
      expect(incremental).toEqual(await listAsRead(t, day))
      const rows = await k
        .selectFrom('early_warnings')
        .select(['customer_id', 'first_seen_on', 'risk', 'value_cents'])
        .orderBy('customer_id')
        .execute()
      expect(rows.length).toBe(incremental.total)
    }
    // the nights did change the list (signals came and went, days moved on)
    expect(movedOn).toBeGreaterThan(3)
  })

  it('works out the whole list when the settings changed or a run predicted every customer', async () => {
    const k = t.db.kysely
    const day = addDays(FIRST_DAY, 13)
    await classifyCustomers({ db: t.db, asOf: day, dueOnly: true })
    expect(
      (await refreshEarlyWarningsForNight({ db: t.db, today: day, now: `${day}T04:00:00Z` })).worked,
    ).toBe('changed')
    await saveEarlyWarningSettings(k, { pAliveDrop: 0.1, signDays: 5 }, 1, `${day}T10:00:00Z`)
    const next = addDays(day, 1)
    expect(
      (await refreshEarlyWarningsForNight({ db: t.db, today: next, now: `${next}T04:00:00Z` })).worked,
    ).toBe('whole')
    await insertModelRun(k, { asOf: next, customers: CUSTOMERS })
    const after = addDays(day, 2)
    const whole = await refreshEarlyWarningsForNight({ db: t.db, today: after, now: `${after}T04:00:00Z` })
    expect(whole.worked).toBe('whole')
    // and the night after goes on from it
    const third = addDays(day, 3)
    expect(
      (await refreshEarlyWarningsForNight({ db: t.db, today: third, now: `${third}T04:00:00Z` })).worked,
    ).toBe('changed')
  })
})
