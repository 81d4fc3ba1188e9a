import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_NOW, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { startImapServer, type TestMailbox } from '../../../../test/imap'
import { startSmtpServer } from '../../../../test/smtp'
import type { JobDto } from '../../../shared/api/jobs'
import type { BounceSettingsDto } from '../../../shared/api/messaging'
import type { TimelineEntry } from '../../../shared/api/worklist'
import { createLogger } from '../../logger'
import { writeImport } from '../imports/write-import'
import { saveMailSettings } from './mail-settings'
import { messageIdFor, sendMessage } from './messaging.service'

const PUBLIC = 'https://crm.nordlicht.example'
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n')
const date = new Date(TEST_NOW.getTime() + 3_600_000).toUTCString()

/** Postfix's report on the mail to Anna, quoting its Message-ID. */
const postfixReport = (messageId: string) =>
  crlf(`Return-Path: <>
From: MAILER-DAEMON@mail.nordlicht.example (Mail Delivery System)
To: vertrieb@nordlicht.example
Date: ${date}
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be delivered.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.nordlicht.example

Final-Recipient: rfc822; anna@example.de
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <anna@example.de>: User unknown

--b1
Content-Type: text/rfc822-headers

Message-ID: ${messageId}
Subject: Wir vermissen Sie

--b1--
`)

/** qmail's notice about Bernd's mail, naming only the address. */
const qmailNotice = crlf(`From: MAILER-DAEMON@mx.example.de
To: vertrieb@nordlicht.example
Date: ${date}
Subject: failure notice

Hi. This is the qmail-send program at mx.example.de.
I'm afraid I wasn't able to deliver your message to the following addresses.

<bernd@example.de>:
Sorry, no mailbox here by that name. (#5.1.1)
`)

const outOfOffice = (messageId: string) =>
  crlf(`From: Carla Klein <carla@example.de>
To: vertrieb@nordlicht.example
Date: ${date}
Subject: Abwesenheitsnotiz: Wir vermissen Sie
Auto-Submitted: auto-replied
In-Reply-To: ${messageId}

Ich bin bis zum 14.12. nicht im Büro.
`)

