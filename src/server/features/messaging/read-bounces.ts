import { ImapFlow } from 'imapflow'
import type { Kysely, Transaction } from 'kysely'
import type { BounceCheck } from '../../../shared/api/messaging'
import type { Config } from '../../config'
import type { Db } from '../../db/database'
import type { Database } from '../../db/schema'
import type { Logger } from '../../logger'
import { type BounceVerdict, classifyBounce } from './bounce'
import { toMailParts } from './bounce-mail'
import { bouncePasswordOf, loadStoredBounceSettings, saveBounceCheck } from './bounce-settings'

type Executor = Kysely<Database> | Transaction<Database>

/** The keyword a mail gets once winback has looked at it; its \Seen flag is left to the people. */
export const CHECKED_KEYWORD = 'winback-checked'
/** Mail older than this is not looked at (a first check of a long-used mailbox). */
const LOOK_BACK_DAYS = 30
/** A bounce without the returned mail's Message-ID is matched by address to a mail sent this recently. */
const MATCH_BY_ADDRESS_DAYS = 14
const BATCH = 50

export interface BounceContext {
  db: Db
  config: Pick<Config, 'secretKey' | 'dataDir' | 'imapPassword'>
  clock: () => Date
  logger: Logger
}

/**
 * Marks the e-mail a returned mail is about as bounced: found by the Message-ID the notice quotes
 * (winback's are unique per mail), else by the failed address among the mails of the last two
 * weeks. Returns whether one was found. Recording the same bounce again changes nothing.
 */
export async function recordBounce(
  db: Executor,
  verdict: Extract<BounceVerdict, { bounce: true }>,
  now: Date,
): Promise<boolean> {
  let message =
    verdict.messageIds.length > 0
      ? await db
          .selectFrom('outbound_messages')
          .select(['id', 'state', 'bounced_at'])
          .where('message_id', 'in', verdict.messageIds)
          .where('kind', '!=', 'letter')
          .orderBy('id', 'desc')
          .executeTakeFirst()
      : undefined
  if (!message && verdict.recipient.address) {
    const since = new Date(now.getTime() - MATCH_BY_ADDRESS_DAYS * 86_400_000).toISOString()
    message = await db
      .selectFrom('outbound_messages')
      .select(['id', 'state', 'bounced_at'])
      .where((eb) => eb(eb.fn('lower', ['to_address']), '=', verdict.recipient.address))
      .where('state', 'in', ['sent', 'bounced'])
      .where('sent_at', '>=', since)
      .orderBy('sent_at', 'desc')
      .executeTakeFirst()
  }
  if (!message) return false
  if (message.bounced_at !== null || !['sent', 'sending', 'bounced'].includes(message.state)) return true
  await db
    .updateTable('outbound_messages')
    .set({
      state: 'bounced',
      bounced_at: now.toISOString(),
      bounce_kind: verdict.kind,
      bounce_status: verdict.recipient.status,
      error: (verdict.recipient.diagnostic ?? verdict.recipient.status ?? 'returned mail').slice(0, 500),
    })
    .where('id', '=', message.id)
    .execute()
  return true
}

/** The addresses among these that bounced hard before: winback does not write to them again. */
export async function hardBouncedAddresses(db: Executor, addresses: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(addresses.filter((a) => a !== ''))]
  if (wanted.length === 0) return new Set()
  const rows = await db
    .selectFrom('outbound_messages')
    .select('to_address')
    .distinct()
    .where('bounce_kind', '=', 'hard')
    .where('to_address', 'in', wanted)
    .execute()
  return new Set(rows.map((r) => r.to_address))
}

/**
 * Reads the bounce mailbox (the read_bounces job, every quarter hour once it is set up): every mail
 * of the last 30 days not looked at before is classified, returned mail is recorded on the e-mail
 * it is about, and each mail gets the keyword winback-checked, so it is not read twice (a crash
 * in between reads it again, which records nothing twice). A mailbox that cannot be reached is
 * recorded as the check's error, shown in the settings, and tried again at the next check.
 */
export async function readBounces(ctx: BounceContext): Promise<BounceCheck | null> {
  const k = ctx.db.kysely
  const settings = await loadStoredBounceSettings(k)
  if (!settings.enabled || settings.host === '') return null
  const check: BounceCheck = {
    at: ctx.clock().toISOString(),
    checked: 0,
    bounces: 0,
    matched: 0,
    error: null,
  }
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
    auth: settings.user ? { user: settings.user, pass: bouncePasswordOf(settings, ctx.config) } : undefined,
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  })
  // a connection that breaks after connecting reports here; the command in progress fails too
  client.on('error', (error) => ctx.logger.warn({ err: error }, 'bounce mailbox connection failed'))
  try {
    await client.connect()
    const lock = await client.getMailboxLock(settings.mailbox)
    try {
      const since = new Date(ctx.clock().getTime() - LOOK_BACK_DAYS * 86_400_000)
      const found = await client.search({ since, unKeyword: CHECKED_KEYWORD }, { uid: true })
      const uids = Array.isArray(found) ? found : []
      for (let i = 0; i < uids.length; i += BATCH) {
        const batch = uids.slice(i, i + BATCH)
        const sources: Buffer[] = []
        for await (const mail of client.fetch(batch, { source: true }, { uid: true }))
          if (mail.source) sources.push(mail.source)
        for (const source of sources) {
          check.checked++
          const verdict = classifyBounce(await toMailParts(source))
          if (!verdict.bounce) continue
          check.bounces++
          if (await recordBounce(k, verdict, ctx.clock())) check.matched++
        }
        await client.messageFlagsAdd(batch, [CHECKED_KEYWORD], { uid: true })
      }
    } finally {
      lock.release()
    }
  } catch (error) {
    check.error = error instanceof Error ? error.message : String(error)
    ctx.logger.warn({ err: check.error }, 'the bounce mailbox could not be read')
  } finally {
    await client.logout().catch(() => undefined)
  }
  await saveBounceCheck(k, check)
  return check
}
