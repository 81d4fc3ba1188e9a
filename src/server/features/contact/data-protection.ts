import type { Kysely } from 'kysely'
import type { ErasureResult } from '../../../shared/api/contact'
import { chunks } from '../../db/bulk'
import { takeErasureLock } from '../../db/erasure-lock'
import type { PersonalData } from '../../db/personal-data'
import { personalDataRegistry } from '../../db/personal-data-registry'
import { purgeDeletedData, withSecureDelete } from '../../db/purge'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { AppError, say } from '../../lib/errors'
import { customerGroupsChanged } from '../../lib/read-cache'
import { writeAudit } from '../audit/audit'
import { requireCustomer } from '../customers/require-customer'
import { addToSuppressionList } from './contact.service'
import { personOf } from './contact-facts.repository'
import { mustRetain, retainedUntil, retentionRules } from './retention'

/**
 * Everything stored about one person (GDPR Art. 15), as plain data for JSON and the PDF: the customer
 * record, one entry per declared table (`personalDataRegistry`: a list, or an object for a table
 * with one row per person) and the audit log about them.
 */
export interface PersonData {
  exportedAt: string
  customer: Record<string, unknown>
  auditLog: Record<string, unknown>[]
  [section: string]: unknown
}

type Row = Record<string, unknown>

const parseJsonColumns = (row: Row, columns: readonly string[] = []) => {
  const out = { ...row }
  for (const c of columns) if (typeof out[c] === 'string') out[c] = JSON.parse(out[c] as string)
  return out
}

/** The rows of one declared table for one customer (the table name comes from the registry, never from input). */
function rowsOf(db: Kysely<Database>, declaration: PersonalData, customerId: number): Promise<Row[]> {
  let query = (db as unknown as Kysely<AnyTables>)
    .selectFrom(declaration.table)
    .selectAll()
    .where('customer_id', '=', customerId)
  for (const column of declaration.orderBy ?? []) query = query.orderBy(column)
  return query.execute()
}

// biome-ignore lint/suspicious/noExplicitAny: the declared tables are walked generically
type AnyTables = Record<string, any>

export async function collectPersonData(
  db: Kysely<Database>,
  customerId: number,
  actor: Actor,
): Promise<PersonData> {
  const customer = await requireCustomer(db, customerId, null)
  const { search_text: _searchText, ...customerData } = customer
  const exported = personalDataRegistry.filter((d) => d.exported !== false)
  const [sections, audit] = await Promise.all([
    Promise.all(exported.map((d) => rowsOf(db, d, customerId))),
    db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'customer')
      .where('entity_id', '=', String(customerId))
      .orderBy('id')
      .execute(),
  ])
  const data: PersonData = {
    exportedAt: actor.now,
    customer: parseJsonColumns(customerData, ['tags']),
    auditLog: audit.map((a) => parseJsonColumns(a, ['details'])),
  }
  exported.forEach((d, i) => {
    const rows = sections[i]!.map((r) => parseJsonColumns(r, d.json))
    data[d.section] = d.single ? (rows[0] ?? null) : rows
  })
  const count = (section: string) => (data[section] as unknown[]).length
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('data_requests')
      .values({
        kind: 'access',
        customer_id: customerId,
        customer_number: customer.customer_number,
        details: JSON.stringify({ documents: count('documents'), consents: count('consents') }),
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
  options: { importWaitMs?: number } = {},
): Promise<ErasureResult> {
  return withSecureDelete(db, async () => {
    const result = await eraseInTransaction(db, customerId, actor, options.importWaitMs ?? 10_000)
    // no longer counted with the customers (nor their owner's)
    customerGroupsChanged()
    // what was deleted or overwritten must not linger in free pages, the WAL or dead row versions
    await purgeDeletedData(db, [
      'customers',
      ...personalDataRegistry.filter((d) => d.erase.action === 'delete').map((d) => d.table),
    ])
    return result
  })
}

function eraseInTransaction(
  db: Kysely<Database>,
  customerId: number,
  actor: Actor,
  importWaitMs: number,
): Promise<ErasureResult> {
  return db.transaction().execute(async (trx) => {
    // never in the middle of an import, which would write the person back after the erasure
    await takeErasureLock(trx, importWaitMs)
    const customer = await requireCustomer(trx, customerId, null)
    if (customer.erased_at) throw new AppError('conflict', say('alreadyErased'))
    const today = actor.today
    const suppressionEntries = await addToSuppressionList(trx, personOf(customer), 'all', 'erasure', actor)

    const removed: Record<string, number> = {}
    const retained = new Map<string, { count: number; until: string }>()
    const any = trx as unknown as Kysely<AnyTables>
    for (const d of personalDataRegistry) {
      const rule = d.erase
      if (rule.action === 'delete') {
        const result = await any.deleteFrom(d.table).where('customer_id', '=', customerId).executeTakeFirst()
        removed[d.section] = Number(result.numDeletedRows)
      } else if (rule.action === 'unlink') {
        await any
          .updateTable(d.table)
          .set({ customer_id: null })
          .where('customer_id', '=', customerId)
          .execute()
      } else if (rule.action === 'retain') {
        const rows = (await any
          .selectFrom(d.table)
          .select(['id', ...rule.dateColumns])
          .where('customer_id', '=', customerId)
          .execute()) as Row[]
        const dateOf = (r: Row) => rule.dateColumns.map((c) => r[c] as string | null).find((v) => v) ?? today
        const expired = rows
          .filter((r) => !mustRetain(rule.period, dateOf(r), today))
          .map((r) => r.id as number)
        const kept = rows.filter((r) => mustRetain(rule.period, dateOf(r), today))
        for (const ids of chunks(expired, 500)) await any.deleteFrom(d.table).where('id', 'in', ids).execute()
        removed[d.section] = expired.length
        if (kept.length > 0)
          retained.set(d.section, {
            count: kept.length,
            until: kept.map((r) => retainedUntil(rule.period, dateOf(r))).reduce((a, b) => (b > a ? b : a)),
          })
      }
    }

    const keepsIdentity = retained.size > 0
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

    const kept: ErasureResult['kept'] = []
    const documents = retained.get('documents')
    if (documents) {
      kept.push({
        what: 'invoices',
        count: documents.count,
        until: documents.until,
        norm: retentionRules.invoices.norm,
      })
      kept.push({ what: 'invoiceAddress', count: 1, until: documents.until, norm: '§ 14 Abs. 4 Nr. 1 UStG' })
    }
    const contracts = retained.get('contracts')
    if (contracts)
      kept.push({
        what: 'businessLetters',
        count: contracts.count,
        until: contracts.until,
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
    return result
  })
}
