import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app'
import { testDialects } from '../../../test/databases'
import { invoice } from '../../../test/documents'
import { refreshAllEligibility } from '../features/contact/eligibility'
import { writeImport } from '../features/imports/write-import'
import { classifyCustomers } from '../features/lifecycle/classify-customers'

const TODAY = '2026-06-30'
const TEN = Array.from({ length: 10 }, (_, i) => i)

/** The same write ten times at once: one result and clear conflicts, never a 500 and never ten rows. */
describe.each(testDialects)('concurrent writes on %s', (dialect) => {
  let t: TestApp
  let manager: string
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const person = (n: string) => ({
      customerNumber: n,
      type: 'business' as const,
      companyName: `Firma ${n}`,
      email: `${n.toLowerCase()}@example.de`,
      phone: '+49 30 1234567',
      street: 'Hauptstr. 1',
      postalCode: '10115',
      city: 'Berlin',
    })
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T10:00:00Z`,
      customers: [person('A'), person('B'), person('C')],
      documents: ['A', 'B', 'C'].map((n) => invoice(n, `R-${n}`, '2024-03-01', 500)),
    })
    await classifyCustomers({ db: t.db, asOf: TODAY })
    await refreshAllEligibility(t.db, TODAY)
    for (const r of await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    manager = await t.login('manager@example.com')
  })
  afterAll(() => t.destroy())

  const statuses = (responses: Response[]) => responses.map((r) => r.status).sort()

  it('ten attempt starts at once: one attempt, nine conflicts', async () => {
    const responses = await Promise.all(
      TEN.map(() => t.send(manager, `/api/customers/${ids.A}/winback-attempts`, { channel: 'letter' })),
    )
    expect(statuses(responses)).toEqual([201, ...Array(9).fill(409)])
    const open = await t.db.kysely
      .selectFrom('winback_attempts')
      .select('id')
      .where('customer_id', '=', ids.A!)
      .where('outcome', '=', 'open')
      .execute()
    expect(open).toHaveLength(1)
  })

  it('ten identical consents at once: stored once, the rest told it is there already', async () => {
    const consent = { channel: 'phone', grantedAt: '01.06.2026', source: 'call', callReference: 'T-1' }
    const responses = await Promise.all(
      TEN.map(() => t.send(manager, `/api/customers/${ids.B}/consents`, consent)),
    )
    expect(statuses(responses)).toEqual([201, ...Array(9).fill(409)])
    const stored = await t.db.kysely
      .selectFrom('contact_consents')
      .select('id')
      .where('customer_id', '=', ids.B!)
      .execute()
    expect(stored).toHaveLength(1)
    const eligibility = await t.db.kysely
      .selectFrom('contact_eligibility')
      .select('channel')
      .where('customer_id', '=', ids.B!)
      .execute()
    expect(eligibility).toHaveLength(4)
  })

  it('a consent and an objection at the same moment both land, and the objection wins', async () => {
    const [consent, objection] = await Promise.all([
      t.send(manager, `/api/customers/${ids.C}/consents`, {
        channel: 'email',
        grantedAt: '01.06.2026',
        source: 'form',
        doiConfirmedAt: '01.06.2026',
        doiToken: 'x',
      }),
      t.send(manager, `/api/customers/${ids.C}/objections`, {
        scope: 'all',
        gdpr: true,
        receivedAt: TODAY,
        via: 'email',
      }),
    ])
    expect([consent!.status, objection!.status]).toEqual([201, 201])
    const allowed = await t.db.kysely
      .selectFrom('contact_eligibility')
      .select('allowed')
      .where('customer_id', '=', ids.C!)
      .execute()
    expect(allowed).toHaveLength(4)
    expect(allowed.every((r) => r.allowed === 0)).toBe(true)
  })

  it('ten identical churn reasons at once: recorded once', async () => {
    const reason = await t.db.kysely
      .selectFrom('churn_reasons')
      .select('id')
      .limit(1)
      .executeTakeFirstOrThrow()
    const body = { reasonId: reason.id, source: 'stated', confidence: 'high', recordedOn: TODAY }
    const responses = await Promise.all(
      TEN.map(() => t.send(manager, `/api/customers/${ids.A}/churn-reasons`, body)),
    )
    expect(statuses(responses)).toEqual([201, ...Array(9).fill(409)])
  })
})
