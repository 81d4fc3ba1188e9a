import type { Transaction } from 'kysely'
import type { ImportIssue } from '../../../shared/imports'
import { chunks, createBulkWriter, type RowFill } from '../../db/bulk'
import type { Db } from '../../db/database'
import { holdImportLock } from '../../db/erasure-lock'
import type { Database } from '../../db/schema'
import type { SetAsideIndexes } from '../../db/set-aside-indexes'
import { IdBitSet, StringIndex } from '../../lib/compact-sets'
import { AppError, say } from '../../lib/errors'
import { suppressionKeys } from '../contact/suppression-keys'
import { findCustomerColumnsByNumbers, findCustomerIdsByNumbers } from '../customers/customer.repository'
import type { CustomerRow, NewCustomerRow } from '../customers/customer.table'
import { findContractsByKeys, findDocumentsByKeys, hasDocumentsFromSource } from '../orders/order.repository'
import { issueText } from './issue-text'
import {
  type CustomerValues,
  customerColumns,
  customerValues,
  type DocumentValues,
  documentChanged,
  documentColumnNames,
  documentFill,
  documentValuesAt,
  sameCustomerValues,
} from './merge-records'
import {
  CONTINUED,
  type CodedColumn,
  type ContractRecord,
  type CustomerRecord,
  type DocumentColumns,
  type DocumentRecord,
  documentColumns,
  FIRST_HANDED_OVER,
  KEY_HANDED_OVER_BEFORE,
} from './records'

export interface WriteResult {
  customersCreated: number
  customersUpdated: number
  documentsCreated: number
  documentsUpdated: number
  documentsUnchanged: number
  contractsCreated: number
  contractsUpdated: number
  contractsUnchanged: number
  warnings: ImportIssue[]
}

export interface RecordBatch {
  /** customers as the file has them so far (all rows read up to now merged) */
  customers: readonly CustomerRecord[]
  /**
   * customer numbers indexed for the first time in this batch: they continue the list of the
   * earlier batches, and the documents name their customer by its index in that list
   */
  customerNumbers: readonly string[]
  /** documents as the file has them so far (positions read up to now added up) */
  documents: DocumentColumns
  /** contracts as the file has them so far (a contract file) */
  contracts?: readonly ContractRecord[]
}

/** A contract as stored: the columns an import sets. */
interface ContractValues {
  customer_id: number
  number: string
  product: string | null
  started_on: string
  ends_on: string | null
  cancelled_on: string | null
  monthly_value_cents: number | null
}

interface ContractState {
  id: number | null
  original: ContractValues | null
  current: ContractValues
  /** a cancellation recorded in winback was kept against the file */
  keptCancellation?: boolean
}

const contractColumns = [
  'customer_id',
  'number',
  'product',
  'started_on',
  'ends_on',
  'cancelled_on',
  'monthly_value_cents',
] as const

function sameContract(a: ContractValues, b: ContractValues): boolean {
  return contractColumns.every((c) => a[c] === b[c])
}

/** What an import keeps of a stored customer: the columns it compares and merges, and the erasure. */
const ORIGINAL_COLUMNS = [...customerColumns, 'id', 'erased_at'] as const
type OriginalCustomer = Pick<CustomerRow, (typeof ORIGINAL_COLUMNS)[number]>

/**
 * A customer this run created holds no copy of what it wrote: a million new customers' values took
 * 200 MB. A later record for them is compared with the row read back.
 */
const WRITTEN = Symbol('as this run wrote it')

/**
 * Likewise a customer stored before this run that it left as it was: a re-import meets a million,
 * whose stored rows took 300 MB. A later record for one reads the row again.
 */
const AS_STORED = Symbol('stored before this run, unchanged by it')

/** the row before this run (AS_STORED: unchanged, read again when needed); null if new */
type Original = OriginalCustomer | typeof AS_STORED | null
/** what this run wrote (WRITTEN: created, as stored now); null while as stored (or new and not yet written) */
type Current = CustomerValues | typeof WRITTEN | null

/** A document stored before this run that the file has. */
interface StoredDocumentState {
  id: number
  original: DocumentValues
  current: DocumentValues
}

/**
 * Writes the records of one file inside the caller's transaction, batch after batch as they are
 * read. Customers are created or updated by number, documents by source and key; a record seen again
 * in a later batch (a document whose positions continue, a customer with more fields) updates what
 * this run wrote. The counts compare the end state with what was stored before the run, so the
 * same file twice reports everything unchanged.
 */
