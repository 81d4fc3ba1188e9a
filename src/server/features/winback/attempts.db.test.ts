import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import type {
  AttemptDto,
  WinbackAssessmentDto,
  WinbackList,
  WinbackModelReport,
} from '../../../shared/api/winback'
import { forgetCachedReads } from '../../lib/read-cache'
import { refreshAllEligibility } from '../contact/eligibility'
import { importFile } from '../imports/import-file'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { type WinbackSituation, winbackProbability } from './probability'

const TODAY = '2026-06-30'

/** Win-back attempts and outcomes over HTTP on both databases, and the switch to the learned model. */
describe.each(testDialects)('win-back attempts on %s', (dialect) => {
  let t: TestApp
  let manager: string
  let rep1: string
  const ids: Record<string, number> = {}
  const address = { street: 'Hauptstr. 1', postalCode: '10115', city: 'Berlin' }
  const attempts = async (customer: string) =>
    (
      (await (await t.get(manager, `/api/customers/${ids[customer]}/winback-attempts`)).json()) as {
        attempts: AttemptDto[]
      }
    ).attempts

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T10:00:00Z`,
      customers: [
        {
          customerNumber: 'BIG',
          companyName: 'Big GmbH',
          type: 'business',
          ...address,
          owner: 'rep1@example.com',
        },
        { customerNumber: 'MID', companyName: 'Mid KG', type: 'business', ...address },
        { customerNumber: 'SLEEPY', companyName: 'Sleepy OHG', type: 'business', ...address },
      ],
      documents: [
        invoice('BIG', 'B1', '2024-01-15', 6_000),
        invoice('BIG', 'B2', '2024-06-15', 6_000),
        invoice('MID', 'M1', '2024-03-15', 2_000),
        // bought monthly until nine months ago: sleeping, not lost
        ...Array.from({ length: 10 }, (_, i) =>
          invoice(
            'SLEEPY',
            `S${i}`,
            `2025-0${Math.min(9, i + 1)}-${String(1 + (i % 2) * 14).padStart(2, '0')}`,
            300,
          ),
        ),
      ],
    })
    await classifyCustomers({ db: t.db, asOf: TODAY })
    await refreshAllEligibility(t.db, TODAY)
    for (const r of await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    ;[manager, rep1] = await Promise.all([t.login('manager@example.com'), t.login('rep1@example.com')])
  })
  afterAll(() => t.destroy())

  it('starts an attempt after asking the contact law, keeps the factors it started with, one open at a time', async () => {
    const res = await t.send(rep1, `/api/customers/${ids.BIG}/winback-attempts`, {
      channel: 'letter',
      offer: '10 % auf die nächste Bestellung',
      offerValue: '120,00',
      startedOn: '20.06.2026',
    })
    expect(res.status).toBe(201)
    const [a] = await attempts('BIG')
    expect(a).toMatchObject({
      channel: 'letter',
      offer: '10 % auf die nächste Bestellung',
      offerCents: 120_00,
      startedOn: '2026-06-20',
      outcome: 'open',
      recordedBy: 'Rita Rep',
    })
    const stored = await t.db.kysely.selectFrom('winback_attempts').selectAll().executeTakeFirstOrThrow()
    const situation = JSON.parse(stored.situation) as WinbackSituation
    expect(situation).toMatchObject({ controllableReason: false, ease: null, positiveResponses: 0 })
    expect(situation.monthsSinceLoss).toBeCloseTo((730 + 5) / (365.25 / 12), 9) // 2024-06-15 → 2026-06-20
    expect(a!.probability).toBeCloseTo(winbackProbability(situation).probability, 12)
    const logged = await t.db.kysely
      .selectFrom('contact_decisions')
      .select(['customer_id', 'channel', 'allowed', 'context'])
      .where('context', '=', 'contact_logged')
      .execute()
    expect(logged).toEqual([
      { customer_id: ids.BIG, channel: 'letter', allowed: 1, context: 'contact_logged' },
    ])
    // a second attempt waits until the first has an outcome
    expect(
      (await t.send(rep1, `/api/customers/${ids.BIG}/winback-attempts`, { channel: 'phone' })).status,
    ).toBe(409)
    // reps only for their own customers
    expect(
      (await t.send(rep1, `/api/customers/${ids.MID}/winback-attempts`, { channel: 'letter' })).status,
    ).toBe(404)
    const list = (await (await t.get(manager, '/api/winback')).json()) as WinbackList
    expect(list.items.find((i) => i.customerNumber === 'BIG')?.lastAttempt).toEqual({
      outcome: 'open',
      startedOn: '2026-06-20',
      wonOn: null,
    })
    const csv = await (await t.get(manager, '/api/winback/export?format=csv&lang=de')).text()
    expect(csv.split('\r\n')[0]).toMatch(/;Letzter Versuch$/)
    expect(csv).toContain(';offen (20.06.2026)')
  })

  it('refuses an attempt the law does not allow, and logs the refusal', async () => {
    expect(
      (
        await t.send(manager, `/api/customers/${ids.MID}/objections`, {
          scope: 'all',
          gdpr: true,
          receivedAt: TODAY,
          via: 'letter',
          wording: 'Keine Werbung.',
        })
      ).status,
    ).toBe(201)
    const res = await t.send(manager, `/api/customers/${ids.MID}/winback-attempts`, { channel: 'letter' })
    expect(res.status).toBe(409)
    // a legal refusal, not a duplicate: its own code, with the channel and the blockers to name
    expect(await res.json()).toMatchObject({
      error: {
        code: 'contact_not_allowed',
        message: expect.stringContaining('gdpr_objection'),
        details: {
          channel: 'letter',
          blockers: expect.arrayContaining([expect.objectContaining({ code: 'gdpr_objection' })]),
        },
      },
    })
    expect(await attempts('MID')).toEqual([])
    const refused = await t.db.kysely
      .selectFrom('contact_decisions')
      .select('allowed')
      .where('customer_id', '=', ids.MID!)
      .where('context', '=', 'contact_logged')
      .execute()
    expect(refused).toEqual([{ allowed: 0 }])
  })

  it('a refusal counts towards "refused twice"; correcting it takes it back', async () => {
    const [a] = await attempts('BIG')
    const path = `/api/customers/${ids.BIG}/winback-attempts/${a!.id}/outcome`
    const refusals = async () =>
      (
        (await (
          await t.get(rep1, `/api/customers/${ids.BIG}/winback-assessment`)
        ).json()) as WinbackAssessmentDto
      ).refusals
    expect((await t.send(rep1, path, { outcome: 'declined', decidedOn: '2026-06-19' })).status).toBe(400)
    expect((await t.send(rep1, path, { outcome: 'declined', decidedOn: '2026-06-25' })).status).toBe(200)
    expect(await refusals()).toBe(1)
    expect((await t.send(rep1, path, { outcome: 'won_back', note: 'Bestellt nächste Woche' })).status).toBe(
      200,
    )
    expect(await refusals()).toBe(0)
    // recorded as won back, but no order proves it yet: promised, waiting until the window ends
    expect((await attempts('BIG'))[0]).toMatchObject({
      outcome: 'promised',
      recorded: 'won_back',
      outcomeOn: TODAY,
      note: 'Bestellt nächste Woche',
      wonOn: null,
      windowEnds: '2026-09-18',
      windowOpen: true,
    })
    expect((await t.send(rep1, path, { outcome: 'maybe' })).status).toBe(400)
    // a promised customer leaves the list to call: they wait for the first order
    const list = (await (await t.get(manager, '/api/winback')).json()) as WinbackList
    expect(list.items.map((i) => i.customerNumber)).not.toContain('BIG')
    expect(list.sortedOut.find((i) => i.customerNumber === 'BIG')).toMatchObject({
      exclusion: 'awaiting_order',
      lastAttempt: { outcome: 'promised', startedOn: '2026-06-20', wonOn: null },
    })
  })

  it('a purchase within the attribution window proves the win-back; credited in full, it proves nothing', async () => {
    const csv = (rows: string[]) =>
      new TextEncoder().encode(
        ['Kundennummer;Belegart;Belegnummer;Bezugsbeleg;Datum;Netto', ...rows].join('\r\n'),
      )
    const run = (rows: string[]) =>
      importFile({
        db: t.db,
        fileName: 'umsatz.csv',
        bytes: csv(rows),
        format: 'auto',
        kind: 'orders',
        skipInvalid: false,
        userId: null,
        asOf: TODAY,
      })
    // an order before the attempt started proves nothing
    expect(await run(['BIG;Rechnung;B0;;19.06.2026;500,00'])).toMatchObject({ status: 'succeeded' })
    expect((await attempts('BIG'))[0]).toMatchObject({ outcome: 'promised' })
    expect(await run(['BIG;Rechnung;B3;;28.06.2026;800,00'])).toMatchObject({ status: 'succeeded' })
    expect((await attempts('BIG'))[0]).toMatchObject({
      outcome: 'won_back',
      recorded: 'won_back',
      wonOn: '2026-06-28',
      wonDocument: 'B3',
    })
    // the order is credited in full: the proof is gone, the promise stands again
    expect(await run(['BIG;Gutschrift;G3;B3;29.06.2026;-800,00'])).toMatchObject({ status: 'succeeded' })
    expect((await attempts('BIG'))[0]).toMatchObject({ outcome: 'promised', wonOn: null })
    // the same file again changes nothing; a new order proves it again
    await run(['BIG;Gutschrift;G3;B3;29.06.2026;-800,00'])
    expect(await run(['BIG;Rechnung;B4;;30.06.2026;300,00'])).toMatchObject({ status: 'succeeded' })
    expect((await attempts('BIG'))[0]).toMatchObject({ outcome: 'won_back', wonDocument: 'B4' })
  })

  it('switches to the learned model once enough outcomes are recorded, with its calibration', async () => {
    let report = (await (await t.get(rep1, '/api/winback/model')).json()) as WinbackModelReport
    expect(report).toMatchObject({
      kind: 'default',
      outcomes: { decided: 1, wonBack: 1, open: 0, minimum: 50 },
    })
    expect(report.calibration?.bins.reduce((s, b) => s + b.count, 0)).toBe(1)
    // 60 attempts of the first half-year: with a controllable reason 3 of 4 came back (an order proves
    // it), without 1 of 4; the rest said no
    const proof = await t.db.kysely
      .selectFrom('orders')
      .select('id')
      .where('customer_id', '=', ids.MID!)
      .executeTakeFirstOrThrow()
    const rows = Array.from({ length: 60 }, (_, i) => {
      const controllable = i % 2 === 0
      const wonBack = controllable ? i % 8 !== 0 : i % 8 === 1
      return {
        customer_id: ids.MID!,
        started_on: '2026-01-01',
        channel: 'phone' as const,
        offer: null,
        offer_cents: null,
        outcome: wonBack ? ('won_back' as const) : ('declined' as const),
        outcome_on: '2026-02-01',
        won_order_id: wonBack ? proof.id : null,
        won_on: wonBack ? '2026-02-10' : null,
        note: null,
        situation: JSON.stringify({
          controllableReason: controllable,
          externalReason: false,
          monthsSinceLoss: 14,
          ease: null,
          positiveResponses: 0,
        }),
        probability: 0.1,
        created_at: `${TODAY}T10:00:00Z`,
        created_by: null,
        updated_at: `${TODAY}T10:00:00Z`,
      }
    })
    await t.db.kysely.insertInto('winback_attempts').values(rows).execute()
    // written past the app: its cached lists do not know
    forgetCachedReads()
    report = (await (await t.get(rep1, '/api/winback/model')).json()) as WinbackModelReport
    expect(report.kind).toBe('learned')
    expect(report.outcomes).toMatchObject({ decided: 61, wonBack: 31 })
    // the controllable reason is learned as a strong plus (penalised, so short of the raw log-odds ratio ln 9 ≈ 2.2)
    expect(report.coefficients.controllable).toBeGreaterThan(1)
    expect(report.coefficients.controllable).toBeLessThan(Math.log(9))
    expect(report.calibration?.bins.reduce((s, b) => s + b.count, 0)).toBe(61)
    expect(report.defaultCalibration?.brier).toBeGreaterThan(report.calibration!.brier)
    const list = (await (await t.get(manager, '/api/winback')).json()) as WinbackList
    expect(list.model).toBe('learned')
    // the threshold is a setting: raised above the outcomes, the default comes back
    const settings = await (await t.get(manager, '/api/winback/settings')).json()
    expect(
      (await t.send(manager, '/api/winback/settings', { ...settings, minOutcomes: 100 }, 'PUT')).status,
    ).toBe(200)
    expect(((await (await t.get(manager, '/api/winback')).json()) as WinbackList).model).toBe('default')
  })

  it('lists the lost by default and the sleeping or at-risk on request', async () => {
    const numbers = async (query: string) =>
      ((await (await t.get(manager, `/api/winback${query}`)).json()) as WinbackList).items
        .concat(((await (await t.get(manager, `/api/winback${query}`)).json()) as WinbackList).sortedOut)
        .map((i) => i.customerNumber)
        .sort()
    // BIG was won back and bought again: reactivated, no longer on the list of the lost
    expect(await numbers('')).toEqual(['MID'])
    expect(await numbers('?status=sleeping')).toEqual(['SLEEPY'])
    expect(await numbers('?status=at_risk')).toEqual([])
    expect((await t.get(manager, '/api/winback?status=active')).status).toBe(400)
  })
})
