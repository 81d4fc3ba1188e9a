import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ICAL from 'ical.js'
import type { Kysely, KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import type { CampaignDetail, CampaignDto } from '../../../shared/api/campaigns'
import type { CauseOverview } from '../../../shared/api/churn'
import type { CustomerList } from '../../../shared/api/customers'
import type { MeasureDto } from '../../../shared/api/playbook'
import type { WinbackList } from '../../../shared/api/winback'
import type { CalendarFeedDto, FollowupDto, TimelineEntry, Worklist } from '../../../shared/api/worklist'
import { openDatabase } from '../../db/database'
import type { Database } from '../../db/schema'
import { forgetCachedReads } from '../../lib/read-cache'
import { updateContactFacts } from '../contact/contact.service'
import { refreshAllEligibility } from '../contact/eligibility'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { attributeWinbacks } from '../winback/attribute-winbacks'
import { getWorklist } from './worklist'

const TODAY = '2026-06-30' // a Tuesday
const TOMORROW = '2026-07-01'

/** A rep's day on both databases: the Tagesliste, calls, Wiedervorlagen, objections, campaigns, the calendar. */
describe.each(testDialects)('daily work on %s', (dialect) => {
  let t: TestApp
  let manager: string
  let rep1: string
  let rep2: string
  const ids: Record<string, number> = {}
  const worklist = async (cookie: string, date?: string) =>
    (await (await t.get(cookie, `/api/worklist${date ? `?date=${date}` : ''}`)).json()) as Worklist

  beforeAll(async () => {
    // SQLite in a file: a test below looks at the day through a second connection, as two requests do
    t = await createTestApp(
      dialect,
      {},
      dialect === 'sqlite'
        ? { sqliteFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wl-')), 'db') }
        : {},
    )
    const address = { street: 'Hauptstr. 1', postalCode: '20095', city: 'Hamburg', country: 'DE' }
    const customer = (n: string, owner: string | undefined) => ({
      customerNumber: n,
      companyName: `${n} GmbH`,
      type: 'business' as const,
      phone: `040 1234${n.charCodeAt(0)}`,
      ...address,
      ...(owner ? { owner } : {}),
    })
    // lost customers of rep1 (A, B, C, D), of rep2 (E); D has no documented presumed consent: no calls
    const spend = { A: 4_000, B: 3_000, C: 2_500, D: 2_000, E: 3_500 } as const
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers: [
        customer('A', 'rep1@example.com'),
        customer('B', 'rep1@example.com'),
        customer('C', 'rep1@example.com'),
        customer('D', 'rep1@example.com'),
        customer('E', 'rep2@example.com'),
      ],
      documents: Object.entries(spend).flatMap(([n, euros]) => [
        invoice(n, `${n}1`, '2023-09-10', euros),
        invoice(n, `${n}2`, '2024-01-10', euros),
        invoice(n, `${n}3`, '2024-05-10', euros),
      ]),
    })
    for (const r of await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    const actor = { userId: t.users.manager, now: `${TODAY}T08:00:00Z`, today: TODAY }
    for (const n of ['A', 'B', 'C', 'E'])
      await updateContactFacts(
        t.db.kysely,
        ids[n]!,
        {
          presumedConsentText: 'Regelmäßige telefonische Bestellungen seit Jahren',
          presumedConsentReviewer: 'Vertriebsleitung',
          presumedConsentOn: '2026-01-15',
        },
        actor,
      )
    await classifyCustomers({ db: t.db, asOf: TODAY })
    await refreshAllEligibility(t.db, TODAY)
    ;[manager, rep1, rep2] = await Promise.all([
      t.login('manager@example.com'),
      t.login('rep1@example.com'),
      t.login('rep2@example.com'),
    ])
  })
  afterAll(() => t.destroy())

  it('gives a rep two new customers a day, their own, by phone where the law allows, and keeps them all day', async () => {
    // two first looks at the same moment (the page and another tab) choose the day once
    const [list, twin] = await Promise.all([worklist(rep1), worklist(rep1)])
    expect(twin.items.map((i) => i.customerNumber)).toEqual(list.items.map((i) => i.customerNumber))
    const stored = await t.db.kysely
      .selectFrom('worklist_picks')
      .select('customer_id')
      .where('user_id', '=', t.users.rep1)
      .execute()
    expect(stored).toHaveLength(2)
    expect(list.date).toBe(TODAY)
    expect(list.items).toHaveLength(2)
    const numbers = list.items.map((i) => i.customerNumber)
    expect(numbers).toEqual(['A', 'B']) // the highest expected net value first
    for (const item of list.items) {
      expect(item).toMatchObject({ kind: 'winback_list', channel: 'phone', done: false, followupId: null })
      expect(item.whyText).toMatch(/^Platz \d der Rückgewinnungsliste: erwarteter Nettowert/)
      expect(item.channels.find((c) => c.channel === 'phone')).toMatchObject({ allowed: true })
      expect(item.measure?.name.de).toBeTruthy()
      expect(item.phone).toMatch(/^040/)
    }
    // the same list on the second look, even after the ranking could have changed
    forgetCachedReads()
    expect((await worklist(rep1)).items.map((i) => i.customerNumber)).toEqual(numbers)
    // rep2 gets their own
    expect((await worklist(rep2)).items.map((i) => i.customerNumber)).toEqual(['E'])
    // a rep does not look at someone else's list
    expect((await t.get(rep1, `/api/worklist?userId=${t.users.rep2}`)).status).toBe(403)
    const managerView = (await (
      await t.get(manager, `/api/worklist?userId=${t.users.rep1}`)
    ).json()) as Worklist
    expect(managerView.items.map((i) => i.customerNumber)).toEqual(numbers)
  })

  it('shows the day chosen by a look that commits while another look reads, not an empty list', async () => {
    const day = '2026-08-03'
    const actor = { userId: t.users.rep1, now: `${day}T08:00:00Z`, today: day }
    const look = (db: Kysely<Database>) => getWorklist(db, t.users.rep1, day, actor, 'de')
    // the first look's reads of the day's picks wait until a second look, on a connection of its own,
    // has chosen and committed
    const secondConnection = dialect === 'sqlite' ? openDatabase(t.db.config) : t.db
    let other: Promise<Worklist> | undefined
    const readsPicks = new Set<unknown>()
    const inBetween: KyselyPlugin = {
      transformQuery: (args) => {
        if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node).includes('"worklist_picks"'))
          readsPicks.add(args.queryId)
        return args.node
      },
      transformResult: async (args) => {
        if (other === undefined && readsPicks.has(args.queryId)) {
          other = look(secondConnection.kysely)
          await other
        }
        return args.result
      },
    }
    const first = await look(t.db.kysely.withPlugin(inBetween))
    const second = await other!
    if (secondConnection !== t.db) await secondConnection.close()
    const picked = second.items.filter((i) => i.kind === 'winback_list')
    expect(picked.length).toBeGreaterThan(0)
    expect(first.items.map((i) => i.customerNumber)).toEqual(second.items.map((i) => i.customerNumber))
  })

  it('plans a retry for the next working day when nobody answers', async () => {
    const res = await t.send(rep1, `/api/customers/${ids.A}/calls`, { reached: 'not_reached' })
    expect(res.status).toBe(201)
    const today = await worklist(rep1)
    expect(today.items.find((i) => i.customerNumber === 'A')?.done).toBe(true)
    const tomorrow = await worklist(rep1, TOMORROW)
    const retry = tomorrow.items.find((i) => i.customerNumber === 'A')
    expect(retry).toMatchObject({ kind: 'followup_due', dueOn: TOMORROW, followupId: expect.any(Number) })
    // nothing reached nobody: no attempt was started
    const attempts = await t.db.kysely
      .selectFrom('winback_attempts')
      .selectAll()
      .where('customer_id', '=', ids.A!)
      .execute()
    expect(attempts).toHaveLength(0)
    // the call was a contact in law: asked and logged
    const logged = await t.db.kysely
      .selectFrom('contact_decisions')
      .select(['channel', 'allowed'])
      .where('customer_id', '=', ids.A!)
      .where('context', '=', 'contact_logged')
      .execute()
    expect(logged).toEqual([{ channel: 'phone', allowed: 1 }])
  })

  it('needs a next Wiedervorlage after an offer, starts the attempt, and learns the reason', async () => {
    const reason = await t.db.kysely
      .selectFrom('churn_reasons')
      .select('id')
      .where('code', '=', 'cheaper_competitor')
      .executeTakeFirstOrThrow()
    const extraServices = await t.db.kysely
      .selectFrom('playbook_measures')
      .select('id')
      .where('name_de', '=', 'Zusatzleistungen anbieten')
      .executeTakeFirstOrThrow()
    const call = {
      reached: 'reached',
      outcome: 'offer_made',
      offer: '10 % Rabatt',
      offerValue: '150,00',
      reasonId: reason.id,
      measureId: extraServices.id,
    }
    const missing = await t.send(rep1, `/api/customers/${ids.B}/calls`, call)
    expect(missing.status).toBe(400)
    expect(JSON.stringify(await missing.json())).toContain('next')
    const res = await t.send(rep1, `/api/customers/${ids.B}/calls`, {
      ...call,
      next: { dueOn: '03.07.2026', dueTime: '10:30', priority: 'high', note: 'Angebot nachfassen' },
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { attemptId: number; followupId: number }
    const attempt = await t.db.kysely
      .selectFrom('winback_attempts')
      .selectAll()
      .where('id', '=', body.attemptId)
      .executeTakeFirstOrThrow()
    expect(attempt).toMatchObject({
      outcome: 'open',
      channel: 'phone',
      offer: '10 % Rabatt',
      measure_id: extraServices.id,
    })
    expect(Number(attempt.offer_cents)).toBe(150_00)
    const stated = await t.db.kysely
      .selectFrom('customer_churn_reasons')
      .select(['source', 'confidence'])
      .where('customer_id', '=', ids.B!)
      .execute()
    expect(stated).toEqual([{ source: 'stated', confidence: 'high' }])
    // the playbook's measure for that reason is now the planned measure: its cost (30 €, "extra
    // services") plus 20 minutes of contact at 60 €/h, instead of the standard 50 €
    forgetCachedReads()
    const list = (await (await t.get(manager, '/api/winback')).json()) as WinbackList
    expect(list.items.find((i) => i.customerNumber === 'B')?.costCents).toBe(30_00 + 20_00)
    expect(list.items.find((i) => i.customerNumber === 'A')?.costCents).toBe(50_00 + 20_00)
    const { followups } = (await (await t.get(rep1, '/api/followups')).json()) as { followups: FollowupDto[] }
    expect(followups.find((f) => f.customerId === ids.B)).toMatchObject({
      dueOn: '2026-07-03',
      dueTime: '10:30',
      priority: 'high',
      source: 'call',
      overdue: false,
    })
    // on that day it is on the list with its time
    const friday = await worklist(rep1, '2026-07-03')
    expect(friday.items.find((i) => i.customerNumber === 'B')).toMatchObject({
      kind: 'followup_due',
      dueTime: '10:30',
      priority: 'high',
      lastOffer: { offer: '10 % Rabatt', offerCents: 150_00 },
    })
    // a past date for the next step is refused
    const past = await t.send(rep1, `/api/customers/${ids.B}/calls`, {
      reached: 'reached',
      outcome: 'interested',
      next: { dueOn: '2026-06-01' },
    })
    expect(past.status).toBe(400)
  })

  it('records "objects to advertising" at once: the customer leaves every contactable list', async () => {
    const res = await t.send(rep1, `/api/customers/${ids.C}/calls`, {
      reached: 'reached',
      outcome: 'objects_to_advertising',
      note: 'Möchte nicht mehr angerufen werden',
    })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { objectionId: number }).objectionId).toEqual(expect.any(Number))
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(ids.C))
      .where('action', '=', 'objection.recorded')
      .execute()
    expect(audit).toHaveLength(1)
    forgetCachedReads()
    const contactable = (await (
      await t.get(manager, '/api/customers?contactable=phone&status=lost')
    ).json()) as CustomerList
    expect(contactable.items.map((i) => i.customerNumber)).not.toContain('C')
    const list = (await (await t.get(manager, '/api/winback')).json()) as WinbackList
    expect(list.items.map((i) => i.customerNumber)).not.toContain('C')
    expect(list.sortedOut.find((i) => i.customerNumber === 'C')?.exclusion).toBe('objected')
    // a further call is refused by the contact law
    const again = await t.send(rep1, `/api/customers/${ids.C}/calls`, { reached: 'not_reached' })
    expect(again.status).toBe(409)
    // and the next days never pick them
    expect((await worklist(rep1, '2026-07-06')).items.map((i) => i.customerNumber)).not.toContain('C')
  })

  it('keeps reps to their own customers and Wiedervorlagen to their own list', async () => {
    expect((await t.send(rep2, `/api/customers/${ids.A}/calls`, { reached: 'not_reached' })).status).toBe(404)
    const other = await t.send(rep1, `/api/customers/${ids.A}/followups`, {
      dueOn: TOMORROW,
      assigneeUserId: t.users.rep2,
    })
    expect(other.status).toBe(403)
    // a manager sees everyone's overdue ones
    const { followups } = (await (await t.get(manager, '/api/followups?state=open')).json()) as {
      followups: FollowupDto[]
    }
    expect(new Set(followups.map((f) => f.assigneeName))).toEqual(new Set(['Rita Rep']))
  })

  it('snoozes a Wiedervorlage and ticks one off', async () => {
    const { followups } = (await (await t.get(rep1, '/api/followups')).json()) as { followups: FollowupDto[] }
    const retry = followups.find((f) => f.customerId === ids.A)!
    expect(
      (await t.send(rep1, `/api/followups/${retry.id}`, { snoozeTo: '2026-07-02' }, 'PATCH')).status,
    ).toBe(200)
    const after = (await (await t.get(rep1, '/api/followups')).json()) as { followups: FollowupDto[] }
    expect(after.followups.find((f) => f.id === retry.id)).toMatchObject({ dueOn: '2026-07-02', snoozed: 1 })
    expect((await worklist(rep1, TOMORROW)).items.map((i) => i.customerNumber)).not.toContain('A')
    expect((await t.send(rep2, `/api/followups/${retry.id}`, { done: true }, 'PATCH')).status).toBe(404)
  })

  it('creates a campaign with a control group among the contactable, launches it, and works its steps', async () => {
    expect((await t.send(rep1, '/api/campaigns', {})).status).toBe(403)
    const res = await t.send(manager, '/api/campaigns', {
      name: 'Sommer-Rückgewinnung',
      filter: { status: 'lost' },
      steps: [
        { offsetDays: 0, channel: 'phone' },
        { offsetDays: 10, channel: 'letter', note: 'Angebot schriftlich' },
      ],
      controlShare: 0.5,
      budget: '1.000,00',
      baselineRate: 0.05,
      minDifference: 0.1,
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number }
    const detail = (await (await t.get(manager, `/api/campaigns/${id}`)).json()) as CampaignDetail
    // C objected (sorted out of the win-back list), D may not be called (skipped): the others are members
    expect(detail.memberPage.map((m) => m.customerNumber).sort()).toEqual(['A', 'B', 'E'])
    expect(detail.skipped.notContactable).toBe(1)
    expect(detail.treated + detail.control).toBe(3)
    expect(detail.control).toBe(2) // round(0.5 × 3)
    expect(detail.state).toBe('draft')
    expect(detail.power.tooSmall).toBe(true)
    // 5 % vs 15 %: 141 per arm (Fleiss)
    expect(detail.power).toMatchObject({
      baselineRate: 0.05,
      treatedRate: expect.closeTo(0.15, 12),
      requiredPerArm: 141,
      treated: 1,
      control: 2,
    })
    expect(detail.strata.reduce((s, x) => s + x.treated + x.control, 0)).toBe(3)
    // the split is recorded and stays
    const again = (await (await t.get(manager, `/api/campaigns/${id}`)).json()) as CampaignDetail
    expect(again.memberPage.map((m) => [m.customerNumber, m.arm])).toEqual(
      detail.memberPage.map((m) => [m.customerNumber, m.arm]),
    )
    expect((await t.send(manager, `/api/campaigns/${id}/launch`, {})).status).toBe(200)
    expect((await t.send(manager, `/api/campaigns/${id}/launch`, {})).status).toBe(409)
    const { campaigns } = (await (await t.get(rep1, '/api/campaigns')).json()) as { campaigns: CampaignDto[] }
    expect(campaigns[0]).toMatchObject({ state: 'running', launchedOn: TODAY })
    // the control group is never put on a list
    const control = detail.memberPage.filter((m) => m.arm === 'control').map((m) => m.customerNumber)
    const treated = detail.memberPage.find((m) => m.arm === 'treatment')!
    for (const user of [rep1, rep2]) {
      const next = await worklist(user, '2026-07-13')
      for (const n of control)
        expect(next.items.filter((i) => i.kind === 'campaign').map((i) => i.customerNumber)).not.toContain(n)
    }
    // a call to the treated member is its first step; the second becomes a Wiedervorlage 10 days later
    const owner = await t.db.kysely
      .selectFrom('customers')
      .select('owner_user_id')
      .where('id', '=', treated.customerId)
      .executeTakeFirstOrThrow()
    const cookie = owner.owner_user_id === t.users.rep2 ? rep2 : rep1
    await t.db.kysely
      .updateTable('followups')
      .set({ done_at: `${TODAY}T09:00:00Z` })
      .where('customer_id', '=', treated.customerId)
      .execute()
    await t.db.kysely
      .updateTable('winback_attempts')
      .set({ outcome: 'no_response' })
      .where('customer_id', '=', treated.customerId)
      .execute()
    const call = await t.send(cookie, `/api/customers/${treated.customerId}/calls`, {
      reached: 'reached',
      outcome: 'interested',
      next: { dueOn: '2026-07-02' },
    })
    expect(call.status).toBe(201)
    const steps = await t.db.kysely
      .selectFrom('followups')
      .select(['due_on', 'channel', 'source', 'campaign_step'])
      .where('customer_id', '=', treated.customerId)
      .where('source', '=', 'campaign')
      .execute()
    expect(steps).toEqual([{ due_on: '2026-07-10', channel: 'letter', source: 'campaign', campaign_step: 1 }])
    const after = (await (await t.get(manager, `/api/campaigns/${id}`)).json()) as CampaignDetail
    expect(after.contacted).toBe(1)
    expect((await t.send(manager, `/api/campaigns/${id}/close`, {})).status).toBe(200)
  })

  it('serves the day as an iCal feed behind a secret URL, and 404 once revoked', async () => {
    const made = await t.send(rep1, '/api/me/calendar-feed', {})
    expect(made.status).toBe(201)
    const { path } = (await made.json()) as CalendarFeedDto
    expect(path).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]+\.ics$/)
    const res = await t.app.request(path!)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/calendar')
    const component = new ICAL.Component(ICAL.parse(await res.text()))
    const events = component.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e))
    expect(events.length).toBeGreaterThanOrEqual(1)
    const friday = events.find((e) => e.summary.startsWith('B GmbH'))!
    expect(friday.startDate.toString()).toBe('2026-07-03T10:30:00')
    expect(friday.endDate.toString()).toBe('2026-07-03T11:00:00')
    // only the hash is stored
    const stored = await t.db.kysely.selectFrom('calendar_feeds').select('token_hash').execute()
    expect(stored.every((s) => !path!.includes(s.token_hash))).toBe(true)
    expect((await t.send(rep1, '/api/me/calendar-feed', {}, 'DELETE')).status).toBe(200)
    expect((await t.app.request(path!)).status).toBe(404)
    expect((await t.app.request('/api/calendar/not-a-token-at-all-0123456789.ics')).status).toBe(404)
  })

  it('shows one timeline per customer: purchases, calls, Wiedervorlagen, reasons, the attempt', async () => {
    const { entries } = (await (await t.get(rep1, `/api/customers/${ids.B}/timeline`)).json()) as {
      entries: TimelineEntry[]
    }
    const kinds = new Set(entries.map((e) => e.kind))
    for (const kind of ['purchase', 'call', 'followup', 'reason', 'attempt', 'status'] as const)
      expect(kinds).toContain(kind)
    expect(entries.find((e) => e.kind === 'call')?.data).toMatchObject({
      reached: 'reached',
      outcome: 'offer_made',
      by: 'Rita Rep',
    })
    expect((await t.get(rep2, `/api/customers/${ids.B}/timeline`)).status).toBe(404)
  })

  it('lets a manager hand a customer to another rep, with history', async () => {
    expect(
      (await t.send(rep1, `/api/customers/${ids.D}/owner`, { ownerUserId: t.users.rep2 }, 'PUT')).status,
    ).toBe(403)
    expect(
      (
        await t.send(
          manager,
          `/api/customers/${ids.D}/owner`,
          { ownerUserId: t.users.rep2, note: 'Gebietswechsel' },
          'PUT',
        )
      ).status,
    ).toBe(200)
    const { changes } = (await (await t.get(manager, `/api/customers/${ids.D}/owner-history`)).json()) as {
      changes: { from: string; to: string; source: string; note: string }[]
    }
    expect(changes[0]).toMatchObject({
      from: 'Rita Rep',
      to: 'Rolf Rep',
      source: 'manual',
      note: 'Gebietswechsel',
    })
    expect((await t.get(rep1, `/api/customers/${ids.D}/timeline`)).status).toBe(404)
  })

  it('shows on the win-back list who would contact each customer, and why nobody when the law allows none of the rule’s channels', async () => {
    expect((await t.send(rep1, '/api/routing-rules', {})).status).toBe(403)
    const res = await t.send(manager, '/api/routing-rules', {
      nameDe: 'Hamburg nur telefonisch',
      nameEn: 'Hamburg by phone only',
      conditions: { postalPrefixes: ['20'] },
      assignee: 'owner',
      channels: ['phone'],
      position: 1,
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number }
    forgetCachedReads()
    const list = (await (await t.get(manager, '/api/winback')).json()) as WinbackList
    const plan = (n: string) => list.items.find((i) => i.customerNumber === n)?.plan
    expect(plan('D')).toEqual({ assigneeName: null, channel: null, blocker: 'no_lawful_channel' })
    expect(plan('E')).toEqual({ assigneeName: 'Rolf Rep', channel: 'phone', blocker: null })
    expect((await t.send(manager, `/api/routing-rules/${id}`, {}, 'DELETE')).status).toBe(200)
    const after = (await (await t.get(manager, '/api/winback')).json()) as WinbackList
    expect(after.items.find((i) => i.customerNumber === 'D')?.plan).toMatchObject({
      channel: 'letter',
      blocker: null,
    })
  })

  it('plans a check-in with the owner when a purchase proves the win-back (second loyalty)', async () => {
    await writeImport({
      db: t.db,
      fileName: 'orders',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T12:00:00Z`,
      customers: [],
      documents: [invoice('B', 'B9', TODAY, 2_000)],
    })
    await attributeWinbacks({ db: t.db.kysely, customerIds: [ids.B!], today: TODAY })
    const checkIns = await t.db.kysely
      .selectFrom('followups')
      .select(['due_on', 'assignee_user_id', 'source'])
      .where('customer_id', '=', ids.B!)
      .where('source', '=', 'check_in')
      .execute()
    expect(checkIns).toEqual([{ due_on: '2026-07-30', assignee_user_id: t.users.rep1, source: 'check_in' }])
    // attributing again plans nothing twice
    await attributeWinbacks({ db: t.db.kysely, customerIds: [ids.B!], today: TODAY })
    const again = await t.db.kysely
      .selectFrom('followups')
      .select('id')
      .where('source', '=', 'check_in')
      .execute()
    expect(again).toHaveLength(1)
    const day = await worklist(rep1, '2026-07-30')
    expect(day.items.find((i) => i.customerNumber === 'B')?.whyText).toContain(
      'Nachfassen nach der Rückgewinnung',
    )
    // the cause overview counts the proved win-back and its profit for the reason B gave:
    // 30 % of 2,000 € margin, less the 150 € offer and 15 phone minutes at 60 €/h
    const overview = (await (await t.get(manager, '/api/churn-reasons/overview')).json()) as CauseOverview
    expect(overview.rows.find((r) => r.reason.code === 'cheaper_competitor')).toMatchObject({
      wonBack: 1,
      winbackProfitCents: 600_00 - 150_00 - 15_00,
    })
    // the playbook learns: the measure used on B won one of one
    const { measures } = (await (await t.get(manager, '/api/playbook/measures')).json()) as {
      measures: MeasureDto[]
    }
    expect(measures.find((m) => m.name.de === 'Zusatzleistungen anbieten')?.observed).toMatchObject({
      attempts: 1,
      won: 1,
      rate: 1,
    })
    expect(measures.find((m) => m.name.de === 'Preis erklären' && m.observed)).toBeUndefined()
  })
})
