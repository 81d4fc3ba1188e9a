import type { Kysely } from 'kysely'
import type { ErasureResult } from '../../../shared/api/contact'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { AppError } from '../../lib/errors'
import { writeAudit } from '../audit/audit'
import { requireCustomer } from '../customers/require-customer'
import { addToSuppressionList } from './contact.service'
import { personOf } from './contact-facts.repository'
import { refreshEligibility } from './eligibility'
import { mustRetain, retainedUntil, retentionRules } from './retention'

/** Everything stored about one person (GDPR Art. 15), as plain data for JSON and the PDF. */
export interface PersonData {
  exportedAt: string
  customer: Record<string, unknown>
  status: Record<string, unknown> | null
  statusHistory: Record<string, unknown>[]
  score: Record<string, unknown> | null
  documents: Record<string, unknown>[]
  contracts: Record<string, unknown>[]
  consents: Record<string, unknown>[]
  objections: Record<string, unknown>[]
  contactFacts: Record<string, unknown> | null
  contactDecisions: Record<string, unknown>[]
  auditLog: Record<string, unknown>[]
  dataRequests: Record<string, unknown>[]
}

const parseJsonColumns = (row: Record<string, unknown>, columns: string[]) => {
  const out = { ...row }
  for (const c of columns) if (typeof out[c] === 'string') out[c] = JSON.parse(out[c] as string)
  return out
}

export async function collectPersonData(
  db: Kysely<Database>,
  customerId: number,
  actor: Actor,
): Promise<PersonData> {
  const customer = await requireCustomer(db, customerId, null)
  const { search_text: _searchText, ...customerData } = customer
  const [
    status,
    history,
    score,
    documents,
    contracts,
    consents,
    objections,
    facts,
    decisions,
    audit,
    requests,
  ] = await Promise.all([
    db.selectFrom('customer_status').selectAll().where('customer_id', '=', customerId).executeTakeFirst(),
    db
      .selectFrom('customer_status_changes')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('month')
      .execute(),
    db.selectFrom('customer_scores').selectAll().where('customer_id', '=', customerId).executeTakeFirst(),
    db.selectFrom('orders').selectAll().where('customer_id', '=', customerId).orderBy('ordered_on').execute(),
    db
      .selectFrom('contracts')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('started_on')
      .execute(),
    db
      .selectFrom('contact_consents')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('contact_objections')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute(),
    db.selectFrom('contact_facts').selectAll().where('customer_id', '=', customerId).executeTakeFirst(),
    db
      .selectFrom('contact_decisions')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'customer')
      .where('entity_id', '=', String(customerId))
      .orderBy('id')
      .execute(),
    db.selectFrom('data_requests').selectAll().where('customer_id', '=', customerId).orderBy('id').execute(),
  ])
  const data: PersonData = {
    exportedAt: actor.now,
    customer: parseJsonColumns(customerData, ['tags']),
    status: status ? parseJsonColumns(status, ['rule_params', 'sub_types', 'signals']) : null,
    statusHistory: history,
    score: score ?? null,
    documents,
    contracts,
    consents,
    objections,
    contactFacts: facts ?? null,
    contactDecisions: decisions.map((d) => parseJsonColumns(d, ['decision'])),
    auditLog: audit.map((a) => parseJsonColumns(a, ['details'])),
    dataRequests: requests.map((r) => parseJsonColumns(r, ['details'])),
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('data_requests')
      .values({
        kind: 'access',
        customer_id: customerId,
        customer_number: customer.customer_number,
        details: JSON.stringify({ documents: documents.length, consents: consents.length }),
        created_at: actor.now,
        user_id: actor.userId,
      })
      .execute()
    await writeAudit(trx, {
      action: 'person.exported',
      entityType: 'customer',
      entityId: customerId,
      userId: actor.userId,
      at: actor.now,
      details: { customerNumber: customer.customer_number },
    })
  })
  return data
}

/**
 * Erases a person (GDPR Art. 17): marketing data goes, what the law requires to keep stays (invoices
 * 8 years, business letters 6), the person goes on the suppression list so no import brings them
 * back into a campaign, and the record of the erasure says what was kept and why.
 */
