import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import type { ContactDecision } from './decide-contact'

type Executor = Kysely<Database> | Transaction<Database>

export interface ContactDecisionLogItem {
  id: number
  decidedAt: string
  userName: string | null
  customerId: number | null
  customerNumber: string | null
  channel: string
  /** what asked: call_list_export, contact_logged, email_sent, letter_sent */
  context: string
  decision: ContactDecision
}

/**
 * The contact law's answers at the moment of acting (check-contact.ts logs every one), newest
 * first, for the admins' audit page; optionally only the refusals.
 */
export async function listContactDecisions(
  db: Executor,
  options: { limit: number; offset: number; refusedOnly: boolean },
): Promise<{ items: ContactDecisionLogItem[]; total: number }> {
  let query = db
    .selectFrom('contact_decisions')
    .leftJoin('users', 'users.id', 'contact_decisions.user_id')
    .leftJoin('customers', 'customers.id', 'contact_decisions.customer_id')
  if (options.refusedOnly) query = query.where('contact_decisions.allowed', '=', 0)
  const [rows, count] = await Promise.all([
    query
      .select([
        'contact_decisions.id',
        'contact_decisions.decided_at',
        'contact_decisions.customer_id',
        'contact_decisions.channel',
        'contact_decisions.context',
        'contact_decisions.decision',
        'users.name as user_name',
        'customers.customer_number',
      ])
      .orderBy('contact_decisions.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      decidedAt: r.decided_at,
      userName: r.user_name,
      customerId: r.customer_id,
      customerNumber: r.customer_number,
      channel: r.channel,
      context: r.context,
      decision: JSON.parse(r.decision) as ContactDecision,
    })),
  }
}
