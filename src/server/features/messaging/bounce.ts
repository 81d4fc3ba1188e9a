/**
 * Recognising returned mail (Rückläufer) in the bounce mailbox: a delivery status notification
 * (RFC 3464, multipart/report) with per-recipient action and status, or the plain-text notices of
 * servers that send none (qmail, some Exchange set-ups), told apart from auto-replies. Pure: the
 * mail comes in already split into its parts.
 */

export interface MailParts {
  /** header names in lower case; a repeated header's values joined by newlines */
  headers: Record<string, string>
  /** the text of the top-level body (the human-readable part of a report) */
  text: string
  /** the other parts: the machine-readable status, the returned message or its headers */
  parts: { contentType: string; content: string }[]
}

export type BounceKind =
  /** permanent (5.x.x): the address does not exist or refuses mail; not to be written to again */
  | 'hard'
  /** given up on after retries (4.x.x, action failed): mailbox full, server unreachable */
  | 'soft'

export interface BounceRecipient {
  address: string | null
  action: string | null
  status: string | null
  diagnostic: string | null
}

export type BounceVerdict =
  | { bounce: false; reason: 'auto_reply' | 'delayed' | 'delivered' | 'not_a_bounce' }
  | {
      bounce: true
      kind: BounceKind
      /** the first failed recipient, as the report names it */
      recipient: BounceRecipient
      /** every Message-ID the notice mentions: the returned mail's is among them */
      messageIds: string[]
    }

const DSN_TYPES = ['message/delivery-status', 'message/global-delivery-status']
const RETURNED_TYPES = ['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']

/** Subjects of plain-text notices of failure, in the languages servers answer in here. */
const FAILURE_SUBJECT =
  /undeliver|undelivered|delivery (status notification \(failure\)|failure|has failed)|returned mail|failure notice|mail delivery (failed|system)|nicht zustellbar|unzustellbar|zustellung fehlgeschlagen|non remis|non recapitabile/i
const FAILURE_SENDER = /mailer-daemon|postmaster|mail delivery (subsystem|system)/i
const AUTO_REPLY_SUBJECT =
  /out of (the )?office|abwesenheit|automatische antwort|auto(matic)?[- ]?reply|autoreply|urlaub|vacation|réponse automatique/i

/** A DSN's fields: a block per message and per recipient, folded lines joined. */
export function parseDeliveryStatus(content: string): Record<string, string>[] {
  const unfolded = content.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ')
  return unfolded
    .split(/\n\s*\n/)
    .map((block) => {
      const fields: Record<string, string> = {}
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':')
        if (colon <= 0) continue
        const name = line.slice(0, colon).trim().toLowerCase()
        if (!(name in fields)) fields[name] = line.slice(colon + 1).trim()
      }
      return fields
    })
    .filter((fields) => Object.keys(fields).length > 0)
}

/** "rfc822; anna@example.de" → "anna@example.de" */
function addressOf(field: string | undefined): string | null {
  if (!field) return null
  const value = field.includes(';') ? field.slice(field.indexOf(';') + 1) : field
  const trimmed = value.trim().replace(/^<|>$/g, '')
  return trimmed === '' ? null : trimmed.toLowerCase()
}

const STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/

/** Every Message-ID-like token in a text: <local@host>. */
export function messageIdsIn(text: string): string[] {
  return [...new Set(text.match(/<[^<>\s"]{1,200}@[^<>\s"]{1,200}>/g) ?? [])]
}

function kindOf(status: string | null, fallbackText: string): BounceKind {
  const code = status ?? fallbackText.match(STATUS)?.[0] ?? null
  if (code?.startsWith('4')) return 'soft'
  // a failure without a code (or a 5.x.x) counts as permanent: the server gave up on the address
  return 'hard'
}

export function classifyBounce(mail: MailParts): BounceVerdict {
  const subject = mail.headers.subject ?? ''
  const from = mail.headers.from ?? ''
  const contentType = (mail.headers['content-type'] ?? '').toLowerCase()
  const dsn = mail.parts.find((p) => DSN_TYPES.includes(p.contentType.toLowerCase()))
  const returned = mail.parts.filter((p) => RETURNED_TYPES.includes(p.contentType.toLowerCase()))
  const messageIds = messageIdsIn(
    [
      ...returned.map((p) => p.content),
      mail.text,
      mail.headers['in-reply-to'] ?? '',
      mail.headers.references ?? '',
    ].join('\n'),
  ).filter((id) => id !== (mail.headers['message-id'] ?? '').trim())

  const report = contentType.includes('multipart/report') && contentType.includes('delivery-status')
  if (dsn || report) {
    // mail parsers put the status part among the parts or into the text: read it where it is
    const blocks = parseDeliveryStatus(dsn ? dsn.content : mail.text)
    const recipients: BounceRecipient[] = blocks
      .filter((b) => b.action !== undefined || b['final-recipient'] !== undefined)
      .map((b) => ({
        address: addressOf(b['final-recipient'] ?? b['original-recipient']),
        action: b.action?.toLowerCase() ?? null,
        status: b.status?.match(STATUS)?.[0] ?? null,
        diagnostic: b['diagnostic-code'] ? b['diagnostic-code'].replace(/^[a-z-]+;\s*/i, '') : null,
      }))
    const failed = recipients.find((r) => r.action === 'failed')
    if (failed) return { bounce: true, kind: kindOf(failed.status, ''), recipient: failed, messageIds }
    if (recipients.some((r) => r.action === 'delayed')) return { bounce: false, reason: 'delayed' }
    if (recipients.length > 0) return { bounce: false, reason: 'delivered' }
  }

  // mail systems mark their notices auto-replied too: the sender tells them from a person's reply
  const autoReply =
    AUTO_REPLY_SUBJECT.test(subject) ||
    mail.headers['x-autoreply'] !== undefined ||
    ((mail.headers['auto-submitted'] ?? '').toLowerCase().startsWith('auto-replied') &&
      !FAILURE_SENDER.test(from))
  if (autoReply) return { bounce: false, reason: 'auto_reply' }

  if (
    FAILURE_SUBJECT.test(subject) ||
    (FAILURE_SENDER.test(from) && returned.length + messageIds.length > 0)
  ) {
    const body = [mail.text, ...mail.parts.map((p) => p.content)].join('\n')
    const status = body.match(STATUS)?.[0] ?? null
    const address =
      (mail.text.match(/[^\s<>:;"'()@]+@[^\s<>:;"'()@]+\.[a-z]{2,}/gi) ?? [])
        .map((a) => a.toLowerCase())
        .find((a) => !FAILURE_SENDER.test(a) && a !== addressOf(from.match(/<([^>]+)>/)?.[1] ?? from)) ?? null
    const diagnostic =
      body
        .split('\n')
        .map((l) => l.trim())
        .find((l) => /\b5\d\d\b|\b4\d\d\b|does not exist|unknown|existiert nicht|unbekannt/i.test(l)) ?? null
    return {
      bounce: true,
      kind: kindOf(status, body),
      recipient: { address, action: 'failed', status, diagnostic },
      messageIds,
    }
  }
  return { bounce: false, reason: 'not_a_bounce' }
}
