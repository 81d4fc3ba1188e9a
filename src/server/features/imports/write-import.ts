import type { Transaction } from 'kysely'
import type { ImportIssue } from '../../../shared/imports'
import { createBulkWriter } from '../../db/bulk'
import type { Db } from '../../db/database'
import type { Database } from '../../db/schema'
import { findCustomerIdsByNumbers, findCustomersByNumbers } from '../customers/customer.repository'
import type { NewCustomerRow } from '../customers/customer.table'
import { findDocumentsByKeys, hasDocumentsFromSource } from '../orders/order.repository'
import { type DocumentValues, documentChanged, documentValues, mergeCustomer } from './merge-records'
import type { CustomerRecord, DocumentRecord } from './records'

export interface WriteImportOptions {
  db: Db
  fileName: string
  customers: readonly CustomerRecord[]
  documents: readonly DocumentRecord[]
  source: string
  importRunId: number | null
  now: string
  onProgress?: (phase: 'customers' | 'documents', done: number, total: number) => void
}

export interface WriteResult {
  customersCreated: number
  customersUpdated: number
  documentsCreated: number
  documentsUpdated: number
  documentsUnchanged: number
  warnings: ImportIssue[]
}

/**
 * Writes the records of one file in one transaction: customers are created or updated by number,
 * documents by source and key, so the same file twice changes nothing and an overlapping export
 * updates what it repeats. If anything fails, nothing of the file stays.
 */
export async function writeImport(options: WriteImportOptions): Promise<WriteResult> {
  const { db, source, now } = options
  return db.kysely.transaction().execute(async (trx) => {
    const bulk = createBulkWriter(db, trx)
    const warnings: ImportIssue[] = []
    const owners = await resolveOwners(trx, options, warnings)

    const numbers = [
      ...new Set([
        ...options.customers.map((c) => c.customerNumber),
        ...options.documents.map((d) => d.customerNumber),
      ]),
    ]
    const existing = await findCustomersByNumbers(trx, numbers)
    const records = new Map(options.customers.map((c) => [c.customerNumber, c]))
    const inserts: NewCustomerRow[] = []
    const updates: ({ id: number } & Partial<NewCustomerRow>)[] = []
    for (const number of numbers) {
      const record = records.get(number) ?? { customerNumber: number }
      const stored = existing.get(number)
      const merged = mergeCustomer(
        record,
        stored,
        record.owner === undefined ? undefined : (owners.get(record.owner) ?? undefined),
      )
      if (!merged) continue
      if (stored) updates.push({ id: stored.id, ...merged, updated_at: now })
      else inserts.push({ ...merged, source, created_at: now, updated_at: now })
    }
    let done = 0
    const customerTotal = inserts.length + updates.length
    const progressCustomers = (n: number) => {
      done += n
      options.onProgress?.('customers', done, customerTotal)
    }
    await bulk.insert('customers', inserts, progressCustomers)
    await bulk.updateById('customers', updates, progressCustomers)

    const ids = new Map<string, number>()
    for (const [number, row] of existing) ids.set(number, row.id)
    const created = await findCustomerIdsByNumbers(
      trx,
      inserts.map((c) => c.customer_number),
    )
    for (const [number, id] of created) ids.set(number, id)

    const storedDocs = (await hasDocumentsFromSource(trx, source))
      ? await findDocumentsByKeys(
          trx,
          source,
          options.documents.map((d) => d.externalKey),
        )
      : new Map()
    const docInserts: DocumentValues[] = []
    const docUpdates: ({ id: number } & DocumentValues)[] = []
    let unchanged = 0
    for (const doc of options.documents) {
      const values = documentValues(doc, ids.get(doc.customerNumber)!, source, options.importRunId)
      const stored = storedDocs.get(doc.externalKey)
      if (!stored) docInserts.push(values)
      else if (documentChanged(stored, values)) docUpdates.push({ id: stored.id, ...values })
      else unchanged++
    }
    done = 0
    const docTotal = docInserts.length + docUpdates.length
    const progressDocs = (n: number) => {
      done += n
      options.onProgress?.('documents', done, docTotal)
    }
    await bulk.insert('orders', docInserts, progressDocs)
    await bulk.updateById('orders', docUpdates, progressDocs)
    return {
      customersCreated: inserts.length,
      customersUpdated: updates.length,
      documentsCreated: docInserts.length,
      documentsUpdated: docUpdates.length,
      documentsUnchanged: unchanged,
      warnings,
    }
  })
}

/** Owners are named by e-mail or name; unknown ones are reported and left unassigned. */
async function resolveOwners(
  trx: Transaction<Database>,
  options: WriteImportOptions,
  warnings: ImportIssue[],
): Promise<Map<string, number | null>> {
  const names = [
    ...new Set(options.customers.map((c) => c.owner).filter((o): o is string => o !== undefined)),
  ]
  const result = new Map<string, number | null>()
  if (names.length === 0) return result
  const users = await trx.selectFrom('users').select(['id', 'email', 'name']).execute()
  for (const name of names) {
    const key = name.trim().toLowerCase()
    const user = users.find((u) => u.email === key || u.name.toLowerCase() === key)
    result.set(name, user?.id ?? null)
    if (!user) {
      warnings.push({
        severity: 'warning',
        code: 'unknown_owner',
        file: options.fileName,
        line: 0,
        column: null,
        value: name,
        reason: `No user "${name}": the customers stay unassigned`,
      })
    }
  }
  return result
}
