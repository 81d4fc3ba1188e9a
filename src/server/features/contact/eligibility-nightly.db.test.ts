import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import { contactChannels } from '../../../shared/contact'
import { addDays, type IsoDate } from '../../lib/dates'
import { loadDemoCompany } from '../demo/load-demo-company'
import { recordObjection } from './contact.service'
import { loadContactFacts } from './contact-facts.repository'
import { saveContactSettings } from './contact-settings'
import { decideFor, loadContactSettings, refreshDueEligibility, standardPurpose } from './eligibility'

const TODAY = '2026-12-03'

/** What the stored answers say, customer by customer and channel by channel. */
async function stored(db: TestDb): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('contact_eligibility')
    .select(['customer_id', 'channel', 'allowed', 'basis', 'blockers'])
    .orderBy('customer_id')
    .orderBy('channel')
    .execute()
  return rows.map((r) => `${r.customer_id} ${r.channel} ${r.allowed} ${r.basis} ${r.blockers}`)
}

/** What the contact engine says afresh for every customer as of a day, without storing it. */
async function afresh(db: TestDb, day: IsoDate): Promise<string[]> {
  const ids = (await db.kysely.selectFrom('customers').select('id').orderBy('id').execute()).map((r) => r.id)
  const settings = await loadContactSettings(db.kysely)
  const facts = await loadContactFacts(db.kysely, ids)
  const lines: string[] = []
  for (const id of ids) {
    const c = facts.get(id)!
    for (const channel of [...contactChannels].sort()) {
      const d = decideFor(c, { channel, purpose: standardPurpose, asOf: day, settings })
      const blockers = JSON.stringify([...new Set(d.blockers.map((b) => b.code))])
      lines.push(`${id} ${channel} ${d.allowed ? 1 : 0} ${d.basis?.basis ?? null} ${blockers}`)
    }
  }
  return lines
}

describe.each(testDialects)('the nightly contact eligibility on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
    await loadDemoCompany({ db, today: TODAY, now: `${TODAY}T08:00:00Z` })
  }, 300_000)
  afterAll(() => db.destroy())

  it('refreshes only the customers whose answers can have changed, and then equals a fresh decision of everyone, night after night', async () => {
    const customers = (await db.kysely.selectFrom('customers').select('id').execute()).length
    const refreshed: number[] = []
    for (const days of [1, 2, 40, 200, 400]) {
      const day = addDays(TODAY, days)
      const night = await refreshDueEligibility(db, day)
      expect(night.wholeBase).toBe(false)
      refreshed.push(night.refreshed)
      expect(await stored(db)).toEqual(await afresh(db, day))
    }
    // consents age on their own days: the first nights touch few customers; a year on, most (each
    // is checked again a year after it was last decided, whatever its facts)
    expect(refreshed[0]!).toBeLessThan(customers * 0.1)
    expect(refreshed[4]!).toBeGreaterThan(customers * 0.5)
  })

  it('refreshes everybody after a change of what the answers rest on: the renewal months, the suppression list', async () => {
    const day = addDays(TODAY, 401)
    const actor = { userId: null, now: `${day}T08:00:00Z`, today: day }
    expect((await refreshDueEligibility(db, day)).wholeBase).toBe(false)
    await saveContactSettings(db.kysely, { jurisdiction: 'DE', consentRenewalMonths: 3 }, 1, actor.now)
    expect((await refreshDueEligibility(db, day)).wholeBase).toBe(true)
    expect(await stored(db)).toEqual(await afresh(db, day))
    const customer = await db.kysely
      .selectFrom('customers')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    await recordObjection(
      db.kysely,
      customer.id,
      { scope: 'all', gdpr: true, receivedAt: day, via: 'phone', wording: '' },
      actor,
    )
    expect((await refreshDueEligibility(db, day)).wholeBase).toBe(true)
    expect((await refreshDueEligibility(db, day)).wholeBase).toBe(false)
    // a run for an earlier day than the answers are stored as of decides everyone again
    expect((await refreshDueEligibility(db, addDays(day, -5))).wholeBase).toBe(true)
  })

  it('refreshes the customers without answers (new since the last refresh) along with those due', async () => {
    const day = addDays(TODAY, 402)
    expect((await refreshDueEligibility(db, day)).wholeBase).toBe(false)
    const customers = await db.kysely.selectFrom('customers').select('id').orderBy('id').limit(3).execute()
    await db.kysely
      .deleteFrom('contact_eligibility')
      .where(
        'customer_id',
        'in',
        customers.map((c) => c.id),
      )
      .execute()
    const night = await refreshDueEligibility(db, day)
    expect(night.wholeBase).toBe(false)
    expect(night.refreshed).toBe(3)
    expect(await stored(db)).toEqual(await afresh(db, day))
  })
})