export class ImportWriter {
  /**
   * The run's customers by number: the index the batches name them by. What the run knows of each
   * is kept in arrays by that index, not in an object per customer (a million took 56 MB more).
   */
  private readonly customers = new StringIndex()
  private readonly customerNumbers = this.customers.keys
  /** each customer's id; null while new and not yet written */
  private readonly ids: (number | null)[] = []
  private readonly originals: Original[] = []
  private readonly currents: Current[] = []
  /** documents this run inserted for each customer */
  private readonly documentsCreatedFor: number[] = []
  /**
   * Documents stored before this run that the file changes: what was stored and what the file says
   * now. One the file leaves as it was is only counted (`storedUnchanged`): a second import of a
   * large file meets millions of them, and a state each held gigabytes. Documents this run inserts
   * keep no state of their own either: their customer counts them.
   */
  private readonly storedDocuments = new Map<string, StoredDocumentState>()
  private storedUnchanged = 0
  /** the ids of documents stored before this run that it compared with the file */
  private readonly compared = new IdBitSet()
  /** without a run to mark them (the demo, tests) the keys this writer inserted: a small set */
  private readonly insertedWithoutRun = new Set<string>()
  private readonly contracts = new Map<string, ContractState>()
  private readonly warnings: ImportIssue[] = []
  private owners: Map<string, number | null> | null = null
  private users: { id: number; email: string; name: string }[] | null = null
  private sourceHasDocuments: boolean | null = null
  /** whether any customer was stored before this run: if none, a number this run has not seen is new */
  private customersStored: boolean | null = null
  /** match keys of erased persons; an erased person is never imported again */
  private erasureKeys: Set<string> | null = null
  /** customer numbers refused because the person was erased */
  private readonly suppressed = new Set<string>()

  constructor(
    private readonly db: Db,
    private readonly trx: Transaction<Database>,
    private readonly options: {
      fileName: string
      source: string
      importRunId: number | null
      now: string
      /** the orders indexes by customer, if the import set them aside: built again before deleting by customer */
      orderIndexesByCustomer?: SetAsideIndexes | null
    },
  ) {}

  async write(batch: RecordBatch): Promise<void> {
    await this.writeCustomers(batch)
    await this.writeDocuments(batch.documents)
    if (batch.contracts)
      await this.writeContracts(batch.contracts.filter((c) => !this.suppressed.has(c.customerNumber)))
  }

  /** Customer numbers this run refused because the person was erased. */
  suppressedCustomerNumbers(): string[] {
    return [...this.suppressed]
  }

  /** Customers whose data or documents this run changed: only they need classifying again. */
  changedCustomerIds(): number[] {
    const ids = new Set<number>()
    for (let i = 0; i < this.ids.length; i++) {
      const id = this.ids[i]!
      if (id !== null && changedByRun(this.originals[i]!, this.currents[i]!)) ids.add(id)
    }
    for (let i = 0; i < this.ids.length; i++) {
      const id = this.ids[i]!
      if (this.documentsCreatedFor[i]! > 0 && id !== null) ids.add(id)
    }
    for (const state of this.storedDocuments.values()) {
      if (documentChanged(state.original, state.current)) {
        ids.add(state.current.customer_id)
        ids.add(state.original.customer_id)
      }
    }
    for (const state of this.contracts.values()) {
      if (!state.original || !sameContract(state.original, state.current)) {
        ids.add(state.current.customer_id)
        if (state.original) ids.add(state.original.customer_id)
      }
    }
    return [...ids]
  }

  result(): WriteResult {
    let customersCreated = 0
    let customersUpdated = 0
    for (let i = 0; i < this.currents.length; i++) {
      const current = this.currents[i]!
      const original = this.originals[i]!
      if (!current) continue
      if (!original) customersCreated++
      else if (changedByRun(original, current)) customersUpdated++
    }
    let documentsCreated = 0
    let documentsUpdated = 0
    let documentsUnchanged = this.storedUnchanged
    for (const created of this.documentsCreatedFor) documentsCreated += created
    for (const state of this.storedDocuments.values()) {
      if (documentChanged(state.original, state.current)) documentsUpdated++
      else documentsUnchanged++
    }
    let contractsCreated = 0
    let contractsUpdated = 0
    let contractsUnchanged = 0
    for (const state of this.contracts.values()) {
      if (!state.original) contractsCreated++
      else if (!sameContract(state.original, state.current)) contractsUpdated++
      else contractsUnchanged++
    }
    return {
      customersCreated,
      customersUpdated,
      documentsCreated,
      documentsUpdated,
      documentsUnchanged,
      contractsCreated,
      contractsUpdated,
      contractsUnchanged,
      warnings: this.warnings,
    }
  }

