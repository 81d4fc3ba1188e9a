import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_NOW, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { startSmtpServer } from '../../../../test/smtp'
import type { StepSendingDto } from '../../../shared/api/messaging'
import type { TimelineEntry } from '../../../shared/api/worklist'
import { startQueueWorker } from '../../jobs/queue-worker'
import { createLogger } from '../../logger'
import { recordConsent } from '../contact/contact.service'
import { writeImport } from '../imports/write-import'
import { sendEarlyWarningDigest } from './digest'
import { closeMailTransports } from './mail-settings'

const TODAY = '2026-06-30'
const actor = { userId: null, now: `${TODAY}T08:00:00.000Z`, today: TODAY }

/** Campaign e-mails through a real SMTP server on loopback, on both databases. */
describe.each(testDialects)('sending e-mail on %s', (dialect) => {
  let t: TestApp
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let manager: string
  let admin: string
  let campaignId: number
  const ids: Record<string, number> = {}
  const worker = () =>
    startQueueWorker(
      { db: t.db, config: t.deps.config, clock: () => TEST_NOW, logger: createLogger('silent') },
      false,
    )

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuse: (a) => a.startsWith('gone@') })
    t = await createTestApp(dialect, { publicUrl: 'https://crm.nordlicht.example' })
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers: [
        {
          customerNumber: 'A',
          type: 'consumer',
          salutation: 'Frau Dr.',
          firstName: 'Anna',
          lastName: 'Müller',
          email: 'anna@example.de',
          owner: 'rep1@example.com',
        },
        {
          customerNumber: 'B',
          type: 'consumer',
          salutation: 'Herr',
          firstName: 'Bernd',
          lastName: 'Ohne',
          email: 'bernd@example.de',
        },
        {
          customerNumber: 'C',
          type: 'consumer',
          salutation: 'Herr',
          firstName: 'Carl',
          lastName: 'Keinemail',
        },
        {
          customerNumber: 'D',
          type: 'consumer',
          salutation: 'Mrs',
          firstName: 'Jane',
          lastName: 'Doe',
          email: 'jane@example.co.uk',
          country: 'GB',
        },
        {
          customerNumber: 'G',
          type: 'consumer',
          salutation: 'Herr',
          firstName: 'Gerd',
          lastName: 'Weg',
          email: 'gone@example.de',
        },
        {
          customerNumber: 'K',
          type: 'consumer',
          salutation: 'Frau',
          firstName: 'Kira',
          lastName: 'Kontrolle',
          email: 'kira@example.de',
        },
      ],
      documents: [],
    })
    const k = t.db.kysely
    for (const r of await k.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    // B has no consent: advertising by e-mail is not allowed
    for (const n of ['A', 'C', 'D', 'G', 'K'])
      await recordConsent(
        k,
        ids[n]!,
        {
          channel: 'email',
          grantedAt: '2026-01-10',
          source: 'form',
          doiToken: 'x',
          doiConfirmedAt: '2026-01-10',
        },
        actor,
      )
    const campaign = await k
      .insertInto('campaigns')
      .values({
        name: 'Sommer-Mail',
        state: 'running',
        filter: '{}',
        measure_id: null,
        steps: JSON.stringify([
          { offsetDays: 0, channel: 'email' },
          { offsetDays: 14, channel: 'email' },
          { offsetDays: 21, channel: 'phone' },
        ]),
        budget_cents: null,
        attribution_days: 90,
        control_share: 0.2,
        seed: 's',
        baseline_rate: 0.05,
        min_difference: 0.05,
        skipped: '{"notContactable":0,"noAssignee":0}',
        launched_on: TODAY,
        closed_on: null,
        created_at: `${TODAY}T08:00:00Z`,
        created_by: null,
        updated_at: `${TODAY}T08:00:00Z`,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    campaignId = campaign.id
    await k
      .insertInto('campaign_members')
      .values(
        ['A', 'B', 'C', 'D', 'G', 'K'].map((n, i) => ({
          campaign_id: campaign.id,
          customer_id: ids[n]!,
          arm: n === 'K' ? ('control' as const) : ('treatment' as const),
          stratum: 0,
          rank: i + 1,
          assignee_user_id: t.users.rep1,
          channel: 'email' as const,
          expected_net_cents: 100,
          value_cents: 1000,
          probability: 0.1,
          contacted_on: null,
          added_at: `${TODAY}T08:00:00Z`,
        })),
      )
      .execute()
    manager = await t.login('manager@example.com')
    admin = await t.login('admin@example.com')
  })
  afterAll(async () => {
    closeMailTransports()
    await t.destroy()
    await smtp.close()
  })

  it('keeps the SMTP password encrypted and never shows it; only admins change the server', async () => {
    const settings = {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      user: 'winback',
      password: 'geheim-123',
      from: 'Nordlicht <vertrieb@nordlicht.example>',
      replyTo: '',
      ratePerMinute: 1000,
    }
    expect((await t.send(manager, '/api/mail/settings', settings, 'PUT')).status).toBe(403)
    const saved = await t.send(admin, '/api/mail/settings', settings, 'PUT')
    expect(saved.status).toBe(200)
    const body = await saved.text()
    expect(body).not.toContain('geheim-123')
    expect(JSON.parse(body)).toMatchObject({ passwordSet: true, configured: true, port: smtp.port })
    const stored = await t.db.kysely
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'mail.smtp')
      .executeTakeFirstOrThrow()
    expect(stored.value).not.toContain('geheim-123')
    expect(stored.value).toContain('enc:v1:')
    // the test server takes no login: send without one from here on
    await t.send(admin, '/api/mail/settings', { ...settings, user: '', password: '' }, 'PUT')
    const test = await t.send(manager, '/api/mail/test', { to: 'chef@nordlicht.example' })
    expect(await test.json()).toEqual({ sent: true, error: null })
    expect(smtp.mails.at(-1)!.subject).toContain('Test')
    smtp.mails.length = 0
  })

  it('sends a step to the treated members the law allows, with salutation, notice and unsubscribe header', async () => {
    const queued = await t.send(manager, `/api/campaigns/${campaignId}/steps/0/send`, {})
    expect(queued.status).toBe(202)
    expect(await worker().drain()).toBeGreaterThan(0)
    // A and D are sent; B lacks consent, C an address; G's address is refused; K is the control group
    expect(smtp.mails.map((m) => m.to).sort()).toEqual(['anna@example.de', 'jane@example.co.uk'])
    const anna = smtp.mails.find((m) => m.to === 'anna@example.de')!
    expect(anna.text.startsWith('Sehr geehrte Frau Dr. Müller,')).toBe(true)
    expect(anna.text).toContain('jederzeit widersprechen')
    expect(anna.listUnsubscribe).toMatch(/^<https:\/\/crm\.nordlicht\.example\/u\/[A-Za-z0-9_-]{32}>$/)
    expect(anna.listUnsubscribePost).toBe('List-Unsubscribe=One-Click')
    expect(anna.html).toContain('<a href="https://crm.nordlicht.example/u/')
    // and the personal link to the survey page
    expect(anna.text).toMatch(
      /warum Sie zuletzt nicht mehr bestellt haben: https:\/\/crm\.nordlicht\.example\/s\/[A-Za-z0-9_-]{32}/,
    )
    expect(smtp.mails.find((m) => m.to === 'jane@example.co.uk')!.text.startsWith('Dear Ms Doe,')).toBe(true)
    const sending = (await (
      await t.get(manager, `/api/campaigns/${campaignId}/steps/0/sending`)
    ).json()) as StepSendingDto
    expect(sending).toEqual({ step: 0, counts: { sent: 2, blocked: 2, bounced: 1 }, pending: 0 })
    const blocked = await t.db.kysely
      .selectFrom('outbound_messages')
      .select(['customer_id', 'error'])
      .where('state', '=', 'blocked')
      .execute()
    expect(blocked.find((b) => b.customer_id === ids.C)!.error).toBe('no_address')
    expect(blocked.find((b) => b.customer_id === ids.B)!.error).toContain('consent')
    // the members mailed count as contacted
    const members = await t.db.kysely
      .selectFrom('campaign_members')
      .select(['customer_id', 'contacted_on'])
      .where('campaign_id', '=', campaignId)
      .execute()
    expect(members.find((m) => m.customer_id === ids.A)!.contacted_on).toBe(TODAY)
    expect(members.find((m) => m.customer_id === ids.K)!.contacted_on).toBeNull()
    // on the customer's timeline
    const rep1 = await t.login('rep1@example.com')
    const timeline = (await (await t.get(rep1, `/api/customers/${ids.A}/timeline`)).json()) as {
      entries: TimelineEntry[]
    }
    expect(timeline.entries).toContainEqual(
      expect.objectContaining({
        kind: 'message',
        data: expect.objectContaining({ state: 'sent', subject: anna.subject }),
      }),
    )
  })

  it('sends a step once: asking again sends nothing twice', async () => {
    await t.send(manager, `/api/campaigns/${campaignId}/steps/0/send`, {})
    await worker().drain()
    expect(smtp.mails).toHaveLength(2)
    expect((await t.send(manager, `/api/campaigns/${campaignId}/steps/2/send`, {})).status).toBe(400)
  })

  it('unsubscribes with one click: an objection at once, and the next step is not sent to them', async () => {
    const url = smtp.mails.find((m) => m.to === 'anna@example.de')!.listUnsubscribe!.slice(1, -1)
    const path = new URL(url).pathname
    const page = await t.app.request(path)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<form method="post">')
    // a link scanner's GET changed nothing
    expect(await t.db.kysely.selectFrom('contact_objections').select('id').execute()).toEqual([])
    const done = await t.app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click' })
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('abgemeldet')
    const objections = await t.db.kysely
      .selectFrom('contact_objections')
      .select(['customer_id', 'scope', 'via'])
      .execute()
    expect(objections).toEqual([{ customer_id: ids.A, scope: 'email', via: 'email' }])
    expect((await t.app.request('/u/not-a-real-token-at-all-xxxx', { method: 'POST' })).status).toBe(404)
    smtp.mails.length = 0
    await t.send(manager, `/api/campaigns/${campaignId}/steps/1/send`, {})
    await worker().drain()
    expect(smtp.mails.map((m) => m.to)).toEqual(['jane@example.co.uk'])
    // the address the server refused in step 1 is not written to again
    const toG = await t.db.kysely
      .selectFrom('outbound_messages')
      .select(['campaign_step', 'state', 'error', 'bounce_kind'])
      .where('customer_id', '=', ids.G!)
      .orderBy('campaign_step')
      .execute()
    expect(toG).toMatchObject([
      { campaign_step: 0, state: 'bounced', bounce_kind: 'hard' },
      { campaign_step: 1, state: 'blocked', error: 'address_bounced', bounce_kind: null },
    ])
  })

  it('lets managers edit the template per language, preview it on a real customer, and refuses a broken one', async () => {
    const template = {
      measureId: null,
      language: 'de',
      subject: 'Wir vermissen Sie, {{ customer.name }}',
      body: '{{ salutation }}\n\nKommen Sie wieder!',
      informal: true,
    }
    expect((await t.send(manager, '/api/email-templates', template, 'PUT')).status).toBe(200)
    const preview = await t.send(manager, '/api/email-templates/preview', { ...template, customerId: ids.A })
    expect(await preview.json()).toMatchObject({
      to: 'anna@example.de',
      subject: 'Wir vermissen Sie, Anna Müller',
      text: expect.stringMatching(/^Hallo Anna,\n\nKommen Sie wieder!/),
    })
    const broken = await t.send(manager, '/api/email-templates', { ...template, body: '{% if %}' }, 'PUT')
    expect(broken.status).toBe(400)
    expect(await (await t.get(manager, '/api/email-templates?language=de')).json()).toMatchObject({
      subject: 'Wir vermissen Sie, {{ customer.name }}',
      informal: true,
    })
  })

  it('mails the weekly early-warning digest to every manager and admin, once a week', async () => {
    smtp.mails.length = 0
    const ctx = { db: t.db, config: t.deps.config, clock: () => TEST_NOW }
    // admin and manager of the test app
    expect(await sendEarlyWarningDigest(ctx, '2026-06-29')).toBe(2)
    expect(await sendEarlyWarningDigest(ctx, '2026-06-29')).toBe(0)
    await worker().drain()
    expect(smtp.mails.map((m) => m.to).sort()).toEqual(['admin@example.com', 'manager@example.com'])
    expect(smtp.mails[0]!.subject).toMatch(/^(Frühwarnung|Early warning): 0 /)
    expect(smtp.mails[0]!.text).toContain('https://crm.nordlicht.example/early-warning')
    // no advertising: no unsubscribe header
    expect(smtp.mails[0]!.listUnsubscribe).toBeNull()
  })
})
