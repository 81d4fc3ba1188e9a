import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import { insertModelRun } from '../../../../test/model-run'
import { scoreRow } from '../../../../test/score-row'
import type { EarlyWarningListDto, WarningSignDto } from '../../../shared/api/prevention'
import type { TimelineEntry } from '../../../shared/api/worklist'
import { addDays } from '../../lib/dates'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { listEarlyWarnings } from './prevention.service'
import { refreshEarlyWarnings } from './refresh-early-warnings'

const TODAY = '2026-06-30'

/** Every month on the 15th from `from` for `months` months. */
function monthly(customer: string, from: [number, number], months: number, euros: number) {
  return Array.from({ length: months }, (_, i) => {
    const date = new Date(Date.UTC(from[0], from[1] - 1 + i, 15)).toISOString().slice(0, 10)
    return invoice(customer, `${customer}-${i}`, date, euros)
  })
}

/** The early-warning list on both databases: who is on it, why, for whom, and what to do. */
describe.each(testDialects)('early warning on %s', (dialect) => {
  let t: TestApp
  let manager: string
  let rep1: string
  const ids: Record<string, number> = {}
  const list = async (cookie: string, query = '') =>
    (await (await t.get(cookie, `/api/early-warnings${query}`)).json()) as EarlyWarningListDto

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers: [
        // steady monthly buyers; FALLING's P(alive) fell in the latest scoring
        {
          customerNumber: 'FALLING',
          companyName: 'Falling GmbH',
          type: 'business',
          owner: 'rep1@example.com',
        },
        { customerNumber: 'STEADY', companyName: 'Steady GmbH', type: 'business', owner: 'rep1@example.com' },
        {
          customerNumber: 'COMPLAINS',
          companyName: 'Complains KG',
          type: 'business',
          owner: 'rep2@example.com',
        },
        // a monthly buyer who stopped in April: overdue against the own rhythm
        { customerNumber: 'LATE', companyName: 'Late OHG', type: 'business', owner: 'rep2@example.com' },
        // gone for years: win-back's, not the early warning's
        { customerNumber: 'GONE', companyName: 'Gone AG', type: 'business' },
      ],
      documents: [
        ...monthly('FALLING', [2024, 7], 24, 500),
        ...monthly('STEADY', [2024, 7], 24, 100),
        ...monthly('COMPLAINS', [2024, 7], 24, 300),
        ...monthly('LATE', [2024, 5], 24, 200),
        invoice('GONE', 'G1', '2020-01-10', 1_000),
        invoice('GONE', 'G2', '2020-04-10', 1_000),
      ],
    })
    await classifyCustomers({ db: t.db, asOf: TODAY })
    const k = t.db.kysely
    for (const r of await k.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    const run = { id: await insertModelRun(k, { asOf: TODAY, model: 'pnbd', customers: 3 }) }
    for (const [n, before, now] of [
      ['FALLING', 0.95, 0.6],
      ['STEADY', 0.95, 0.9], // fell by 0.05: not enough
      ['COMPLAINS', null, 0.95], // new to the scoring
    ] as const)
      await k
        .insertInto('customer_scores')
        .values(scoreRow(ids[n]!, run.id, { now, before }))
        .execute()
    manager = await t.login('manager@example.com')
    rep1 = await t.login('rep1@example.com')
  })
  afterAll(() => t.destroy())

  it('puts the watched customers with a signal on the list, in the background, biggest expected loss first', async () => {
    expect((await list(manager)).refreshedOn).toBeNull()
    const started = await t.send(manager, '/api/early-warnings/refresh', {})
    expect(started.status).toBe(202)
    await t.deps.jobs.idle()
    const r = await list(manager)
    expect(r.refreshedOn).toBe(TODAY)
    expect(r.items.map((i) => i.customerNumber)).toEqual(['FALLING', 'LATE'])
    const [falling, late] = r.items
    expect(falling!.signals).toEqual([{ code: 'p_alive_fell', params: { from: 0.95, to: 0.6 } }])
    expect(falling!.risk).toBeCloseTo(0.3 * 1.35, 10)
    // 12 × 500 € in the last 12 months
    expect(falling!.valueCents).toBe(6_000_00)
    expect(falling!).toMatchObject({
      status: 'active',
      owner: expect.any(String),
      isNew: true,
      firstSeenOn: TODAY,
    })
    expect(late!.signals.map((s) => s.code)).toContain('overdue')
    expect(r).toMatchObject({
      total: 2,
      newThisWeek: 2,
      valueAtStakeCents: falling!.valueCents + late!.valueCents,
    })
    // without a reason to go on, the playbook's first measure for any reason
    expect(falling!.suggestion).toMatchObject({ kind: expect.any(String), name: { de: expect.any(String) } })
  })

  it('shows a rep only their own customers', async () => {
    const r = await list(rep1)
    expect(r.items.map((i) => i.customerNumber)).toEqual(['FALLING'])
    expect(r.total).toBe(1)
    expect((await t.send(rep1, '/api/early-warnings/refresh', {})).status).toBe(403)
  })

  it('puts a customer on the list the moment a complaint is recorded, with the playbook step for it', async () => {
    const rep2 = await t.login('rep2@example.com')
    const res = await t.send(rep2, `/api/customers/${ids.COMPLAINS}/warning-signs`, {
      kind: 'complaint',
      notedOn: '28.06.2026',
      note: 'Lieferung <b>beschädigt</b>',
    })
    expect(res.status).toBe(201)
    const item = (await list(manager)).items.find((i) => i.customerNumber === 'COMPLAINS')!
    expect(item.signals).toEqual([
      { code: 'complaint', params: { notedOn: '2026-06-28', count: 1, note: 'Lieferung <b>beschädigt</b>' } },
    ])
    // a complaint answered by the measure for ignored criticism: a meeting with management
    expect(item.suggestion?.name.de).toBe('Gespräch mit der Geschäftsleitung')
    const { signs } = (await (await t.get(rep2, `/api/customers/${ids.COMPLAINS}/warning-signs`)).json()) as {
      signs: WarningSignDto[]
    }
    expect(signs).toEqual([
      expect.objectContaining({ kind: 'complaint', notedOn: '2026-06-28', by: expect.any(String) }),
    ])
    const timeline = (await (await t.get(rep2, `/api/customers/${ids.COMPLAINS}/timeline`)).json()) as {
      entries: TimelineEntry[]
    }
    expect(timeline.entries).toContainEqual(
      expect.objectContaining({ kind: 'warning_sign', data: expect.objectContaining({ sign: 'complaint' }) }),
    )
    // a rep cannot record one on another rep's customer, nor one in the future
    expect(
      (await t.send(rep1, `/api/customers/${ids.COMPLAINS}/warning-signs`, { kind: 'other' })).status,
    ).toBe(404)
    const future = await t.send(rep2, `/api/customers/${ids.COMPLAINS}/warning-signs`, {
      kind: 'other',
      notedOn: '2026-07-02',
    })
    expect(future.status).toBe(400)
    expect(await future.text()).toContain('notedOn')
    // only its author or a manager takes it back; then the customer leaves the list
    expect((await t.send(rep1, `/api/warning-signs/${signs[0]!.id}`, {}, 'DELETE')).status).toBe(404)
    expect((await t.send(manager, `/api/warning-signs/${signs[0]!.id}`, {}, 'DELETE')).status).toBe(200)
    expect((await list(manager)).items.map((i) => i.customerNumber)).not.toContain('COMPLAINS')
  })

  it('does not warn about customers already gone: they are for win-back', async () => {
    expect(
      (await t.send(manager, `/api/customers/${ids.GONE}/warning-signs`, { kind: 'complaint' })).status,
    ).toBe(201)
    expect((await list(manager)).items.map((i) => i.customerNumber)).not.toContain('GONE')
  })

  it('keeps the day a customer came onto the list; after a week they are no longer new', async () => {
    const later = addDays(TODAY, 8)
    await refreshEarlyWarnings({ db: t.db, today: later, now: `${later}T03:00:00Z` })
    const r = await listEarlyWarnings(t.db.kysely, { scope: { ownerId: null }, today: later })
    const falling = r.items.find((i) => i.customerNumber === 'FALLING')!
    expect(falling).toMatchObject({ firstSeenOn: TODAY, isNew: false })
    expect(r.newThisWeek).toBe(0)
    expect(
      (await listEarlyWarnings(t.db.kysely, { scope: { ownerId: null }, today: later, onlyNew: true })).items,
    ).toEqual([])
  })

  it('lets managers set how far P(alive) must fall', async () => {
    expect(await (await t.get(manager, '/api/early-warnings/settings')).json()).toEqual({
      pAliveDrop: 0.15,
      signDays: 90,
    })
    expect(
      (await t.send(rep1, '/api/early-warnings/settings', { pAliveDrop: 0.05, signDays: 90 }, 'PUT')).status,
    ).toBe(403)
    expect(
      (await t.send(manager, '/api/early-warnings/settings', { pAliveDrop: 0.05, signDays: 90 }, 'PUT'))
        .status,
    ).toBe(200)
    await t.deps.jobs.idle()
    // STEADY's fall of 0.05 counts now
    expect((await list(manager)).items.map((i) => i.customerNumber)).toContain('STEADY')
    expect(
      (await t.send(manager, '/api/early-warnings/settings', { pAliveDrop: 2, signDays: 90 }, 'PUT')).status,
    ).toBe(400)
  })
})