  private async writeCustomers(batch: RecordBatch): Promise<void> {
    const { trx } = this
    const records = new Map<string, CustomerRecord>()
    const referenced = batch.customerNumbers.concat((batch.contracts ?? []).map((c) => c.customerNumber))
    for (const number of referenced)
      if (!this.customers.has(number)) records.set(number, { customerNumber: number })
    for (const c of batch.customers) records.set(c.customerNumber, c)
    // the customers new to this run come in this batch's list: their index is their place in it
    const unknown = batch.customerNumbers
    this.customersStored ??=
      (await trx.selectFrom('customers').select('id').limit(1).executeTakeFirst()) !== undefined
    const stored = this.customersStored
      ? await findCustomerColumnsByNumbers(trx, unknown, ORIGINAL_COLUMNS)
      : new Map<string, OriginalCustomer>()
    for (const number of unknown) {
      if (this.customers.has(number)) throw new Error(`customer ${number} was named in two batches' lists`)
      const original = stored.get(number) ?? null
      this.customers.add(number)
      this.ids.push(original?.id ?? null)
      this.originals.push(original)
      this.currents.push(null)
      this.documentsCreatedFor.push(0)
    }
    const at = (number: string) => {
      const index = this.customers.get(number)
      if (index === undefined) throw new Error(`customer ${number} was not named in a batch's list`)
      return index
    }
    const unchangedBefore = [...records.keys()].filter((n) => this.originals[at(n)] === AS_STORED)
    if (unchangedBefore.length > 0)
      for (const [number, row] of await findCustomerColumnsByNumbers(trx, unchangedBefore, ORIGINAL_COLUMNS))
        this.originals[at(number)] = row
    await this.refuseErased(records, batch.documents)
    const owners = await this.resolveOwners([...records.values()])
    const createdBefore = [...records.keys()].filter((n) => this.currents[at(n)] === WRITTEN)
    const asWritten =
      createdBefore.length > 0
        ? await findCustomerColumnsByNumbers(trx, createdBefore, customerColumns)
        : new Map<string, Pick<CustomerRow, (typeof customerColumns)[number]>>()
    const inserts: CustomerValues[] = []
    const updates: ({ id: number } & Partial<NewCustomerRow>)[] = []
    for (const [number, record] of records) {
      const index = at(number)
      const original = originalOf(this.originals[index]!)
      const current = this.currents[index]!
      const ownerId = record.owner === undefined ? undefined : (owners.get(record.owner) ?? undefined)
      const values = customerValues(record, original ?? undefined, ownerId)
      const now =
        current === WRITTEN
          ? customerValues({ customerNumber: number }, asWritten.get(number)!, undefined)
          : (current ?? (original ? customerValues({ customerNumber: number }, original, undefined) : null))
      // as stored: nothing to write, and no copy kept (a re-import meets a million of them)
      if (now && sameCustomerValues(now, values)) continue
      const id = this.ids[index]!
      if (id === null && current === null) inserts.push(values)
      else
        updates.push({
          id: id ?? (await this.customerId(number)),
          ...values,
          updated_at: this.options.now,
        })
      this.currents[index] = values
    }
    const bulk = createBulkWriter(this.db, trx)
    const { source, now } = this.options
    const created = await bulk.insertReturning(
      'customers',
      inserts,
      { source, created_at: now, updated_at: now },
      ['id', 'customer_number'],
    )
    for (const row of created) this.ids[at(row.customer_number)] = row.id
    await bulk.updateById('customers', updates)
    // what was just written for new customers, and what was left as stored, is in the database: no copy kept
    for (const number of records.keys()) {
      const index = at(number)
      if (this.originals[index] === null && this.currents[index] !== null) this.currents[index] = WRITTEN
      else if (this.originals[index] !== null && this.currents[index] === null)
        this.originals[index] = AS_STORED
    }
  }

