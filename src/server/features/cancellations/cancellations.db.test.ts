import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import type { CancellationDto, RetentionSummary } from '../../../shared/api/cancellations'
import type { CustomerReasonDto } from '../../../shared/api/churn'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'

const TODAY = '2026-06-30'

/** Cancellation management over HTTP on both databases: received, retention offer, withdrawn or effective. */
describe.each(testDialects)('contract cancellations on %s', (dialect) => {
  let t: TestApp
  let manager: string
  let rep1: string
  const ids: Record<string, number> = {}
  const contracts: Record<string, number> = {}
  let priceReason: number

  const contract = async (key: string) =>
    t.db.kysely
      .selectFrom('contracts')
      .selectAll()
      .where('id', '=', contracts[key]!)
      .executeTakeFirstOrThrow()
  const status = async (customer: string) =>
    (
      await t.db.kysely
        .selectFrom('customer_status')
        .select(['status', 'rule'])
        .where('customer_id', '=', ids[customer]!)
        .executeTakeFirstOrThrow()
    ).status
  const cancellations = async (customer: string) =>
    (
      (await (await t.get(manager, `/api/customers/${ids[customer]}/cancellations`)).json()) as {
        cancellations: CancellationDto[]
      }
    ).cancellations

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
          customerNumber: 'HOTEL',
          companyName: 'Hotel Ost GmbH',
          type: 'business',
          owner: 'rep1@example.com',
        },
        { customerNumber: 'OFFICE', companyName: 'Büro West KG', type: 'business' },
      ],
      documents: [
        invoice('HOTEL', 'H1', '2025-09-01', 500),
        invoice('HOTEL', 'H2', '2026-01-10', 500),
        invoice('HOTEL', 'H3', '2026-05-01', 500),
        invoice('OFFICE', 'O1', '2025-11-10', 300),
        invoice('OFFICE', 'O2', '2026-05-10', 300),
      ],
    })
    for (const r of await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    for (const [key, customer, started, value] of [
      ['SV-1', 'HOTEL', '2024-01-01', 89_00],
      ['SV-2', 'OFFICE', '2025-03-01', 49_00],
      ['SV-3', 'OFFICE', '2025-04-01', 59_00],
    ] as const) {
      const row = await t.db.kysely
        .insertInto('contracts')
        .values({
          customer_id: ids[customer]!,
          source: 'seed',
          external_key: key,
          number: key,
          product: 'Kaffeevollautomat Service',
          started_on: started,
          ends_on: null,
          cancelled_on: null,
          monthly_value_cents: value,
          import_run_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      contracts[key] = row.id
    }
    await classifyCustomers({ db: t.db, asOf: TODAY })
    priceReason = (
      await t.db.kysely
        .selectFrom('churn_reasons')
        .select('id')
        .where('code', '=', 'price_performance')
        .executeTakeFirstOrThrow()
    ).id
    ;[manager, rep1] = await Promise.all([t.login('manager@example.com'), t.login('rep1@example.com')])
  })
  afterAll(() => t.destroy())

  it('records a cancellation with its reason: contract cancelled, reason counted, status changed at once', async () => {
    expect(await status('HOTEL')).toBe('active')
    const res = await t.send(rep1, `/api/customers/${ids.HOTEL}/cancellations`, {
      contractId: contracts['SV-1'],
      receivedOn: '15.06.2026',
      effectiveOn: '2026-09-30',
      reasonId: priceReason,
      note: 'Angebot der Konkurrenz 20 % günstiger',
    })
    expect(res.status).toBe(201)
    const k = await contract('SV-1')
    expect(k.cancelled_on).toBe('2026-06-15')
    expect(k.ends_on).toBe('2026-09-30')
    // the cancelled contract is a churn signal: the customer is at risk now, not next night
    expect(await status('HOTEL')).toBe('at_risk')
    const reasons = (await (await t.get(rep1, `/api/customers/${ids.HOTEL}/churn-reasons`)).json()) as {
      reasons: CustomerReasonDto[]
    }
    expect(reasons.reasons).toHaveLength(1)
    expect(reasons.reasons[0]).toMatchObject({
      source: 'cancellation',
      confidence: 'high',
      recordedOn: '2026-06-15',
    })
    expect(reasons.reasons[0]!.reason.code).toBe('price_performance')
    const [listed] = await cancellations('HOTEL')
    expect(listed).toMatchObject({
      contractNumber: 'SV-1',
      receivedOn: '2026-06-15',
      effectiveOn: '2026-09-30',
      outcome: 'pending',
      recordedBy: 'Rita Rep',
      note: 'Angebot der Konkurrenz 20 % günstiger',
    })
    expect(listed!.reason?.code).toBe('price_performance')
  })

  it('refuses a second open cancellation, bad dates, foreign contracts and other reps', async () => {
    const body = { contractId: contracts['SV-1'], receivedOn: '2026-06-20' }
    expect((await t.send(manager, `/api/customers/${ids.HOTEL}/cancellations`, body)).status).toBe(409)
    const cases: [Record<string, unknown>, string][] = [
      [{ contractId: contracts['SV-2'], receivedOn: '2026-07-15' }, 'receivedOn'],
      [{ contractId: contracts['SV-2'], receivedOn: '2025-01-01' }, 'receivedOn'],
      [{ contractId: contracts['SV-2'], receivedOn: '2026-06-01', effectiveOn: '2026-05-01' }, 'effectiveOn'],
      [{ contractId: contracts['SV-1'], receivedOn: '2026-06-01' }, 'contractId'],
      [{ contractId: contracts['SV-2'], receivedOn: '30.02.2026' }, 'receivedOn'],
    ]
    for (const [input, field] of cases) {
      const res = await t.send(manager, `/api/customers/${ids.OFFICE}/cancellations`, input)
      expect(res.status, JSON.stringify(input)).toBe(400)
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(field)
    }
    // a rep does not see other reps' customers
    const res = await t.send(rep1, `/api/customers/${ids.OFFICE}/cancellations`, {
      contractId: contracts['SV-2'],
      receivedOn: '2026-06-01',
    })
    expect(res.status).toBe(404)
    expect(await cancellations('OFFICE')).toEqual([])
    expect((await contract('SV-2')).cancelled_on).toBeNull()
  })

  it('records the retention offer and a withdrawal: the contract runs on as before', async () => {
    const [k] = await cancellations('HOTEL')
    const path = `/api/customers/${ids.HOTEL}/cancellations/${k!.id}`
    expect(
      (
        await t.send(rep1, `${path}/retention`, {
          offer: '3 Monate gratis',
          offerValue: '267,00',
          attemptedOn: '2026-06-14',
        })
      ).status,
    ).toBe(400) // before the cancellation arrived
    expect(
      (
        await t.send(rep1, `${path}/retention`, {
          offer: '3 Monate gratis',
          offerValue: '267,00',
          attemptedOn: '2026-06-18',
        })
      ).status,
    ).toBe(200)
    expect(
      (await t.send(rep1, `${path}/outcome`, { outcome: 'withdrawn', decidedOn: '2026-06-25' })).status,
    ).toBe(200)
    const [after] = await cancellations('HOTEL')
    expect(after).toMatchObject({
      retentionOffer: '3 Monate gratis',
      retentionOfferCents: 267_00,
      retentionOn: '2026-06-18',
      outcome: 'withdrawn',
      outcomeOn: '2026-06-25',
    })
    const c = await contract('SV-1')
    expect([c.cancelled_on, c.ends_on]).toEqual([null, null])
    expect(await status('HOTEL')).toBe('active')
    // decided is decided: no second decision, no late offer
    expect((await t.send(rep1, `${path}/outcome`, { outcome: 'effective' })).status).toBe(409)
    expect((await t.send(rep1, `${path}/retention`, { offer: 'noch mehr' })).status).toBe(409)
    // the contract can be cancelled again later
    expect(
      (
        await t.send(rep1, `/api/customers/${ids.HOTEL}/cancellations`, {
          contractId: contracts['SV-1'],
          receivedOn: '2026-06-28',
        })
      ).status,
    ).toBe(201)
  })

  it('an effective cancellation ends the contract on its effective day, else on the day of the decision', async () => {
    for (const [key, effectiveOn, offer] of [
      ['SV-2', '2026-06-20', 'Rabatt 10 %'],
      ['SV-3', undefined, 'rabatt 10 % '],
    ] as const) {
      const res = await t.send(manager, `/api/customers/${ids.OFFICE}/cancellations`, {
        contractId: contracts[key],
        receivedOn: '2026-06-01',
        ...(effectiveOn ? { effectiveOn } : {}),
      })
      expect(res.status).toBe(201)
      const { id } = (await res.json()) as { id: number }
      const path = `/api/customers/${ids.OFFICE}/cancellations/${id}`
      expect((await t.send(manager, `${path}/retention`, { offer })).status).toBe(200)
      expect(
        (await t.send(manager, `${path}/outcome`, { outcome: 'effective', decidedOn: '2026-06-29' })).status,
      ).toBe(200)
    }
    // with an effective day the contract ends then; without one, on the day of the decision
    expect((await contract('SV-2')).ends_on).toBe('2026-06-20')
    expect((await contract('SV-3')).ends_on).toBe('2026-06-29')
  })

  it("sums up retention in all, per offer and per reason, within the user's scope", async () => {
    const summary = (await (await t.get(manager, '/api/cancellations/summary')).json()) as RetentionSummary
    expect(summary).toMatchObject({
      received: 4,
      pending: 1,
      withRetentionOffer: 3,
      withdrawn: 1,
      effective: 2,
      keptMonthlyValueCents: 89_00,
    })
    expect(summary.retentionRate).toBeCloseTo(1 / 3, 12)
    // offers compared as typed, trimmed and case-insensitive
    expect(summary.byOffer.map((o) => [o.offer, o.attempts, o.withdrawn, o.effective])).toEqual([
      ['Rabatt 10 %', 2, 0, 2],
      ['3 Monate gratis', 1, 1, 0],
    ])
    expect(summary.byReason.find((r) => r.reason?.code === 'price_performance')).toMatchObject({
      received: 1,
      withdrawn: 1,
    })
    const mine = (await (await t.get(rep1, '/api/cancellations/summary')).json()) as RetentionSummary
    expect(mine.received).toBe(2)
  })
})
