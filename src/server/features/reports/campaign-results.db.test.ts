import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import type { CampaignResultsDto, WinbackReportDto } from '../../../shared/api/reports'
import { writeImport } from '../imports/write-import'

const LAUNCH = '2026-03-01' // the window of 90 days ends on 2026-05-30; the test clock says 2026-06-30

/** Attribution and uplift of a campaign, measured the same way in both arms, on both databases. */
describe.each(testDialects)('campaign results on %s', (dialect) => {
  let t: TestApp
  let manager: string
  let campaignId: number

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const numbers = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'C1', 'C2', 'C3', 'C4']
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: '2026-06-30T08:00:00Z',
      customers: numbers.map((n) => ({
        customerNumber: n,
        companyName: `${n} GmbH`,
        type: 'business' as const,
      })),
      documents: [
        ...numbers.map((n) => invoice(n, `${n}-0`, '2024-01-10', 1_000)),
        invoice('T1', 'T1-1', '2026-03-10', 500), // inside the window: won
        invoice('T2', 'T2-1', '2026-04-01', 300), // credited in full: not won
        {
          ...invoice('T2', 'T2-G', '2026-04-20', -300),
          externalKey: 'credit:T2-G',
          kind: 'credit_note',
          referenceNumber: 'T2-1',
          countsAsPurchase: false,
        },
        invoice('T3', 'T3-1', '2026-02-20', 400), // before the launch: not won
        invoice('T4', 'T4-1', '2026-06-15', 400), // after the window: not won
        invoice('T5', 'T5-1', '2026-05-30', 200), // on the last day: won
        invoice('C1', 'C1-1', '2026-03-15', 100), // the control group buys too
      ],
    })
    const ids = new Map(
      (await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute()).map((r) => [
        r.customer_number,
        r.id,
      ]),
    )
    const k = t.db.kysely
    const campaign = await k
      .insertInto('campaigns')
      .values({
        name: 'Frühjahr',
        state: 'running',
        filter: '{}',
        measure_id: null,
        steps: JSON.stringify([{ offsetDays: 0, channel: 'phone' }]),
        budget_cents: null,
        attribution_days: 90,
        control_share: 0.4,
        seed: 'x',
        baseline_rate: 0.05,
        min_difference: 0.05,
        skipped: '{"notContactable":0,"noAssignee":0}',
        launched_on: LAUNCH,
        closed_on: null,
        created_at: '2026-03-01T08:00:00Z',
        created_by: null,
        updated_at: '2026-03-01T08:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    campaignId = campaign.id
    await k
      .insertInto('campaign_members')
      .values(
        numbers.map((n, i) => ({
          campaign_id: campaign.id,
          customer_id: ids.get(n)!,
          arm: n.startsWith('T') ? ('treatment' as const) : ('control' as const),
          stratum: 0,
          rank: i + 1,
          assignee_user_id: null,
          channel: 'phone' as const,
          expected_net_cents: 100,
          value_cents: 1000,
          probability: 0.1,
          contacted_on: n === 'T1' || n === 'T2' ? '2026-03-02' : null,
          added_at: '2026-03-01T08:00:00Z',
        })),
      )
      .execute()
    // the offer made in the campaign's call, kept on its attempt; one from before the launch is not the campaign's
    for (const [startedOn, cents] of [
      ['2026-03-02', 20_00],
      ['2026-01-15', 99_00],
    ] as const)
      await k
        .insertInto('winback_attempts')
        .values({
          customer_id: ids.get('T1')!,
          started_on: startedOn,
          channel: 'phone',
          offer: 'Gutschein',
          offer_cents: cents,
          outcome: startedOn === '2026-03-02' ? 'open' : 'declined',
          outcome_on: null,
          note: null,
          won_order_id: null,
          won_on: null,
          situation: '{}',
          probability: 0.1,
          created_at: '2026-03-02T09:00:00Z',
          created_by: null,
          updated_at: '2026-03-02T09:00:00Z',
        })
        .execute()
    manager = await t.login('manager@example.com')
  })
  afterAll(() => t.destroy())

  it('counts a purchase inside the window, not one before the launch, after the window or credited in full', async () => {
    const res = await t.get(manager, `/api/campaigns/${campaignId}/results`)
    expect(res.status).toBe(200)
    const r = (await res.json()) as CampaignResultsDto
    expect(r).toMatchObject({ launchedOn: LAUNCH, windowEnds: '2026-05-30', daysPassed: 90, windowDays: 90 })
    expect(r.uplift).toMatchObject({
      treatment: { members: 6, won: 2 },
      control: { members: 4, won: 1 },
      test: 'fisher',
      // 435 per arm would be needed to tell 5 % from 10 %
      verdict: 'too_little_data',
    })
    expect(r.uplift!.difference).toBeCloseTo(2 / 6 - 1 / 4, 12)
    expect(r.uplift!.pValue).toBeCloseTo(1, 6) // fisher.test(matrix(c(2,4,1,3),2)): p = 1
    // revenue per member: (500 + 300 − 300 + 200) / 6 against 100 / 4
    expect(r.revenuePerMember).toMatchObject({
      treatmentCents: 11_667,
      controlCents: 2_500,
      differenceCents: 9_167,
    })
    expect(r.revenuePerMember.lowCents).toBeLessThanOrEqual(9_167)
    expect(r.revenuePerMember.highCents).toBeGreaterThanOrEqual(9_167)
    // margin at the default 30 %: 210 € against 30 €, of which 30 / 4 × 6 = 45 € the treated would have bought anyway
    expect(r.marginCents).toEqual({ treatment: 210_00, control: 30_00 })
    expect(r.earnedCents).toBe(165_00)
    // two contacted × (50 € measure + 15 phone minutes at 60 €/h) + a 20 € offer
    expect(r.costCents).toBe(2 * 65_00 + 20_00)
    expect(r.profitCents).toBe(165_00 - 150_00)
    expect(r.roi).toBeCloseTo(15 / 150, 12)
  })

  it('reports the period: rate of settled attempts, pooled uplift, profit, fluctuation and second loyalty', async () => {
    const res = await t.get(manager, '/api/reports/winback?from=2026-01-01&to=2026-06-30')
    expect(res.status).toBe(200)
    const r = (await res.json()) as WinbackReportDto
    // both attempts of T1 are settled (their windows closed), neither proved by a purchase in it
    expect(r.winbackRate).toMatchObject({ attempts: 2, won: 0, rate: 0 })
    expect(r.byChannel).toEqual([expect.objectContaining({ key: 'phone', attempts: 2 })])
    expect(r.campaigns).toEqual([expect.objectContaining({ name: 'Frühjahr' })])
    expect(r.uplift).toMatchObject({
      treatment: { members: 6, won: 2 },
      control: { members: 4, won: 1 },
      verdict: 'too_little_data',
    })
    // the offers (20 € and 99 €) and 2 × 15 phone minutes at 60 €/h
    expect(r.costCents).toBe(20_00 + 99_00 + 2 * 15_00)
    expect(r.fluctuation.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ])
    expect(r.secondLoyalty).toMatchObject({ reactivated: expect.any(Number) })
    expect((await t.get(manager, '/api/reports/winback?from=2026-07-01&to=2026-06-30')).status).toBe(400)
    const csv = await (
      await t.get(manager, '/api/reports/winback/export?from=2026-01-01&to=2026-06-30&lang=de')
    ).text()
    const lines = csv.replace(/^\ufeff/, '').split('\r\n')
    expect(lines[0]).toBe('Aufteilung;Gruppe;Versuche;Zurückgewonnen;Quote (%);95 % von (%);95 % bis (%)')
    expect(lines).toContain('Nach Kanal;Telefon;2;0;0,00;0,00;65,76')
    const xlsx = await t.get(
      manager,
      '/api/reports/winback/export?from=2026-01-01&to=2026-06-30&format=xlsx&lang=en',
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Rates', 'Fluctuation', 'Campaigns'])
    expect(workbook.getWorksheet('Campaigns')!.getRow(2).getCell(1).value).toBe('Frühjahr')
  })

  it('is for managers, and says nothing before the launch', async () => {
    const rep = await t.login('rep1@example.com')
    expect((await t.get(rep, `/api/campaigns/${campaignId}/results`)).status).toBe(403)
    expect((await t.get(manager, '/api/campaigns/9999/results')).status).toBe(404)
    await t.db.kysely
      .updateTable('campaigns')
      .set({ launched_on: null, state: 'draft' })
      .where('id', '=', campaignId)
      .execute()
    const r = (await (
      await t.get(manager, `/api/campaigns/${campaignId}/results`)
    ).json()) as CampaignResultsDto
    expect(r).toMatchObject({ launchedOn: null, uplift: null, costCents: 0 })
  })
})
