import { formatMoney, formatPercent } from '../../../shared/i18n/format'
import { enqueue } from '../../jobs/queue'
import { listEarlyWarnings } from '../prevention/prevention.service'
import { imprintOf, loadCompanyProfile, loadMailSettings } from './mail-settings'
import { type MessagingContext, messageIdFor } from './messaging.service'

/**
 * The week's early-warning digest (PRODUCT.md step 8): every manager and admin gets one e-mail a week
 * with who came onto the list since the last digest, the biggest expected loss first, and a link to
 * the page. Written once per week and person (idempotency key) and queued for sending.
 */
export async function sendEarlyWarningDigest(ctx: MessagingContext, week: string): Promise<number> {
  const k = ctx.db.kysely
  // without an SMTP server the digest is on the page only
  if (!(await loadMailSettings(k, ctx.config)).configured) return 0
  const list = await listEarlyWarnings(k, { scope: { ownerId: null }, today: week, onlyNew: true })
  const company = await loadCompanyProfile(k)
  const managers = await k
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale'])
    .where('role', 'in', ['manager', 'admin'])
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute()
  const now = ctx.clock().toISOString()
  let written = 0
  for (const user of managers) {
    const de = user.locale !== 'en'
    const locale = de ? 'de' : 'en'
    const top = list.items.slice(0, 10)
    const lines = top.map(
      (w) =>
        `- ${w.name} (${w.customerNumber}${w.owner ? `, ${w.owner}` : ''}): ${de ? 'Risiko' : 'risk'} ${formatPercent(Math.round(w.risk * 100) / 100, locale)}, ${formatMoney(w.valueCents, locale, 'EUR', 0)}${de ? ' im Jahr' : ' a year'}${w.suggestion ? ` → ${w.suggestion.name[locale]}` : ''}`,
    )
    const subject = de
      ? `Frühwarnung: ${list.newThisWeek} Kunden neu auf der Liste`
      : `Early warning: ${list.newThisWeek} customers new on the list`
    const text = [
      de ? `Guten Tag ${user.name},` : `Hello ${user.name},`,
      de
        ? `seit ${list.newSince} sind ${list.newThisWeek} aktive Kunden neu auf der Frühwarnliste; insgesamt stehen ${list.total} darauf (${formatMoney(list.valueAtStakeCents, locale, 'EUR', 0)} Jahresumsatz im Risiko).`
        : `since ${list.newSince}, ${list.newThisWeek} active customers came onto the early warning list; ${list.total} are on it in all (${formatMoney(list.valueAtStakeCents, locale, 'EUR', 0)} annual revenue at stake).`,
      ...(lines.length > 0 ? [lines.join('\n')] : []),
      `${de ? 'Zur Liste' : 'To the list'}: ${ctx.config.publicUrl}/early-warning`,
      '--',
      imprintOf(company).join('\n'),
    ].join('\n\n')
    const key = `digest:${week}:user:${user.id}`
    // the mail and its sending job together: a retry after a crash finds both or neither
    const queued = await k.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('outbound_messages')
        .values({
          customer_id: null,
          kind: 'digest',
          campaign_id: null,
          campaign_step: null,
          idempotency_key: key,
          to_address: user.email,
          subject,
          body_text: text,
          message_id: messageIdFor(key, ctx.config.publicUrl),
          unsubscribe_hash: null,
          state: 'queued',
          error: null,
          attempts: 0,
          created_at: now,
          created_by: null,
          sent_at: null,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (inserted)
        await enqueue(trx, 'send_message', { messageId: inserted.id }, now, { key: `send:${inserted.id}` })
      return inserted !== undefined
    })
    if (queued) written++
  }
  return written
}