  /**
   * Takes out of `records` every person who was erased: the same customer number (erased_at set) or
   * an e-mail, phone or name and address on the suppression list for an erasure. Each is reported
   * once, at the first line of one of their documents; what an earlier batch of this run already
   * wrote for them is taken back.
   */
  private async refuseErased(records: Map<string, CustomerRecord>, documents: DocumentColumns) {
    this.erasureKeys ??= new Set(
      (
        await this.trx
          .selectFrom('suppression_list')
          .select('match_key')
          .where('reason', '=', 'erasure')
          .execute()
      ).map((r) => r.match_key),
    )
    for (const [number, record] of records) {
      if (this.suppressed.has(number)) {
        records.delete(number)
        continue
      }
      const index = this.customers.get(number)!
      const original = originalOf(this.originals[index]!)
      const erased = original?.erased_at != null
      const matched =
        !erased &&
        this.erasureKeys.size > 0 &&
        suppressionKeys({
          email: record.email ?? original?.email,
          phone: record.phone ?? original?.phone,
          companyName: record.companyName ?? original?.company_name,
          firstName: record.firstName ?? original?.first_name,
          lastName: record.lastName ?? original?.last_name,
          street: record.street ?? original?.street,
          postalCode: record.postalCode ?? original?.postal_code,
        }).some((k) => this.erasureKeys!.has(k.matchKey))
      if (!erased && !matched) continue
      records.delete(number)
      this.suppressed.add(number)
      await this.takeBack(index)
      this.warnings.push({
        severity: 'warning',
        code: 'suppressed',
        file: this.options.fileName,
        line: documents.line[documents.customer.indexOf(index)] ?? 0,
        column: null,
        value: number,
        ...issueText(say(erased ? 'importErased' : 'importMatchesErased', { customer: number })),
      })
    }
  }

  /** Removes what this run wrote for a customer that turned out to be refused. */
  private async takeBack(index: number): Promise<void> {
    const id = this.ids[index]!
    if (id !== null && !this.originals[index]) {
      await this.options.orderIndexesByCustomer?.restore()
      await this.trx.deleteFrom('orders').where('customer_id', '=', id).execute()
      await this.trx.deleteFrom('customers').where('id', '=', id).execute()
    }
    this.ids[index] = originalOf(this.originals[index]!)?.id ?? null
    this.currents[index] = null
    this.documentsCreatedFor[index] = 0
  }

  private async customerId(number: string): Promise<number> {
    const ids = await findCustomerIdsByNumbers(this.trx, [number])
    return ids.get(number)!
  }