export async function eraseCustomer(
  db: Kysely<Database>,
  customerId: number,
  actor: Actor,
): Promise<ErasureResult> {
  return db.transaction().execute(async (trx) => {
    const customer = await requireCustomer(trx, customerId, null)
    if (customer.erased_at) throw new AppError('conflict', 'This person was already erased')
    const today = actor.today
    const suppressionEntries = await addToSuppressionList(trx, personOf(customer), 'all', 'erasure', actor)

    const documents = await trx
      .selectFrom('orders')
      .select(['id', 'ordered_on'])
      .where('customer_id', '=', customerId)
      .execute()
    const expiredDocuments = documents
      .filter((d) => !mustRetain('invoices', d.ordered_on, today))
      .map((d) => d.id)
    const keptDocuments = documents.filter((d) => mustRetain('invoices', d.ordered_on, today))
    const contracts = await trx
      .selectFrom('contracts')
      .select(['id', 'started_on', 'ends_on', 'cancelled_on'])
      .where('customer_id', '=', customerId)
      .execute()
    const contractDate = (c: (typeof contracts)[number]) => c.cancelled_on ?? c.ends_on ?? c.started_on
    const expiredContracts = contracts
      .filter((c) => !mustRetain('businessLetters', contractDate(c), today))
      .map((c) => c.id)
    const keptContracts = contracts.filter((c) => mustRetain('businessLetters', contractDate(c), today))

    const count = async (p: Promise<{ numDeletedRows: bigint }[] | { numDeletedRows: bigint }>) => {
      const r = await p
      return (Array.isArray(r) ? r : [r]).reduce((s, x) => s + Number(x.numDeletedRows), 0)
    }
    const removed: Record<string, number> = {
      consents: await count(
        trx.deleteFrom('contact_consents').where('customer_id', '=', customerId).execute(),
      ),
      objections: await count(
        trx.deleteFrom('contact_objections').where('customer_id', '=', customerId).execute(),
      ),
      contactFacts: await count(
        trx.deleteFrom('contact_facts').where('customer_id', '=', customerId).execute(),
      ),
      scores: await count(trx.deleteFrom('customer_scores').where('customer_id', '=', customerId).execute()),
      status: await count(trx.deleteFrom('customer_status').where('customer_id', '=', customerId).execute()),
      statusHistory: await count(
        trx.deleteFrom('customer_status_changes').where('customer_id', '=', customerId).execute(),
      ),
      documents: expiredDocuments.length,
      contracts: expiredContracts.length,
    }
    for (let i = 0; i < expiredDocuments.length; i += 500)
      await trx
        .deleteFrom('orders')
        .where('id', 'in', expiredDocuments.slice(i, i + 500))
        .execute()
    if (expiredContracts.length > 0)
      await trx.deleteFrom('contracts').where('id', 'in', expiredContracts).execute()
    // decisions stay as proof of lawful contact, without the link to the person
    await trx
      .updateTable('contact_decisions')
      .set({ customer_id: null })
      .where('customer_id', '=', customerId)
      .execute()

    const keepsIdentity = keptDocuments.length > 0 || keptContracts.length > 0
    await trx
      .updateTable('customers')
      .set({
        email: null,
        phone: null,
        salutation: null,
        segment: null,
        tags: '[]',
        owner_user_id: null,
        search_text: '',
        // name and address are part of every invoice kept (§ 14 Abs. 4 Nr. 1 UStG)
        ...(keepsIdentity
          ? {}
          : {
              company_name: null,
              first_name: null,
              last_name: null,
              street: null,
              postal_code: null,
              city: null,
            }),
        erased_at: actor.now,
        updated_at: actor.now,
      })
      .where('id', '=', customerId)
      .execute()

    const latest = (dates: string[]) => dates.reduce((a, b) => (b > a ? b : a), '')
    const kept: ErasureResult['kept'] = []
    if (keptDocuments.length > 0) {
      const until = latest(keptDocuments.map((d) => retainedUntil('invoices', d.ordered_on)))
      kept.push({ what: 'invoices', count: keptDocuments.length, until, norm: retentionRules.invoices.norm })
      kept.push({ what: 'invoiceAddress', count: 1, until, norm: '§ 14 Abs. 4 Nr. 1 UStG' })
    }
    if (keptContracts.length > 0)
      kept.push({
        what: 'businessLetters',
        count: keptContracts.length,
        until: latest(keptContracts.map((c) => retainedUntil('businessLetters', contractDate(c)))),
        norm: retentionRules.businessLetters.norm,
      })
    kept.push({
      what: 'suppressionList',
      count: suppressionEntries,
      until: '',
      norm: 'Art. 17 Abs. 3 lit. b, Art. 21 Abs. 3 DSGVO',
    })
    const result: ErasureResult = {
      customerNumber: customer.customer_number,
      removed,
      kept,
      suppressionEntries,
    }
    await trx
      .insertInto('data_requests')
      .values({
        kind: 'erasure',
        customer_id: customerId,
        customer_number: customer.customer_number,
        details: JSON.stringify(result),
        created_at: actor.now,
        user_id: actor.userId,
      })
      .execute()
    await writeAudit(trx, {
      action: 'person.erased',
      entityType: 'customer',
      entityId: customerId,
      userId: actor.userId,
      at: actor.now,
      details: { ...result },
    })
    await refreshEligibility(trx, [customerId], today)
    return result
  })
}
