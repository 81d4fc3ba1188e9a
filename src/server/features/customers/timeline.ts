import type { Kysely } from 'kysely'
import type { TimelineEntry } from '../../../shared/api/worklist'
import type { Database } from '../../db/schema'
import type { CustomerScope } from './customer-scope'
import { requireCustomer } from './require-customer'

const LIMIT = 500

/**
 * One timeline per customer, newest first: purchases and credit notes, calls, win-back attempts,
 * reasons, status changes (month by month), Wiedervorlagen, consents and objections, owner changes,
 * campaign memberships, warning signs, e-mails sent (or not, and why). Each entry is a kind, a moment and its facts; the web app words them.
 */
export async function customerTimeline(
  db: Kysely<Database>,
  customerId: number,
  scope: CustomerScope,
): Promise<TimelineEntry[]> {
  await requireCustomer(db, customerId, scope.ownerId)
  const [
    orders,
    calls,
    attempts,
    reasons,
    statuses,
    followups,
    consents,
    objections,
    owners,
    campaigns,
    signs,
    messages,
  ] = await Promise.all([
    db
      .selectFrom('orders')
      .select(['ordered_on', 'kind', 'number', 'net_cents', 'counts_as_purchase'])
      .where('customer_id', '=', customerId)
      .where('kind', 'in', ['invoice', 'order', 'credit_note'])
      .orderBy('ordered_on', 'desc')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('calls as c')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .leftJoin('churn_reasons as r', 'r.id', 'c.reason_id')
      .select([
        'c.called_at',
        'c.channel',
        'c.reached',
        'c.outcome',
        'c.offer',
        'c.note',
        'c.competitor',
        'u.name as by',
        'r.name_de',
        'r.name_en',
      ])
      .where('c.customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('winback_attempts')
      .select(['started_on', 'channel', 'offer', 'outcome', 'outcome_on', 'won_on'])
      .where('customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('customer_churn_reasons as ccr')
      .innerJoin('churn_reasons as r', 'r.id', 'ccr.reason_id')
      .select(['ccr.recorded_on', 'ccr.source', 'r.name_de', 'r.name_en'])
      .where('ccr.customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('customer_status_changes')
      .select(['month', 'status', 'previous_status'])
      .where('customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('followups as f')
      .leftJoin('users as u', 'u.id', 'f.assignee_user_id')
      .select([
        'f.created_at',
        'f.due_on',
        'f.due_time',
        'f.channel',
        'f.note',
        'f.done_at',
        'f.source',
        'u.name as assignee',
      ])
      .where('f.customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('contact_consents')
      .select(['granted_at', 'withdrawn_at', 'channel', 'status', 'source'])
      .where('customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('contact_objections')
      .select(['received_at', 'scope', 'via'])
      .where('customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('customer_owner_changes as h')
      .leftJoin('users as f', 'f.id', 'h.from_user_id')
      .leftJoin('users as t', 't.id', 'h.to_user_id')
      .select(['h.changed_at', 'h.source', 'h.note', 'f.name as from_name', 't.name as to_name'])
      .where('h.customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('campaign_members as m')
      .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
      .select(['m.added_at', 'm.arm', 'm.contacted_on', 'c.name', 'c.state'])
      .where('m.customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('warning_signs as w')
      .leftJoin('users as u', 'u.id', 'w.created_by')
      .select(['w.noted_on', 'w.kind', 'w.note', 'u.name as by'])
      .where('w.customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('outbound_messages')
      .select([
        'created_at',
        'sent_at',
        'kind',
        'state',
        'subject',
        'error',
        'campaign_step',
        'bounced_at',
        'bounce_kind',
      ])
      .where('customer_id', '=', customerId)
      .orderBy('id', 'desc')
      .limit(LIMIT)
      .execute(),
  ])
  const entries: TimelineEntry[] = [
    ...orders.map(
      (o): TimelineEntry => ({
        at: o.ordered_on,
        kind: o.kind === 'credit_note' ? 'credit_note' : 'purchase',
        data: { number: o.number, netCents: Number(o.net_cents), counts: o.counts_as_purchase === 1 },
      }),
    ),
    ...calls.map(
      (c): TimelineEntry => ({
        at: c.called_at,
        kind: 'call',
        data: {
          channel: c.channel,
          reached: c.reached,
          outcome: c.outcome,
          offer: c.offer,
          note: c.note,
          competitor: c.competitor,
          by: c.by,
          reasonDe: c.name_de,
          reasonEn: c.name_en,
        },
      }),
    ),
    ...attempts.map(
      (a): TimelineEntry => ({
        at: a.started_on,
        kind: 'attempt',
        data: {
          channel: a.channel,
          offer: a.offer,
          outcome: a.outcome,
          outcomeOn: a.outcome_on,
          wonOn: a.won_on,
        },
      }),
    ),
    ...reasons.map(
      (r): TimelineEntry => ({
        at: r.recorded_on,
        kind: 'reason',
        data: { source: r.source, reasonDe: r.name_de, reasonEn: r.name_en },
      }),
    ),
    ...statuses.map(
      (s): TimelineEntry => ({
        at: `${s.month}-01`,
        kind: 'status',
        data: { status: s.status, previous: s.previous_status },
      }),
    ),
    ...followups.map(
      (f): TimelineEntry => ({
        at: f.created_at,
        kind: 'followup',
        data: {
          dueOn: f.due_on,
          dueTime: f.due_time,
          channel: f.channel,
          note: f.note,
          done: f.done_at !== null,
          source: f.source,
          assignee: f.assignee,
        },
      }),
    ),
    ...consents.flatMap((c): TimelineEntry[] => [
      ...(c.granted_at
        ? [
            {
              at: c.granted_at,
              kind: 'consent' as const,
              data: { channel: c.channel, change: 'granted', source: c.source },
            },
          ]
        : []),
      ...(c.withdrawn_at
        ? [
            {
              at: c.withdrawn_at,
              kind: 'consent' as const,
              data: { channel: c.channel, change: 'withdrawn', source: c.source },
            },
          ]
        : []),
    ]),
    ...objections.map(
      (o): TimelineEntry => ({ at: o.received_at, kind: 'objection', data: { scope: o.scope, via: o.via } }),
    ),
    ...owners.map(
      (o): TimelineEntry => ({
        at: o.changed_at,
        kind: 'owner',
        data: { from: o.from_name, to: o.to_name, source: o.source, note: o.note },
      }),
    ),
    ...signs.map(
      (w): TimelineEntry => ({
        at: w.noted_on,
        kind: 'warning_sign',
        data: { sign: w.kind, note: w.note, by: w.by },
      }),
    ),
    ...messages.flatMap((m): TimelineEntry[] => {
      const data = { kind: m.kind, subject: m.subject, step: m.campaign_step }
      // sent, then returned later: two moments
      if (m.state === 'bounced' && m.sent_at !== null && m.bounced_at !== null)
        return [
          { at: m.sent_at, kind: 'message', data: { ...data, state: 'sent', error: null } },
          {
            at: m.bounced_at,
            kind: 'message',
            data: { ...data, state: 'bounced', error: m.error, bounceKind: m.bounce_kind },
          },
        ]
      return [
        {
          at: m.bounced_at ?? m.sent_at ?? m.created_at,
          kind: 'message',
          data: { ...data, state: m.state, error: m.error, bounceKind: m.bounce_kind },
        },
      ]
    }),
    ...campaigns.map(
      (c): TimelineEntry => ({
        at: c.added_at,
        kind: 'campaign',
        data: { name: c.name, arm: c.arm, contactedOn: c.contacted_on, state: c.state },
      }),
    ),
  ]
  // dates and timestamps compare as text: a day sorts before the moments within it
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, LIMIT)
}