  /**
   * Documents new to the source are inserted straight from the columns, without an object each;
   * a document this run inserted and the file continues (positions across two batches) is updated;
   * one stored before is compared with the file and updated when it differs.
   */
  private async writeDocuments(all: DocumentColumns): Promise<void> {
    const { trx } = this
    const { source, importRunId } = this.options
    const docs = this.suppressed.size > 0 ? this.withoutRefused(all) : all
    this.sourceHasDocuments ??= await hasDocumentsFromSource(trx, source)
    const customerIds = new Float64Array(docs.length)
    for (let i = 0; i < docs.length; i++) customerIds[i] = this.ids[docs.customer[i]!]!
    const originals = this.sourceHasDocuments
      ? await findDocumentsByKeys(
          trx,
          source,
          docs.externalKey.filter((_, i) => docs.continued[i] === FIRST_HANDED_OVER),
        )
      : new Map()
    // under a key handed over long before: what this run wrote or compared under it, if anything
    const underOlderKeys = await findDocumentsByKeys(
      trx,
      source,
      docs.externalKey.filter((_, i) => docs.continued[i] === KEY_HANDED_OVER_BEFORE),
    )
    const inserts: number[] = []
    const continued: number[] = []
    const updates: ({ id: number } & DocumentValues)[] = []
    const valuesAt = (i: number) => documentValuesAt(docs, i, customerIds[i]!, source, importRunId)
    for (let i = 0; i < docs.length; i++) {
      const key = docs.externalKey[i]!
      const handOver = docs.continued[i]!
      const stored = handOver === CONTINUED ? this.storedDocuments.get(key) : undefined
      if (stored) {
        const values = valuesAt(i)
        if (!documentChanged(stored.current, values)) continue
        updates.push({ id: stored.id, ...values })
        stored.current = values
        continue
      }
      if (handOver === CONTINUED) {
        continued.push(i)
        continue
      }
      const original = handOver === KEY_HANDED_OVER_BEFORE ? underOlderKeys.get(key) : originals.get(key)
      // written or compared by this run: a stored document it changed is in storedDocuments (and its
      // row names this run), one it inserted names this run, one it left unchanged so far was compared
      if (
        handOver === KEY_HANDED_OVER_BEFORE &&
        original &&
        (this.storedDocuments.has(key) || this.insertedHere(key, original) || this.compared.has(original.id))
      ) {
        updates.push(this.addToWritten(key, original, valuesAt(i), docs.line[i]!))
        continue
      }
      // the key is new to this run (or only shares a hash with an older one)
      if (!original) {
        inserts.push(i)
        this.documentsCreatedFor[docs.customer[i]!]!++
        if (importRunId === null) this.insertedWithoutRun.add(key)
        continue
      }
      const { id, ...before } = original
      this.compared.add(id)
      const values = valuesAt(i)
      if (!documentChanged(before, values)) {
        this.storedUnchanged++
        continue
      }
      this.storedDocuments.set(key, { id, original: before, current: values })
      updates.push({ id, ...values })
    }
    // written by customer (a customer's own documents in the file's order): in the file's order of
    // documents or dates, each customer's documents lay all over the table, and reading the ledgers
    // after the import (a range of customers at a time) touched a page of it for nearly every
    // document on PostgreSQL; the index by customer is also written in its own order
    inserts.sort((a, b) => customerIds[a]! - customerIds[b]! || a - b)
    const bulk = createBulkWriter(this.db, trx)
    const fill: RowFill = (values, offset, row) => {
      const i = inserts[row]!
      documentFill(values, offset, docs, i, customerIds[i]!, source, importRunId)
    }
    await bulk.insertRows('orders', documentColumnNames, inserts.length, fill)
    // continued with more positions: inserted by this run (found by key after the inserts above), or
    // stored before and unchanged so far (the row is still what was stored)
    if (continued.length > 0) {
      const rows = await findDocumentsByKeys(
        trx,
        source,
        continued.map((i) => docs.externalKey[i]!),
      )
      for (const i of continued) {
        const key = docs.externalKey[i]!
        const { id, ...row } = rows.get(key)!
        const values = valuesAt(i)
        if (this.insertedHere(key, row)) updates.push({ id, ...values })
        else if (documentChanged(row, values)) {
          this.storedUnchanged--
          this.storedDocuments.set(key, { id, original: row, current: values })
          updates.push({ id, ...values })
        }
      }
    }
    await bulk.updateById('orders', updates)
  }

  /** Whether this run inserted the stored document under a key. */
  private insertedHere(key: string, row: { import_run_id: number | null }): boolean {
    const { importRunId } = this.options
    return importRunId === null ? this.insertedWithoutRun.has(key) : row.import_run_id === importRunId
  }

