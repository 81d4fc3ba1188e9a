import type { Generated, Selectable } from 'kysely'
import type { PersonalData } from '../../db/personal-data'

/**
 * queued: written, waiting to be sent; sending: handed to the SMTP server (a crash here leaves it
 * uncertain: it is sent again with the same Message-ID); sent; bounced: the server refused the
 * address; failed: could not be sent; blocked: the contact law did not allow it (error says why).
 */
export type MessageState = 'queued' | 'sending' | 'sent' | 'bounced' | 'failed' | 'blocked'
/** letter: a printed letter of a Serienbrief, recorded when the PDF was made */
export type MessageKind = 'campaign' | 'test' | 'digest' | 'letter'

/** An e-mail winback sends, kept with what it said: at most one per idempotency key. */
export interface OutboundMessageTable {
  id: Generated<number>
  /** null for mails to staff (test mail, digest) */
  customer_id: number | null
  kind: MessageKind
  campaign_id: number | null
  campaign_step: number | null
  idempotency_key: string
  to_address: string
  subject: string
  body_text: string
  /** the Message-ID header: the same on every attempt, so a receiver sees a repeat as one mail */
  message_id: string
  /** SHA-256 of the unsubscribe token in the mail's link (advertising mails only) */
  unsubscribe_hash: string | null
  state: MessageState
  error: string | null
  attempts: number
  created_at: string
  created_by: number | null
  sent_at: string | null
  /** when it came back (refused at once by the SMTP server, or returned mail read later) */
  bounced_at: string | null
  /** hard: the address is gone, not written to again; soft: given up on after retries */
  bounce_kind: 'hard' | 'soft' | null
  /** the enhanced status code, e.g. 5.1.1 */
  bounce_status: string | null
}

/** A template users edit (Liquid, sandboxed): per measure (null: every measure) and language. */
export interface EmailTemplateTable {
  id: Generated<number>
  measure_id: number | null
  language: 'de' | 'en'
  subject: string
  body: string
  /** 1: "Hallo Anna" instead of "Sehr geehrte Frau …" */
  informal: number
  updated_at: string
  updated_by: number | null
}

export type OutboundMessageRow = Selectable<OutboundMessageTable>
export type EmailTemplateRow = Selectable<EmailTemplateTable>

export const messagingPersonalData: readonly PersonalData[] = [
  {
    table: 'outbound_messages',
    section: 'messages',
    orderBy: ['created_at', 'id'],
    erase: { action: 'delete' },
  },
]
