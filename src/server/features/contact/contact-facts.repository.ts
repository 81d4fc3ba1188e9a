import type { Kysely, Transaction } from 'kysely'
import type { ObjectionScope } from '../../../shared/contact'
import type { CustomerType } from '../../../shared/customers'
import type { Database } from '../../db/schema'
import type { ContactConsentRow } from './contact.table'
import type { ConsentFact, ContactFacts } from './decide-contact'
import { suppressionKeys } from './suppression-keys'

type Executor = Kysely<Database> | Transaction<Database>

export interface CustomerContactFacts {
  customerId: number
  /** the jurisdiction whose profile applies: recorded, else the customer's country */
  jurisdiction: string | null
  facts: ContactFacts
}

const CHUNK = 500

/** Match key → the scopes it is suppressed for. */
export type SuppressionIndex = ReadonlyMap<string, readonly ObjectionScope[]>

/**
 * The whole suppression list in memory, for work over many customers (the nightly refresh): one
 * query instead of one per 500 customers. It holds only people who objected or were erased.
 */
export async function loadSuppressionIndex(db: Executor): Promise<SuppressionIndex> {
  const index = new Map<string, ObjectionScope[]>()
  for (const r of await db.selectFrom('suppression_list').select(['match_key', 'scope']).execute())
    index.set(r.match_key, [...(index.get(r.match_key) ?? []), r.scope])
  return index
}

/** Everything the engine needs about these customers, read in a few queries per 500 customers. */
export async function loadContactFacts(
  db: Executor,
  customerIds: readonly number[],
  preloaded?: SuppressionIndex,
): Promise<Map<number, CustomerContactFacts>> {
  const result = new Map<number, CustomerContactFacts>()
  const hasSuppressions = preloaded
    ? preloaded.size > 0
    : (await db.selectFrom('suppression_list').select('id').limit(1).executeTakeFirst()) !== undefined
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const ids = customerIds.slice(i, i + CHUNK)
    const [customers, consents, objections, factRows] = await Promise.all([
      db
        .selectFrom('customers')
        .select([
          'id',
          'type',
          'email',
          'phone',
          'company_name',
          'first_name',
          'last_name',
          'street',
          'postal_code',
          'city',
          'country',
          'erased_at',
        ])
        .where('id', 'in', ids)
        .execute(),
      db.selectFrom('contact_consents').selectAll().where('customer_id', 'in', ids).execute(),
      db.selectFrom('contact_objections').selectAll().where('customer_id', 'in', ids).execute(),
      db.selectFrom('contact_facts').selectAll().where('customer_id', 'in', ids).execute(),
    ])
    const keysById = new Map(
      customers.map((c) => [c.id, hasSuppressions ? suppressionKeys(personOf(c)) : []]),
    )
    const suppressions = preloaded ?? (await lookUpSuppressions(db, [...keysById.values()].flat()))
    const factsById = new Map(factRows.map((f) => [f.customer_id, f]))
    const consentsById = groupBy(consents, (r) => r.customer_id)
    const objectionsById = groupBy(objections, (r) => r.customer_id)
    for (const c of customers) {
      const f = factsById.get(c.id)
      const presumed =
        f?.presumed_consent_text && f.presumed_consent_reviewer && f.presumed_consent_on
          ? {
              text: f.presumed_consent_text,
              reviewer: f.presumed_consent_reviewer,
              reviewedOn: f.presumed_consent_on,
            }
          : null
      result.set(c.id, {
        customerId: c.id,
        jurisdiction: f?.jurisdiction ?? c.country,
        facts: {
          customerType: c.type as CustomerType,
          addresses: {
            email: Boolean(c.email?.trim()),
            phone: Boolean(c.phone?.trim()),
            postal: Boolean(c.street?.trim() && c.postal_code?.trim() && c.city?.trim()),
          },
          consents: (consentsById.get(c.id) ?? []).map(consentFact),
          objections: (objectionsById.get(c.id) ?? []).map((o) => ({
            scope: o.scope,
            gdpr: o.gdpr === 1,
            receivedAt: o.received_at,
          })),
          presumedConsent: presumed,
          emailFromSale: Boolean(f?.email_origin?.trim()),
          optOutNoticeVersion: f?.optout_notice_version ?? null,
          robinson:
            f?.robinson_checked_on && f.robinson_listed !== null
              ? { checkedOn: f.robinson_checked_on, listed: f.robinson_listed === 1 }
              : null,
          suppressed: (keysById.get(c.id) ?? []).flatMap((k) =>
            (suppressions.get(k.matchKey) ?? []).map((scope) => ({ scope })),
          ),
          erased: c.erased_at !== null,
        },
      })
    }
  }
  return result
}

export function personOf(c: {
  email: string | null
  phone: string | null
  company_name: string | null
  first_name: string | null
  last_name: string | null
  street: string | null
  postal_code: string | null
}) {
  return {
    email: c.email,
    phone: c.phone,
    companyName: c.company_name,
    firstName: c.first_name,
    lastName: c.last_name,
    street: c.street,
    postalCode: c.postal_code,
  }
}

function consentFact(r: ContactConsentRow): ConsentFact {
  return {
    id: r.id,
    channel: r.channel,
    status: r.status,
    grantedAt: r.granted_at,
    source: r.source,
    textVersion: r.text_version,
    textHash: r.text_hash,
    doiConfirmedAt: r.doi_confirmed_at,
    callReference: r.call_reference,
    collectedBy: r.collected_by,
    withdrawnAt: r.withdrawn_at,
    lastUsedAt: r.last_used_at,
  }
}

async function lookUpSuppressions(
  db: Executor,
  keys: readonly { matchKey: string }[],
): Promise<SuppressionIndex> {
  const allKeys = [...new Set(keys.map((k) => k.matchKey))]
  const suppressions = new Map<string, ObjectionScope[]>()
  for (let j = 0; j < allKeys.length; j += CHUNK) {
    const rows = await db
      .selectFrom('suppression_list')
      .select(['match_key', 'scope'])
      .where('match_key', 'in', allKeys.slice(j, j + CHUNK))
      .execute()
    for (const r of rows) suppressions.set(r.match_key, [...(suppressions.get(r.match_key) ?? []), r.scope])
  }
  return suppressions
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const k = key(row)
    const group = groups.get(k)
    if (group) group.push(row)
    else groups.set(k, [row])
  }
  return groups
}