  /**
   * A document the reader handed over long before gets more positions (KEY_HANDED_OVER_BEFORE):
   * they add to what this run wrote, as the reader adds positions it still holds. The update to
   * make; the same document for another customer is an error of the file.
   */
  private addToWritten(
    key: string,
    row: { id: number } & DocumentValues,
    more: DocumentValues,
    line: number,
  ): { id: number } & DocumentValues {
    const { id, ...written } = row
    if (written.customer_id !== more.customer_id) {
      const numberOf = (customerId: number) =>
        this.customerNumbers[this.ids.indexOf(customerId)] ?? String(customerId)
      throw new AppError(
        'import_rejected',
        say('importDocumentRepeatedFar', {
          document: written.number ?? key,
          line,
          first: numberOf(written.customer_id),
          here: numberOf(more.customer_id),
        }),
      )
    }
    const sum = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b)
    const values: DocumentValues = {
      ...written,
      import_run_id: more.import_run_id,
      net_cents: written.net_cents + more.net_cents,
      gross_cents: sum(written.gross_cents, more.gross_cents),
      margin_cents: sum(written.margin_cents, more.margin_cents),
      quantity: sum(written.quantity, more.quantity),
      counts_as_purchase: written.counts_as_purchase && more.counts_as_purchase ? 1 : 0,
    }
    const state = this.storedDocuments.get(key)
    if (state) state.current = values
    else if (!this.insertedHere(key, row)) {
      // stored before and counted unchanged when it was compared: now the file changes it
      this.storedUnchanged--
      this.storedDocuments.set(key, { id, original: written, current: values })
    }
    return { id, ...values }
  }

  /** The documents of all but the customers refused because they were erased. */
  private withoutRefused(docs: DocumentColumns): DocumentColumns {
    const kept: number[] = []
    for (let i = 0; i < docs.length; i++)
      if (!this.suppressed.has(this.customerNumbers[docs.customer[i]!]!)) kept.push(i)
    return kept.length === docs.length ? docs : pickDocuments(docs, kept)
  }

  /**
   * Contracts by source and number: new ones inserted, changed ones updated, the same twice left
   * alone. A contract's dates from the file replace what is stored (the file is the source of
   * truth), except that a cancellation recorded in winback (open or effective) is not undone by a
   * file that shows none yet: it is kept, with a warning.
   */
  private async writeContracts(contracts: readonly ContractRecord[]): Promise<void> {
    const { trx } = this
    const { source } = this.options
    const unknown = contracts.filter((c) => !this.contracts.has(c.externalKey)).map((c) => c.externalKey)
    const originals = unknown.length > 0 ? await findContractsByKeys(trx, source, unknown) : new Map()
    const recorded = await this.recordedCancellations([...originals.values()].map((o) => o.id))
    const inserts: (ContractValues & {
      source: string
      external_key: string
      import_run_id: number | null
    })[] = []
    const updates: ({ id: number } & ContractValues & { import_run_id: number | null })[] = []
    for (const c of contracts) {
      const values: ContractValues = {
        customer_id: this.ids[this.customers.get(c.customerNumber)!]!,
        number: c.externalKey,
        product: c.product,
        started_on: c.startedOn,
        ends_on: c.endsOn,
        cancelled_on: c.cancelledOn,
        monthly_value_cents: c.monthlyValueCents,
      }
      const state = this.contracts.get(c.externalKey)
      if (state) {
        if (state.keptCancellation && values.cancelled_on === null && state.original) {
          values.cancelled_on = state.original.cancelled_on
          values.ends_on ??= state.original.ends_on
        }
        if (sameContract(state.current, values)) continue
        state.id ??= (await findContractsByKeys(trx, source, [c.externalKey])).get(c.externalKey)!.id
        updates.push({ id: state.id!, ...values, import_run_id: this.options.importRunId })
        state.current = values
        continue
      }
      const original = originals.get(c.externalKey)
      if (!original) {
        inserts.push({
          ...values,
          source,
          external_key: c.externalKey,
          import_run_id: this.options.importRunId,
        })
        this.contracts.set(c.externalKey, { id: null, original: null, current: values })
        continue
      }
      const stored: ContractValues = {
        customer_id: original.customer_id,
        number: original.number ?? c.externalKey,
        product: original.product,
        started_on: original.started_on,
        ends_on: original.ends_on,
        cancelled_on: original.cancelled_on,
        monthly_value_cents:
          original.monthly_value_cents === null ? null : Number(original.monthly_value_cents),
      }
      // a cancellation recorded in winback that the file does not know of yet is not undone by it
      const received = recorded.get(original.id)
      const keep = received !== undefined && values.cancelled_on === null && stored.cancelled_on !== null
      if (keep) {
        values.cancelled_on = stored.cancelled_on
        values.ends_on ??= stored.ends_on
        this.warnings.push({
          severity: 'warning',
          code: 'cancellation_kept',
          file: this.options.fileName,
          line: c.line,
          column: null,
          value: c.externalKey,
          ...issueText(say('importCancellationKept', { contract: c.externalKey, received })),
        })
      }
      this.contracts.set(c.externalKey, {
        id: original.id,
        original: stored,
        current: values,
        keptCancellation: keep,
      })
      if (!sameContract(stored, values))
        updates.push({ id: original.id, ...values, import_run_id: this.options.importRunId })
    }
    const bulk = createBulkWriter(this.db, trx)
    await bulk.insert('contracts', inserts)
    await bulk.updateById('contracts', updates)
  }

  /** Contract id → day received, for contracts with a cancellation recorded in winback that is open or effective. */
  private async recordedCancellations(contractIds: readonly number[]): Promise<Map<number, string>> {
    const found = new Map<number, string>()
    for (const part of chunks(contractIds)) {
      const rows = await this.trx
        .selectFrom('contract_cancellations')
        .select(['contract_id', 'received_on'])
        .where('contract_id', 'in', part)
        .where('outcome', 'in', ['pending', 'effective'])
        .execute()
      for (const r of rows) found.set(r.contract_id, r.received_on)
    }
    return found
  }

  /** Owners are named by e-mail or name; unknown ones are reported once and left unassigned. */
  private async resolveOwners(records: readonly CustomerRecord[]): Promise<Map<string, number | null>> {
    this.owners ??= new Map()
    for (const record of records) {
      const name = record.owner
      if (name === undefined || this.owners.has(name)) continue
      this.users ??= await this.trx.selectFrom('users').select(['id', 'email', 'name']).execute()
      const key = name.trim().toLowerCase()
      const user = this.users.find((u) => u.email === key || u.name.toLowerCase() === key)
      this.owners.set(name, user?.id ?? null)
      if (!user) {
        this.warnings.push({
          severity: 'warning',
          code: 'unknown_owner',
          file: this.options.fileName,
          line: 0,
          column: null,
          value: name,
          ...issueText(say('importUnknownOwner', { name })),
        })
      }
    }
    return this.owners
  }
}