/** Returned mail read from the company's mailbox over IMAP (a real server on loopback), on both databases. */
describe.each(testDialects)('returned mail on %s', (dialect) => {
  let t: TestApp
  let mailbox: TestMailbox
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let admin: string
  let manager: string
  const ids: Record<string, number> = {}
  const messages: Record<string, number> = {}

  beforeAll(async () => {
    t = await createTestApp(dialect, { publicUrl: PUBLIC })
    smtp = await startSmtpServer()
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: TEST_NOW.toISOString(),
      customers: [
        {
          customerNumber: 'A',
          firstName: 'Anna',
          lastName: 'Berg',
          type: 'consumer',
          email: 'anna@example.de',
        },
        {
          customerNumber: 'B',
          firstName: 'Bernd',
          lastName: 'Roth',
          type: 'consumer',
          email: 'bernd@example.de',
        },
        {
          customerNumber: 'C',
          firstName: 'Carla',
          lastName: 'Klein',
          type: 'consumer',
          email: 'carla@example.de',
        },
      ],
      documents: [],
    })
    for (const c of await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[c.customer_number] = c.id
    // three campaign mails sent an hour before the returned mail arrives
    for (const [number, address] of [
      ['A', 'anna@example.de'],
      ['B', 'bernd@example.de'],
      ['C', 'carla@example.de'],
    ] as const) {
      const key = `campaign:1:step:0:customer:${ids[number]}`
      const row = await t.db.kysely
        .insertInto('outbound_messages')
        .values({
          customer_id: ids[number]!,
          kind: 'campaign',
          campaign_id: null,
          campaign_step: 0,
          idempotency_key: key,
          to_address: address,
          subject: 'Wir vermissen Sie',
          body_text: 'Guten Tag',
          message_id: messageIdFor(key, PUBLIC),
          unsubscribe_hash: null,
          state: 'sent',
          error: null,
          attempts: 1,
          created_at: TEST_NOW.toISOString(),
          created_by: null,
          sent_at: new Date(TEST_NOW.getTime() - 3_600_000).toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      messages[number] = row.id
    }
    const idOf = (n: string) => messageIdFor(`campaign:1:step:0:customer:${ids[n]}`, PUBLIC)
    mailbox = await startImapServer([postfixReport(idOf('A')), qmailNotice, outOfOffice(idOf('C'))])
    await saveMailSettings(
      t.db.kysely,
      {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        user: '',
        from: 'vertrieb@nordlicht.example',
        replyTo: '',
        ratePerMinute: 1000,
      },
      t.deps.config,
      null,
      TEST_NOW.toISOString(),
    )
    admin = await t.login('admin@example.com')
    manager = await t.login('manager@example.com')
  })
  afterAll(async () => {
    await t.destroy()
    await mailbox.close()
    await smtp.close()
  })

  const settingsOf = async (cookie: string) =>
    (await (await t.get(cookie, '/api/mail/bounces')).json()) as BounceSettingsDto
  const check = async () => {
    const res = await t.send(manager, '/api/mail/bounces/check', {})
    expect(res.status).toBe(202)
    const { job } = (await res.json()) as { job: JobDto }
    await t.deps.jobs.idle()
    expect((await t.deps.jobs.get(Number(job.id)))?.status).toBe('succeeded')
    return (await settingsOf(manager)).lastCheck
  }
  const message = (number: string) =>
    t.db.kysely
      .selectFrom('outbound_messages')
      .selectAll()
      .where('id', '=', messages[number]!)
      .executeTakeFirstOrThrow()

  it('admins set the mailbox; the password is stored, never shown; others may not change it', async () => {
    const rep = await t.login('rep1@example.com')
    expect((await t.get(rep, '/api/mail/bounces')).status).toBe(403)
    expect((await t.send(manager, '/api/mail/bounces/check', {})).status).toBe(409)
    const input = {
      enabled: true,
      host: '127.0.0.1',
      port: mailbox.port,
      security: 'none',
      user: mailbox.user,
      password: mailbox.password,
      mailbox: 'INBOX',
    }
    expect((await t.send(manager, '/api/mail/bounces', input, 'PUT')).status).toBe(403)
    const res = await t.send(admin, '/api/mail/bounces', input, 'PUT')
    expect(res.status).toBe(200)
    const saved = (await res.json()) as BounceSettingsDto
    expect(saved).toMatchObject({ enabled: true, port: mailbox.port, passwordSet: true, lastCheck: null })
    expect(JSON.stringify(saved)).not.toContain(mailbox.password)
    const stored = await t.db.kysely
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'mail.bounces')
      .executeTakeFirstOrThrow()
    expect(stored.value).not.toContain(mailbox.password)
  })

  it('reads the mailbox: a report and a plain notice bounce their mails, an out-of-office does not', async () => {
    expect(await check()).toMatchObject({ checked: 3, bounces: 2, matched: 2, error: null })
    expect(await message('A')).toMatchObject({
      state: 'bounced',
      bounce_kind: 'hard',
      bounce_status: '5.1.1',
      error: '550 5.1.1 <anna@example.de>: User unknown',
    })
    expect((await message('A')).bounced_at).not.toBeNull()
    expect(await message('B')).toMatchObject({
      state: 'bounced',
      bounce_kind: 'hard',
      bounce_status: '5.1.1',
    })
    expect(await message('C')).toMatchObject({ state: 'sent', bounce_kind: null })
    // every mail is marked as looked at; none is marked read for the people using the mailbox
    for (const flags of await mailbox.flags()) expect(flags).toEqual(['winback-checked'])
  })

  it("shows the return on the customer's timeline after the sending", async () => {
    const res = await t.get(manager, `/api/customers/${ids.A}/timeline`)
    const { entries } = (await res.json()) as { entries: TimelineEntry[] }
    const mails = entries.filter((e) => e.kind === 'message')
    expect(mails.map((e) => [e.data.state, e.data.bounceKind ?? null])).toEqual([
      ['bounced', 'hard'],
      ['sent', null],
    ])
  })

  it('reading again looks at nothing twice and changes nothing', async () => {
    const before = await message('A')
    expect(await check()).toMatchObject({ checked: 0, bounces: 0, matched: 0, error: null })
    expect(await message('A')).toEqual(before)
  })

  it('does not write to an address that bounced hard again', async () => {
    const key = 'campaign:1:step:2:customer:A'
    const { id } = await t.db.kysely
      .insertInto('outbound_messages')
      .values({
        customer_id: ids.A!,
        kind: 'campaign',
        campaign_id: null,
        campaign_step: 2,
        idempotency_key: key,
        to_address: 'anna@example.de',
        subject: 'Noch einmal',
        body_text: 'Guten Tag',
        message_id: messageIdFor(key, PUBLIC),
        unsubscribe_hash: null,
        state: 'queued',
        error: null,
        attempts: 0,
        created_at: TEST_NOW.toISOString(),
        created_by: null,
        sent_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const ctx = { db: t.db, config: t.deps.config, clock: () => TEST_NOW, logger: createLogger('silent') }
    expect(await sendMessage(ctx, id)).toBe('blocked')
    expect(smtp.mails).toHaveLength(0)
    expect(
      await t.db.kysely
        .selectFrom('outbound_messages')
        .select('error')
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ error: 'address_bounced' })
  })

  it('a mailbox that cannot be reached is shown as the check’s error', async () => {
    const closed = await startImapServer([])
    const port = closed.port
    await closed.close()
    await t.send(
      admin,
      '/api/mail/bounces',
      { enabled: true, host: '127.0.0.1', port, security: 'none', user: 'x', mailbox: 'INBOX' },
      'PUT',
    )
    const last = await check()
    expect(last?.error).toMatch(/ECONNREFUSED|connect/i)
    expect((await settingsOf(admin)).passwordSet).toBe(true)
  })
})
