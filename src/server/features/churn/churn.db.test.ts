import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import { seededReasons } from '../../../shared/churn'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'

const TODAY = '2026-06-30'

/** The reason catalogue, reasons per customer and the cause overview, over HTTP on both databases. */
describe.each(testDialects)('churn reasons on %s', (dialect) => {
  let t: TestApp
  let admin: string
  let manager: string
  let rep1: string
  const ids: Record<string, number> = {}
  const reasonIds: Record<string, number> = {}

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T10:00:00Z`,
      customers: [
        { customerNumber: 'L1', companyName: 'Lost One GmbH', type: 'business', owner: 'rep1@example.com' },
        { customerNumber: 'L2', companyName: 'Lost Two KG', type: 'business', owner: 'rep2@example.com' },
        { customerNumber: 'L3', companyName: 'Lost Three AG', type: 'business' },
        { customerNumber: 'A1', companyName: 'Active GmbH', type: 'business' },
      ],
      // L1: 1,200 € in the year before its last purchase, L2: 800 €, L3: 300 €; A1 bought last month
      documents: [
        invoice('L1', 'R1', '2024-01-10', 500),
        invoice('L1', 'R2', '2024-06-10', 700),
        invoice('L2', 'R3', '2024-02-10', 800),
        invoice('L3', 'R4', '2024-03-10', 300),
        invoice('A1', 'R5', '2025-12-10', 100),
        invoice('A1', 'R6', '2026-05-10', 100),
      ],
    })
    await classifyCustomers({ db: t.db, asOf: TODAY })
    for (const r of await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    ;[admin, manager, rep1] = await Promise.all([
      t.login('admin@example.com'),
      t.login('manager@example.com'),
      t.login('rep1@example.com'),
    ])
    const res = await t.get(rep1, '/api/churn-reasons')
    for (const r of ((await res.json()) as { reasons: { id: number; code: string }[] }).reasons)
      reasonIds[r.code] = r.id
  })
  afterAll(() => t.destroy())

  it('starts with the seeded catalogue, German and English names, each marked controllable or external', async () => {
    const res = await t.get(rep1, '/api/churn-reasons')
    const { reasons } = (await res.json()) as {
      reasons: { code: string; name: { de: string; en: string }; kind: string }[]
    }
    expect(reasons.map((r) => r.code)).toEqual(seededReasons.map((r) => r.code))
    expect(reasons.find((r) => r.code === 'price_performance')).toMatchObject({
      name: { de: 'Preis-Leistung', en: 'Value for money' },
      kind: 'controllable',
    })
    expect(reasons.find((r) => r.code === 'moved_life_phase')?.kind).toBe('external')
  })

  it('admins add, rename and retire reasons, with the history kept; others may not', async () => {
    expect(
      (await t.send(manager, '/api/churn-reasons', { nameDe: 'X', nameEn: 'X', kind: 'external' })).status,
    ).toBe(403)
    const created = await t.send(admin, '/api/churn-reasons', {
      nameDe: 'Lieferant übernommen',
      nameEn: 'Supplier taken over',
      kind: 'external',
    })
    expect(created.status).toBe(201)
    const reason = (await created.json()) as { id: number; code: string }
    expect(reason.code).toBe('lieferant_uebernommen')
    const renamed = await t.send(
      admin,
      `/api/churn-reasons/${reason.id}`,
      { nameEn: 'Supplier bought up' },
      'PATCH',
    )
    expect(await renamed.json()).toMatchObject({
      name: { de: 'Lieferant übernommen', en: 'Supplier bought up' },
    })
    const retired = await t.send(admin, `/api/churn-reasons/${reason.id}`, { retired: true }, 'PATCH')
    expect(((await retired.json()) as { retiredAt: string | null }).retiredAt).not.toBeNull()
    const visible = (await (await t.get(rep1, '/api/churn-reasons')).json()) as { reasons: { id: number }[] }
    expect(visible.reasons.map((r) => r.id)).not.toContain(reason.id)
    const all = (await (await t.get(rep1, '/api/churn-reasons?all=true')).json()) as {
      reasons: { id: number }[]
    }
    expect(all.reasons.map((r) => r.id)).toContain(reason.id)
    const history = await t.db.kysely
      .selectFrom('churn_reason_history')
      .select(['change', 'details'])
      .where('reason_id', '=', reason.id)
      .orderBy('id')
      .execute()
    expect(history.map((h) => h.change)).toEqual(['created', 'updated', 'retired'])
    expect(JSON.parse(history[1]!.details)).toMatchObject({
      before: { nameEn: 'Supplier taken over' },
      after: { nameEn: 'Supplier bought up' },
    })
    // a retired reason cannot be recorded any more
    const refused = await t.send(admin, `/api/customers/${ids.L3}/churn-reasons`, {
      reasonId: reason.id,
      source: 'assumed',
      confidence: 'low',
    })
    expect(refused.status).toBe(400)
  })

  it('records several reasons per customer with source, date, confidence, note and cost; reps only their own', async () => {
    const first = await t.send(rep1, `/api/customers/${ids.L1}/churn-reasons`, {
      reasonId: reasonIds.price_performance,
      source: 'stated',
      confidence: 'high',
      recordedOn: '15.06.2026',
      note: 'Angebot von Wettbewerber 8 % günstiger',
      remediationCost: '1.250,00',
    })
    expect(first.status).toBe(201)
    expect(
      (
        await t.send(rep1, `/api/customers/${ids.L1}/churn-reasons`, {
          reasonId: reasonIds.delivery,
          source: 'assumed',
          confidence: 'medium',
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await t.send(rep1, `/api/customers/${ids.L2}/churn-reasons`, {
          reasonId: reasonIds.delivery,
          source: 'assumed',
          confidence: 'low',
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await t.send(rep1, `/api/customers/${ids.L1}/churn-reasons`, {
          reasonId: reasonIds.delivery,
          source: 'assumed',
          confidence: 'low',
          remediationCost: 'viel',
        })
      ).status,
    ).toBe(400)
    const list = (await (await t.get(rep1, `/api/customers/${ids.L1}/churn-reasons`)).json()) as {
      reasons: {
        reason: { code: string }
        recordedOn: string
        remediationCostCents: number | null
        recordedBy: string
      }[]
    }
    expect(list.reasons.map((r) => r.reason.code).sort()).toEqual(['delivery', 'price_performance'])
    const price = list.reasons.find((r) => r.reason.code === 'price_performance')!
    expect(price).toMatchObject({
      recordedOn: '2026-06-15',
      remediationCostCents: 125_000,
      recordedBy: 'Rita Rep',
    })
  })

  it('the cause overview sums lost customers and revenue per reason in Pareto order', async () => {
    await t.send(manager, `/api/customers/${ids.L2}/churn-reasons`, {
      reasonId: reasonIds.delivery,
      source: 'win_loss',
      confidence: 'high',
    })
    await t.send(manager, `/api/customers/${ids.L3}/churn-reasons`, {
      reasonId: reasonIds.moved_life_phase,
      source: 'stated',
      confidence: 'high',
    })
    await t.send(manager, `/api/customers/${ids.A1}/churn-reasons`, {
      reasonId: reasonIds.delivery,
      source: 'assumed',
      confidence: 'low',
    })
    const status = await t.db.kysely
      .selectFrom('customer_status')
      .select(['customer_id', 'status', 'annual_revenue_cents'])
      .execute()
    const revenue = (n: string) => Number(status.find((s) => s.customer_id === ids[n])!.annual_revenue_cents)
    expect(status.find((s) => s.customer_id === ids.L1)?.status).toBe('lost')
    const res = await t.get(manager, '/api/churn-reasons/overview')
    const body = (await res.json()) as {
      rows: {
        reason: { code: string }
        lostCustomers: number
        lostAnnualRevenueCents: number
        remediationCostCents: number
        cameBack: number
        cumulativeShare: number
      }[]
      totalLostAnnualRevenueCents: number
      controllableShare: number
      customersWithReason: number
    }
    const delivery = revenue('L1') + revenue('L2')
    expect(
      body.rows.map((r) => [r.reason.code, r.lostCustomers, r.lostAnnualRevenueCents, r.cameBack]),
    ).toEqual([
      ['delivery', 2, delivery, 1],
      ['price_performance', 1, revenue('L1'), 0],
      ['moved_life_phase', 1, revenue('L3'), 0],
    ])
    expect(body.rows[1]!.remediationCostCents).toBe(125_000)
    expect(body.rows.at(-1)!.cumulativeShare).toBeCloseTo(1, 12)
    // each customer once in the total: L1 has two reasons
    expect(body.totalLostAnnualRevenueCents).toBe(revenue('L1') + revenue('L2') + revenue('L3'))
    expect(body.controllableShare).toBeCloseTo(
      (revenue('L1') + revenue('L2')) / body.totalLostAnnualRevenueCents,
      12,
    )
    expect(body.customersWithReason).toBe(4)
    // a rep sees only their own customers' reasons
    const own = (await (await t.get(rep1, '/api/churn-reasons/overview')).json()) as {
      customersWithReason: number
    }
    expect(own.customersWithReason).toBe(1)
  })

  it('exports the overview as German CSV and as Excel', async () => {
    const csv = await (await t.get(manager, '/api/churn-reasons/overview/export?lang=de')).text()
    const lines = csv.replace(/^\ufeff/, '').split('\r\n')
    expect(lines[0]).toBe(
      'Grund;Art;Verlorene Kunden;Verlorener Jahresumsatz;Anteil (%);Kumuliert (%);Kosten der Behebung;Zurückgekommen;Zurückgewonnen (belegt);Gewinn der Rückgewinnung',
    )
    expect(lines[1]).toMatch(
      /^Lieferzeit oder -zuverlässigkeit;hausgemacht;2;[\d.]+,\d\d;[\d,]+;[\d,]+;0,00;1;0;-?[\d.]+,\d\d$/,
    )
    const xlsx = await t.get(manager, '/api/churn-reasons/overview/export?format=xlsx&lang=en')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const sheet = workbook.getWorksheet('Churn reasons')!
    expect(sheet.getRow(1).getCell(1).value).toBe('Reason')
    expect(sheet.getRow(2).getCell(1).value).toBe('Delivery speed or reliability')
    expect(sheet.getRow(2).getCell(3).value).toBe(2)
  })
})