export interface WriteImportOptions {
  db: Db
  fileName: string
  customers: readonly CustomerRecord[]
  documents: readonly DocumentRecord[]
  source: string
  importRunId: number | null
  now: string
}

/**
 * Writes a complete set of records in one transaction (the demo company, tests); file imports use
 * ImportWriter batch by batch (import-file.ts). If anything fails, nothing stays.
 */
export async function writeImport(options: WriteImportOptions): Promise<WriteResult> {
  return options.db.kysely.transaction().execute(async (trx) => {
    await holdImportLock(trx)
    const writer = new ImportWriter(options.db, trx, options)
    const index = new Map<string, number>()
    const indexOf = (number: string) => {
      if (!index.has(number)) index.set(number, index.size)
      return index.get(number)!
    }
    for (const c of options.customers) indexOf(c.customerNumber)
    // a key listed twice: the later one continues the first
    const keys = new Set<string>()
    const documents = documentColumns(
      options.documents,
      (i) => indexOf(options.documents[i]!.customerNumber),
      (i) => (keys.size === keys.add(options.documents[i]!.externalKey).size ? CONTINUED : FIRST_HANDED_OVER),
    )
    await writer.write({ ...options, customerNumbers: [...index.keys()], documents })
    return writer.result()
  })
}

/** The documents at the given positions. */
function pickDocuments(docs: DocumentColumns, kept: readonly number[]): DocumentColumns {
  const pick = <T>(column: ArrayLike<T>) => kept.map((i) => column[i]!)
  const pickCoded = <T>(column: CodedColumn<T>) => ({
    codes: Int32Array.from(pick(column.codes)),
    values: column.values,
  })
  return {
    length: kept.length,
    customer: Int32Array.from(pick(docs.customer)),
    continued: Uint8Array.from(pick(docs.continued)),
    externalKey: pick(docs.externalKey),
    number: pick(docs.number),
    numberInKey: Uint8Array.from(pick(docs.numberInKey)),
    referenceNumber: pick(docs.referenceNumber),
    kind: pickCoded(docs.kind),
    date: pickCoded(docs.date),
    currency: pickCoded(docs.currency),
    status: pickCoded(docs.status),
    netCents: Float64Array.from(pick(docs.netCents)),
    grossCents: Float64Array.from(pick(docs.grossCents)),
    marginCents: Float64Array.from(pick(docs.marginCents)),
    quantity: Float64Array.from(pick(docs.quantity)),
    countsAsPurchase: Uint8Array.from(pick(docs.countsAsPurchase)),
    line: Float64Array.from(pick(docs.line)),
  }
}

/** Whether what this run wrote for a customer differs from what was stored before it (or is new). */
function changedByRun(stored: Original, current: Current): boolean {
  if (current === null) return false
  const original = originalOf(stored)
  if (original === null || current === WRITTEN) return true
  return !sameCustomerValues(original, current)
}

/** The row a customer had before this run (null: new), once read again if it was let go (AS_STORED). */
function originalOf(original: Original): OriginalCustomer | null {
  if (original === AS_STORED) throw new Error('the customer’s stored row was let go and not read again')
  return original
}
