import type { Kysely, Transaction } from 'kysely'
import type { ContactChannel, ContactPurpose } from '../../../shared/contact'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { loadContactFacts } from './contact-facts.repository'
import type { ContactDecision } from './decide-contact'
import { decideFor, loadContactSettings } from './eligibility'

type Executor = Kysely<Database> | Transaction<Database>

/** What asked the engine; kept with each decision. */
export const contactContexts = ['call_list_export', 'contact_logged', 'email_sent', 'letter_sent'] as const
export type ContactContext = (typeof contactContexts)[number]

export interface CheckContactsOptions {
  customerIds: readonly number[]
  channel: ContactChannel
  purpose: { kind: ContactPurpose; ownSimilarGoods: boolean }
  context: ContactContext
  actor: Actor
  /** a contact that happens now: the consents it relies on are marked as used today */
  contactMade: boolean
}

/**
 * Asks the engine, at the moment of acting, whether each of these customers may be contacted, and
 * logs every answer with its reasons (allowed or not). Nothing else in the product contacts a customer
 * or hands out contact data for a campaign without going through here.
 */
export async function checkContacts(
  db: Executor,
  options: CheckContactsOptions,
): Promise<Map<number, ContactDecision>> {
  const { actor } = options
  const settings = await loadContactSettings(db)
  const decisions = new Map<number, ContactDecision>()
  const CHUNK = 500
  for (let i = 0; i < options.customerIds.length; i += CHUNK) {
    const facts = await loadContactFacts(db, options.customerIds.slice(i, i + CHUNK))
    const rows = []
    const usedConsents: number[] = []
    for (const [id, c] of facts) {
      const decision = decideFor(c, {
        channel: options.channel,
        purpose: options.purpose,
        asOf: actor.today,
        settings,
      })
      decisions.set(id, decision)
      if (decision.allowed && decision.basis?.consentId !== undefined)
        usedConsents.push(decision.basis.consentId)
      rows.push({
        customer_id: id,
        channel: options.channel,
        purpose: options.purpose.kind,
        context: options.context,
        allowed: decision.allowed ? 1 : 0,
        basis: decision.basis?.basis ?? null,
        decision: JSON.stringify(decision),
        decided_at: actor.now,
        user_id: actor.userId,
      })
    }
    if (rows.length > 0) await db.insertInto('contact_decisions').values(rows).execute()
    if (options.contactMade && usedConsents.length > 0)
      await db
        .updateTable('contact_consents')
        .set({ last_used_at: actor.today })
        .where('id', 'in', usedConsents)
        .execute()
  }
  return decisions
}
