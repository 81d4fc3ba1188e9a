import { createHash, randomBytes } from 'node:crypto'
import type { Insertable, Kysely, Transaction } from 'kysely'
import type { CampaignStep } from '../../../shared/api/campaigns'
import type { Config } from '../../config'
import type { Db } from '../../db/database'
import type { Database } from '../../db/schema'
import { DeferJob, PermanentJobError } from '../../jobs/job-errors'
import { enqueue } from '../../jobs/queue'
import type { Actor } from '../../lib/actor'
import { companyToday } from '../../lib/clock'
import { AppError, inEnglish, say } from '../../lib/errors'
import { checkContacts } from '../contact/check-contact'
import { insertObjection } from '../contact/contact.service'
import { standardPurpose } from '../contact/eligibility'
import { surveyLink } from '../survey/survey.service'
import { composeEmail, defaultTemplates, type EmailTemplate, textToHtml } from './compose'
import { createMailTransport, imprintOf, loadCompanyProfile } from './mail-settings'
import type { MessageState } from './messaging.table'
import { hardBouncedAddresses } from './read-bounces'
import { addresseeOf, languageOf, loadStepAudience } from './step-audience'

type Executor = Kysely<Database> | Transaction<Database>

/** What sending needs from the process: the database, settings from the environment, the clock. */
export interface MessagingContext {
  db: Db
  config: Pick<Config, 'secretKey' | 'dataDir' | 'smtpPassword' | 'publicUrl' | 'timeZone'>
  clock: () => Date
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The template for a measure and language: its own, else the general one, else the built-in. */
export async function templateFor(
  db: Executor,
  measureId: number | null,
  language: 'de' | 'en',
): Promise<EmailTemplate> {
  const rows = await db
    .selectFrom('email_templates')
    .select(['measure_id', 'subject', 'body', 'informal'])
    .where('language', '=', language)
    .where((eb) =>
      measureId === null
        ? eb('measure_id', 'is', null)
        : eb.or([eb('measure_id', '=', measureId), eb('measure_id', 'is', null)]),
    )
    .execute()
  const row = rows.find((r) => r.measure_id === measureId) ?? rows.find((r) => r.measure_id === null)
  return row
    ? { subject: row.subject, body: row.body, informal: row.informal === 1 }
    : defaultTemplates[language]
}

/** The Message-ID of the mail with this key: the same on every attempt. */
export function messageIdFor(key: string, publicUrl: string): string {
  const host = new URL(publicUrl).hostname || 'winback.local'
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${host}>`
}

/**
 * Writes the e-mails of a campaign step, one per treated member at most (its idempotency key), after
 * asking the contact law for each: a member the law does not allow, or without an address, gets a
 * 'blocked' message saying why and is not sent anything. Each written mail is queued for sending in
 * the same transaction. Running it again writes nothing twice.
 */
export async function writeCampaignStepMessages(
  ctx: MessagingContext,
  input: { campaignId: number; step: number; userId: number | null },
  onProgress: (done: number, total: number) => Promise<void> | void = () => undefined,
): Promise<Record<MessageState, number>> {
  const k = ctx.db.kysely
  const now = ctx.clock().toISOString()
  const actor: Actor = { userId: input.userId, now, today: companyToday(ctx.clock, ctx.config.timeZone) }
  const { campaign, measure, members, settled } = await loadStepAudience(
    k,
    { campaignId: input.campaignId, step: input.step, channel: 'email' },
    (text) => new PermanentJobError(inEnglish(text)),
  )
  const company = await loadCompanyProfile(k)
  const counts: Record<MessageState, number> = {
    queued: 0,
    sending: 0,
    sent: 0,
    bounced: 0,
    failed: 0,
    blocked: 0,
  }
  const BATCH = 200
  for (let i = 0; i < members.length; i += BATCH) {
    const batch = members.slice(i, i + BATCH).filter((m) => m.erased_at === null)
    const bounced = await hardBouncedAddresses(
      k,
      batch.map((m) => m.email ?? ''),
    )
    const decisions = await checkContacts(k, {
      customerIds: batch.map((m) => m.id),
      channel: 'email',
      purpose: standardPurpose,
      context: 'email_sent',
      actor,
      contactMade: false,
    })
    const rows: Insertable<Database['outbound_messages']>[] = []
    for (const m of batch) {
      const key = `campaign:${campaign.id}:step:${input.step}:customer:${m.id}`
      const decision = decisions.get(m.id)
      const language = languageOf(m.country)
      const blockedWhy = !m.email
        ? 'no_address'
        : bounced.has(m.email)
          ? 'address_bounced'
          : settled.has(m.id)
            ? settled.get(m.id)!
            : decision?.allowed
              ? null
              : [...new Set(decision?.blockers.map((b) => b.code) ?? ['unknown'])].join(', ')
      const token = randomBytes(24).toString('base64url')
      const mail = blockedWhy
        ? { subject: '', text: '' }
        : await composeEmail({
            template: await templateFor(k, campaign.measure_id, language),
            language,
            customer: addresseeOf(m),
            company: { name: company.name, imprint: imprintOf(company) },
            sender: m.assignee ? { name: m.assignee } : null,
            measure: measure ? (language === 'de' ? measure.name_de : measure.name_en) : null,
            offer: measure?.default_offer ?? null,
            unsubscribeUrl: `${ctx.config.publicUrl}/u/${token}`,
            surveyUrl: await surveyLink(k, ctx.config, {
              customerId: m.id,
              campaignId: campaign.id,
              language,
              now,
            }),
          })
      rows.push({
        customer_id: m.id,
        kind: 'campaign' as const,
        campaign_id: campaign.id,
        campaign_step: input.step,
        idempotency_key: key,
        to_address: m.email ?? '',
        subject: mail.subject,
        body_text: mail.text,
        message_id: messageIdFor(key, ctx.config.publicUrl),
        unsubscribe_hash: blockedWhy ? null : hashToken(token),
        state: (blockedWhy ? 'blocked' : 'queued') as MessageState,
        error: blockedWhy,
        attempts: 0,
        created_at: now,
        created_by: input.userId,
        sent_at: null,
      })
    }
    await k.transaction().execute(async (trx) => {
      for (const row of rows) {
        const inserted = await trx
          .insertInto('outbound_messages')
          .values(row)
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning(['id', 'state'])
          .executeTakeFirst()
        if (inserted?.state === 'queued')
          await enqueue(trx, 'send_message', { messageId: inserted.id }, now, { key: `send:${inserted.id}` })
      }
    })
    await onProgress(Math.min(members.length, i + BATCH), members.length)
  }
  for (const r of await k
    .selectFrom('outbound_messages')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('campaign_id', '=', campaign.id)
    .where('campaign_step', '=', input.step)
    .groupBy('state')
    .execute())
    counts[r.state] = Number(r.n)
  return counts
}

/**
 * Sends one written e-mail, at most once: one already sent (or given up) is left alone; the law is
 * asked again at the moment of sending (an objection may have come since); the rate limit defers
 * it. The state is 'sending' while the SMTP server has it: a crash right then sends it again with the
 * same Message-ID. A refused address is 'bounced', other permanent errors 'failed', the rest retried.
 */
export async function sendMessage(ctx: MessagingContext, messageId: number): Promise<MessageState> {
  const k = ctx.db.kysely
  const message = await k
    .selectFrom('outbound_messages')
    .selectAll()
    .where('id', '=', messageId)
    .executeTakeFirst()
  if (!message) throw new PermanentJobError(`message ${messageId} does not exist`)
  if (message.state !== 'queued' && message.state !== 'sending') return message.state
  const now = ctx.clock()
  const actor: Actor = {
    userId: message.created_by,
    now: now.toISOString(),
    today: companyToday(ctx.clock, ctx.config.timeZone),
  }
  // an earlier mail to the address came back for good since this one was written
  if (message.kind === 'campaign' && (await hardBouncedAddresses(k, [message.to_address])).size > 0) {
    await k
      .updateTable('outbound_messages')
      .set({ state: 'blocked', error: 'address_bounced' })
      .where('id', '=', messageId)
      .execute()
    return 'blocked'
  }
  if (message.customer_id !== null && message.kind === 'campaign') {
    const decision = (
      await checkContacts(k, {
        customerIds: [message.customer_id],
        channel: 'email',
        purpose: standardPurpose,
        context: 'email_sent',
        actor,
        contactMade: true,
      })
    ).get(message.customer_id)
    if (!decision?.allowed) {
      const why = [...new Set(decision?.blockers.map((b) => b.code) ?? ['unknown'])].join(', ')
      await k
        .updateTable('outbound_messages')
        .set({ state: 'blocked', error: why })
        .where('id', '=', messageId)
        .execute()
      return 'blocked'
    }
  }
  const { transport, settings } = await createMailTransport(k, ctx.config)
  if (!settings.host || !settings.from) throw new Error('no SMTP server is set up (Settings → E-mail)')
  const since = new Date(now.getTime() - 60_000).toISOString()
  const recent = await k
    .selectFrom('outbound_messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('sent_at', '>=', since)
    .executeTakeFirstOrThrow()
  if (Number(recent.n) >= settings.ratePerMinute)
    throw new DeferJob(Math.ceil(60_000 / settings.ratePerMinute))
  await k
    .updateTable('outbound_messages')
    .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1) }))
    .where('id', '=', messageId)
    .execute()
  const unsubscribeUrl = message.body_text.match(/https?:\/\/\S+\/u\/[A-Za-z0-9_-]+/)?.[0]
  try {
    await transport.sendMail({
      from: settings.from,
      replyTo: settings.replyTo || undefined,
      to: message.to_address,
      subject: message.subject,
      text: message.body_text,
      html: textToHtml(message.body_text),
      messageId: message.message_id,
      headers: unsubscribeUrl
        ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {},
    })
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode
    const text = error instanceof Error ? error.message : String(error)
    if (code !== undefined && code >= 500) {
      const refused = code === 550 || code === 551 || code === 553
      await k
        .updateTable('outbound_messages')
        .set(
          refused
            ? {
                state: 'bounced',
                error: text,
                bounced_at: ctx.clock().toISOString(),
                bounce_kind: 'hard',
                bounce_status: text.match(/\b5\.\d{1,3}\.\d{1,3}\b/)?.[0] ?? null,
              }
            : { state: 'failed', error: text },
        )
        .where('id', '=', messageId)
        .execute()
      return refused ? 'bounced' : 'failed'
    }
    await k
      .updateTable('outbound_messages')
      .set({ state: 'queued', error: text })
      .where('id', '=', messageId)
      .execute()
    throw error
  }
  const sentAt = ctx.clock().toISOString()
  await k.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbound_messages')
      .set({ state: 'sent', sent_at: sentAt, error: null })
      .where('id', '=', messageId)
      .execute()
    if (message.campaign_id !== null && message.customer_id !== null)
      await trx
        .updateTable('campaign_members')
        .set({ contacted_on: actor.today })
        .where('campaign_id', '=', message.campaign_id)
        .where('customer_id', '=', message.customer_id)
        .where('contacted_on', 'is', null)
        .execute()
  })
  return 'sent'
}

/** Queues the e-mails of a campaign step (managers): one job, once per step. */
export async function queueCampaignStep(
  db: Executor,
  campaignId: number,
  step: number,
  actor: Actor,
): Promise<number> {
  const campaign = await db
    .selectFrom('campaigns')
    .select(['state', 'steps'])
    .where('id', '=', campaignId)
    .executeTakeFirst()
  if (!campaign) throw new AppError('not_found', say('noSuchCampaign'))
  if (campaign.state !== 'running') throw new AppError('conflict', say('onlyRunningSends'))
  const steps = JSON.parse(campaign.steps) as CampaignStep[]
  if (steps[step]?.channel !== 'email')
    throw new AppError('validation_failed', say('notAnEmailStep', { step: step + 1 }))
  return enqueue(db, 'campaign_email_step', { campaignId, step, userId: actor.userId }, actor.now, {
    key: `campaign:${campaignId}:step:${step}`,
  })
}

/** The one-click unsubscribe: an objection to advertising by e-mail, on the suppression list at once. */
export async function unsubscribe(
  db: Kysely<Database>,
  token: string,
  actor: Actor,
): Promise<{ company: string; already: boolean }> {
  const message = await db
    .selectFrom('outbound_messages')
    .select(['customer_id'])
    .where('unsubscribe_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!message?.customer_id) throw new AppError('not_found', say('linkNotValid'))
  const company = (await loadCompanyProfile(db)).name
  const customerId = message.customer_id
  const already = await db.transaction().execute(async (trx) => {
    const customer = await trx
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow()
    if (customer.erased_at !== null) return true
    const existing = await trx
      .selectFrom('contact_objections')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('scope', 'in', ['email', 'all'])
      .executeTakeFirst()
    if (existing) return true
    await insertObjection(
      trx,
      customer,
      {
        scope: 'email',
        gdpr: false,
        receivedAt: actor.today,
        via: 'email',
        wording: 'Abmeldelink in einer E-Mail',
      },
      actor,
    )
    return false
  })
  return { company, already }
}
