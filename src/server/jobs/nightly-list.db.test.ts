import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app'
import { testDialects } from '../../../test/databases'
import { invoice } from '../../../test/documents'
import { writeImport } from '../features/imports/write-import'
import { classifyCustomers } from '../features/lifecycle/classify-customers'
import { cachedWinbackList, rankWinbackList } from '../features/winback/winback-list'
import { addDays } from '../lib/dates'
import { forgetCachedReads } from '../lib/read-cache'

const TODAY = '2026-06-30'
const everyone = { ownerId: null }
const lost = { status: 'lost', sort: 'net_value' } as const

/**
 * The win-back list kept by the server is moved on to the next day after the nightly job, with the
 * customers the night changed read again (the job names them), and is then the list ranked afresh.
 */
describe.each(testDialects)('the win-back list after the nightly job on %s', (dialect) => {
  let t: TestApp

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const customers = Array.from({ length: 12 }, (_, i) => ({
      customerNumber: `K${i}`,
      companyName: `Kunde ${i} GmbH`,
      type: 'business' as const,
    }))
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers,
      // half lost long ago, half buying until this spring (lost a year and more later)
      documents: customers.flatMap((c, i) =>
        i % 2 === 0
          ? [
              invoice(c.customerNumber, `${c.customerNumber}-1`, '2022-02-10', 800 + i * 100),
              invoice(c.customerNumber, `${c.customerNumber}-2`, '2022-09-10', 900 + i * 100),
            ]
          : [
              invoice(c.customerNumber, `${c.customerNumber}-1`, '2025-11-10', 700 + i * 100),
              invoice(c.customerNumber, `${c.customerNumber}-2`, '2026-05-10', 600 + i * 100),
            ],
      ),
    })
    await classifyCustomers({ db: t.db, asOf: TODAY })
  })
  afterAll(() => t.destroy())

  it('moves the list on with the customers the night changed, exactly as ranking it afresh', async () => {
    forgetCachedReads()
    const before = await cachedWinbackList(t.db.kysely, everyone, TODAY, lost)
    const listed = (l: { entries: { customerId: number }[]; sortedOut: { customerId: number }[] }) =>
      [...l.entries, ...l.sortedOut].map((e) => e.customerId).sort((a, b) => a - b)
    expect(listed(before)).toHaveLength(6)
    const day = addDays(TODAY, 450)
    await t.deps.jobs.enqueue('nightly', { day }, { ref: day })
    await t.deps.jobs.idle()
    const moved = await cachedWinbackList(t.db.kysely, everyone, day, lost)
    const fresh = await rankWinbackList(t.db.kysely, everyone, day, lost)
    // the customers lost in the night are on it: the night named them
    expect(listed(fresh)).toHaveLength(12)
    expect(moved.asOf).toBe(day)
    expect(moved.entries).toEqual(fresh.entries)
    expect(moved.sortedOut).toEqual(fresh.sortedOut)
    expect(moved.curve()).toEqual(fresh.curve())
    // a quiet night after it: the list moves on a day, nobody read again, the same as afresh
    const next = addDays(day, 1)
    await t.deps.jobs.enqueue('nightly', { day: next }, { ref: next })
    await t.deps.jobs.idle()
    const quiet = await cachedWinbackList(t.db.kysely, everyone, next, lost)
    const quietFresh = await rankWinbackList(t.db.kysely, everyone, next, lost)
    expect(quiet.entries).toEqual(quietFresh.entries)
    expect(quiet.sortedOut).toEqual(quietFresh.sortedOut)
  })
})
