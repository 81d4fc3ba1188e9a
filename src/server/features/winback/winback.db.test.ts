import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import type { WinbackList } from '../../../shared/api/winback'
import { keepWinbackListWarm } from '../../jobs/list-warmer'
import { createLogger } from '../../logger'
import { refreshAllEligibility } from '../contact/eligibility'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { upsertAssessment } from './assessment'
import { defaultWinbackModel, winbackProbability } from './probability'
import { annuityFactor } from './valuation'

const TODAY = '2026-06-30'

/** The win-back list over HTTP on both databases: valuation, gate, exclusions, order, curve, export. */
describe.each(testDialects)('win-back list on %s', (dialect) => {
  let t: TestApp
  let manager: string
  let rep1: string
  const ids: Record<string, number> = {}
  const put = (cookie: string, path: string, body: unknown) => t.send(cookie, path, body, 'PUT')
  /** the settings saved as they are: a write that is not one customer's (every cached list made afresh) */
  const saveSettingsAsTheyAre = async () =>
    put(
      manager,
      '/api/winback/settings',
      (await (await t.get(manager, '/api/winback/settings')).json()) as object,
    )
  /** MID sorted out (or not) by a hand's decision written beside the app: no write of the app says so */
  const excludeMidBeside = (exclude: boolean) =>
    upsertAssessment(
      t.db.kysely,
      ids.MID!,
      exclude
        ? { manual_decision: 'exclude', manual_note: 'beside' }
        : { manual_decision: null, manual_note: null },
      { userId: null, now: `${TODAY}T12:00:00Z` },
    )
  const address = { street: 'Hauptstr. 1', postalCode: '10115', city: 'Berlin' }

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
        { customerNumber: 'TINY', companyName: 'Tiny OHG', type: 'business', ...address },
        { customerNumber: 'SHUT', companyName: 'Shut AG', type: 'business', ...address },
        { customerNumber: 'NOADDR', companyName: 'Nowhere GmbH', type: 'business' },
        { customerNumber: 'ACTIVE', companyName: 'Active GmbH', type: 'business', ...address },
      ],
      // all but ACTIVE bought last in the first half of 2024: lost by mid-2026
      documents: [
        invoice('BIG', 'B1', '2024-01-15', 6_000),
        invoice('BIG', 'B2', '2024-06-15', 6_000),
        invoice('MID', 'M1', '2024-03-15', 2_000),
        invoice('TINY', 'T1', '2024-02-15', 200),
        invoice('SHUT', 'S1', '2024-04-15', 5_000),
        invoice('NOADDR', 'N1', '2024-04-15', 4_000),
        invoice('ACTIVE', 'A1', '2026-06-01', 900),
      ],
    })
    await classifyCustomers({ db: t.db, asOf: TODAY })
    await refreshAllEligibility(t.db, TODAY)
    for (const r of await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    ;[manager, rep1] = await Promise.all([t.login('manager@example.com'), t.login('rep1@example.com')])
  })
  afterAll(() => t.destroy())

  it('values, costs and gates every lost customer, and sorts out those with a reason', async () => {
    expect(
      (await put(rep1, `/api/customers/${ids.SHUT}/winback-assessment`, { insolventOrClosed: true })).status,
    ).toBe(404)
    expect(
      (await put(manager, `/api/customers/${ids.SHUT}/winback-assessment`, { insolventOrClosed: true }))
        .status,
    ).toBe(200)
    const res = await t.get(manager, '/api/winback')
    expect(res.status).toBe(200)
    const list = (await res.json()) as {
      items: {
        customerNumber: string
        valueCents: number
        costCents: number
        probability: number
        expectedNetCents: number
        verdict: string
      }[]
      sortedOut: { customerNumber: string; exclusion: string | null; verdict: string }[]
      curve: { points: unknown[]; totalNetCents: number }
      model: string
    }
    expect(list.model).toBe('default')
    // default settings: 30 % margin over 3 years, discounted at 1 % a month (no model run yet);
    // cost 50 € + (15 + 5) min × 60 €/h = 70 €
    const big = list.items.find((i) => i.customerNumber === 'BIG')!
    expect(big.valueCents).toBe(Math.round(((12_000_00 * 0.3) / 12) * annuityFactor(36, 0.01)))
    expect(big.valueCents).toBe(9_032_25)
    expect(big).toMatchObject({
      annualRevenueCents: 12_000_00,
      annualMarginCents: 3_600_00,
      marginFromImport: false,
      valueMethod: 'historical_margin',
      horizonMonths: 36,
    })
    expect(big.costCents).toBe(70_00)
    const months =
      (Date.parse(`${TODAY}T00:00:00Z`) - Date.parse('2024-06-15T00:00:00Z')) / 86_400_000 / (365.25 / 12)
    const p = winbackProbability(
      {
        controllableReason: false,
        externalReason: false,
        monthsSinceLoss: months,
        ease: null,
        positiveResponses: 0,
      },
      defaultWinbackModel,
    ).probability
    expect(big.probability).toBeCloseTo(p, 9)
    expect(big.expectedNetCents).toBe(Math.round(p * big.valueCents - 70_00))
    // MID (2,000 €: 1,505 € if won back) and TINY (200 €: 151 €) pass the gate against 70 € of cost,
    // but at ~4 % their expected net value is negative: they stay on the list, after the stop point
    expect(list.items.map((i) => i.customerNumber)).toEqual(['BIG', 'MID', 'TINY'])
    expect(list.items.map((i) => (i as unknown as { pastStop: boolean }).pastStop)).toEqual([
      false,
      true,
      true,
    ])
    expect(list.sortedOut.map((i) => [i.customerNumber, i.exclusion, i.verdict]).sort()).toEqual([
      ['NOADDR', 'do_not_contact', 'worth_it'],
      ['SHUT', 'insolvent_or_closed', 'worth_it'],
    ])
    expect(list.curve.points).toHaveLength(list.items.length + 1)
  })

  it('comes in pages with the totals and the curve of the whole list', async () => {
    const page = (await (
      await t.get(manager, '/api/winback?limit=1&offset=1&sortedOutLimit=1')
    ).json()) as WinbackList
    expect(page.items.map((i) => i.customerNumber)).toEqual(['MID'])
    expect(page).toMatchObject({ total: 3, offset: 1, sortedOutTotal: 2 })
    expect(page.sortedOut).toHaveLength(1)
    expect(page.curve.points).toHaveLength(4)
    expect((await t.get(manager, '/api/winback?limit=501')).status).toBe(400)
  })

  it('a stricter gate sorts out the small ones; a manual include brings a closed one back; the rep sees only theirs', async () => {
    const settings = (await (await t.get(manager, '/api/winback/settings')).json()) as Record<string, unknown>
    expect((await put(rep1, '/api/winback/settings', { ...settings, maxCostRatio: 0.1 })).status).toBe(403)
    expect((await put(manager, '/api/winback/settings', { ...settings, maxCostRatio: 0.1 })).status).toBe(200)
    expect(
      (await put(manager, `/api/customers/${ids.SHUT}/winback-assessment`, { manualDecision: 'include' }))
        .status,
    ).toBe(400)
    await put(manager, `/api/customers/${ids.SHUT}/winback-assessment`, {
      manualDecision: 'include',
      manualNote: 'Neue Gesellschaft unter gleichem Namen',
    })
    const list = (await (await t.get(manager, '/api/winback')).json()) as {
      items: { customerNumber: string; costRatio: number }[]
      sortedOut: { customerNumber: string; verdict: string }[]
    }
    expect(list.items.map((i) => i.customerNumber).sort()).toEqual(['BIG', 'MID', 'SHUT'])
    expect(list.items.every((i) => i.costRatio < 0.1)).toBe(true)
    expect(list.sortedOut.find((i) => i.customerNumber === 'TINY')?.verdict).toBe('too_costly')
    const own = (await (await t.get(rep1, '/api/winback')).json()) as { items: { customerNumber: string }[] }
    expect(own.items.map((i) => i.customerNumber)).toEqual(['BIG'])
    await put(manager, '/api/winback/settings', settings)
  })

  it('filters by a recorded reason, and a home-made reason raises the probability', async () => {
    const delivery = await t.db.kysely
      .selectFrom('churn_reasons')
      .select('id')
      .where('code', '=', 'delivery')
      .executeTakeFirstOrThrow()
    const before = (await (await t.get(manager, '/api/winback')).json()) as {
      items: { customerNumber: string; probability: number }[]
    }
    await t.db.kysely
      .insertInto('customer_churn_reasons')
      .values({
        customer_id: ids.MID!,
        reason_id: delivery.id,
        source: 'stated',
        confidence: 'high',
        recorded_on: TODAY,
        note: null,
        remediation_cost_cents: null,
        created_at: `${TODAY}T10:00:00Z`,
        created_by: null,
      })
      .execute()
    const filtered = (await (await t.get(manager, `/api/winback?reasonId=${delivery.id}`)).json()) as {
      items: {
        customerNumber: string
        probability: number
        probabilityFactors: { factor: string; logOdds: number }[]
      }[]
      sortedOut: unknown[]
    }
    expect(filtered.items.map((i) => i.customerNumber)).toEqual(['MID'])
    expect(filtered.sortedOut).toEqual([])
    const mid = filtered.items[0]!
    const midBefore = before.items.find((i) => i.customerNumber === 'MID')!
    // + 0.5 in log-odds for a home-made reason
    const logit = (p: number) => Math.log(p / (1 - p))
    expect(logit(mid.probability) - logit(midBefore.probability)).toBeCloseTo(0.5, 9)
    expect(mid.probabilityFactors.find((f) => f.factor === 'controllable')?.logOdds).toBe(0.5)
  })

  it('easiest first puts the rated-easy ones ahead; the export is German CSV and Excel', async () => {
    await put(manager, `/api/customers/${ids.MID}/winback-assessment`, { ease: 5 })
    const easy = (await (await t.get(manager, '/api/winback?sort=ease')).json()) as {
      items: { customerNumber: string }[]
    }
    expect(easy.items[0]!.customerNumber).toBe('MID')
    const csv = await (await t.get(manager, '/api/winback/export?lang=de')).text()
    const lines = csv.replace(/^\ufeff/, '').split('\r\n')
    expect(
      lines[0]!.startsWith(
        'Rang;Kundennr.;Name;Segment;Betreuer;Letzter Kauf;Gründe;Jahresumsatz vor Verlust;Deckungsbeitrag p. a.;Wert bei Rückgewinnung',
      ),
    ).toBe(true)
    expect(lines[1]).toContain(';BIG;Big GmbH;')
    // revenue of the 12 months before the loss, its margin at the default 30 %, three years of it
    // discounted, and the sentence that says so
    expect(lines[1]).toContain(
      ';15.06.2024;;12000,00;3600,00;9032,25;Deckungsbeitrag × Lebensdauer;"kaufte für 3.600\u00a0€ Deckungsbeitrag im Jahr (Standard-Marge 30 %); zurückgewonnen, 3 Jahre: 9.032\u00a0€";',
    )
    const xlsx = await t.get(manager, '/api/winback/export?format=xlsx&lang=en')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const sheet = workbook.getWorksheet('Win-back')!
    expect(sheet.getRow(1).getCell(2).value).toBe('Customer no.')
    expect(sheet.getRow(2).getCell(2).value).toBe('BIG')
    expect([8, 9, 10].map((c) => sheet.getRow(2).getCell(c).value)).toEqual([12_000, 3_600, 9_032.25])
    expect(sheet.getRow(2).getCell(12).value).toBe(
      'bought for €3,600 margin a year (default margin 30 %); if won back, 3 years: €9,032',
    )
  })

  it('a write to one customer brings the cached list up to date for that customer alone; any other write ranks it afresh', async () => {
    const listed = async () => {
      const list = (await (await t.get(manager, '/api/winback')).json()) as WinbackList
      return {
        items: list.items.map((i) => [i.customerNumber, i.ease]),
        sortedOut: list.sortedOut.map((i) => i.customerNumber),
      }
    }
    await saveSettingsAsTheyAre()
    const before = await listed()
    expect(before.items).toContainEqual(['BIG', null])
    expect(before.items).toContainEqual(['MID', 5])
    // changed beside the app: not seen until the list is ranked afresh
    await excludeMidBeside(true)
    await put(manager, `/api/customers/${ids.BIG}/winback-assessment`, { ease: 4 })
    const patched = await listed()
    expect(patched.items).toContainEqual(['BIG', 4])
    expect(patched.items).toContainEqual(['MID', 5])
    // a job that writes nothing the list reads (the bounce check) keeps it; any other ranks it again
    await t.deps.jobs.enqueue('read_bounces', {})
    await t.deps.jobs.idle()
    expect((await listed()).items).toContainEqual(['MID', 5])
    await t.deps.jobs.enqueue('classify', { asOf: TODAY })
    await t.deps.jobs.idle()
    const afresh = await listed()
    expect(afresh.items).toContainEqual(['BIG', 4])
    expect(afresh.items.map(([n]) => n)).not.toContain('MID')
    expect(afresh.sortedOut).toContain('MID')
    // a write that is not one customer's: every customer ranked again
    await excludeMidBeside(false)
    expect((await listed()).sortedOut).toContain('MID')
    await saveSettingsAsTheyAre()
    expect((await listed()).items).toContainEqual(['MID', 5])
  })

  it('the list of today is computed ahead: the first look finds it ready, and it is computed again after a write', async () => {
    const numbers = async () => {
      const list = (await (await t.get(manager, '/api/winback')).json()) as WinbackList
      return list.items.map((i) => i.customerNumber)
    }
    await saveSettingsAsTheyAre()
    const warm = keepWinbackListWarm({ db: t.db.kysely, today: () => TODAY, logger: createLogger('silent') })
    try {
      await warm.warmNow()
      // changed beside the app after it was computed: the first look shows the list computed ahead
      await excludeMidBeside(true)
      expect(await numbers()).toContain('MID')
      await saveSettingsAsTheyAre()
      await warm.warmNow()
      await excludeMidBeside(false)
      expect(await numbers()).not.toContain('MID')
    } finally {
      await warm.stop()
    }
    await saveSettingsAsTheyAre()
    expect(await numbers()).toContain('MID')
  })

  it('the dashboard and the customer counts are kept after a write to a customer, unless it changed a status, an owner or an erasure', async () => {
    const lost = async () => {
      const dashboard = (await (await t.get(manager, '/api/dashboard')).json()) as {
        counts: { lost: number }
      }
      const list = (await (await t.get(manager, '/api/customers?status=lost')).json()) as { total: number }
      return [dashboard.counts.lost, list.total]
    }
    const statusBeside = (status: 'lost' | 'reactivated') =>
      t.db.kysely
        .updateTable('customer_status')
        .set({ status })
        .where('customer_id', '=', ids.TINY!)
        .execute()
    await saveSettingsAsTheyAre()
    const [before] = await lost()
    expect(await lost()).toEqual([before, before])
    await statusBeside('reactivated')
    // a rating changes no group: both as they were (the change beside the app not seen)
    await put(manager, `/api/customers/${ids.BIG}/winback-assessment`, { ease: 3 })
    expect(await lost()).toEqual([before, before])
    // a new owner changes the owners' counts: counted afresh
    expect(
      (await put(manager, `/api/customers/${ids.MID}/owner`, { ownerUserId: t.users.rep2 })).status,
    ).toBe(200)
    expect(await lost()).toEqual([before! - 1, before! - 1])
    await statusBeside('lost')
    await put(manager, `/api/customers/${ids.MID}/owner`, { ownerUserId: null })
    expect(await lost()).toEqual([before, before])
  })
})
