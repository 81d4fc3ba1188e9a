import type { ImportIssue, ImportIssueCode } from '../../../shared/imports'
import {
  type ContractRecord,
  type CustomerRecord,
  type DocumentColumns,
  type DocumentRecord,
  documentColumns,
  type RejectedRow,
  type Table,
} from './records'

/** Every field of a customer record (a fixed list: faster to walk than the record's own keys). */
const customerRecordKeys = [
  'customerNumber',
  'type',
  'companyName',
  'salutation',
  'firstName',
  'lastName',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'segment',
  'tags',
  'owner',
  'isProjectCustomer',
] as const satisfies readonly (keyof CustomerRecord)[]

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** A format's reader: fed the file's rows chunk by chunk, collecting into one collector. */
export interface ChunkReader {
  collector: RecordCollector
  read(chunk: Table): void
}

/**
 * Collects what a format makes of its rows: customer records merged by number, documents merged by
 * key (line items of one invoice add up), and the issues of each invalid row, which contributes nothing.
 */
export class RecordCollector {
  readonly customers = new Map<string, CustomerRecord>()
  readonly documents = new Map<string, DocumentRecord>()
  readonly contracts = new Map<string, ContractRecord>()
  readonly issues: ImportIssue[] = []
  readonly rejected: RejectedRow[] = []
  readonly notes = new Set<string>()
  rowsValid = 0
  private rowIssues: ImportIssue[] = []
  /** what changed since the last drain: a streamed import writes these after each chunk */
  private readonly touchedCustomers = new Set<string>()
  private readonly touchedDocuments = new Set<string>()
  private readonly touchedContracts = new Set<string>()
  /** documents first read since the last drain (the others touched were handed over before) */
  private readonly newDocuments = new Set<string>()
  /** every customer number handed over so far → its index (the writer keeps the same list) */
  private readonly customerIndexes = new Map<string, number>()
  private drainedIssues = 0
  private drainedRejected = 0

  constructor(readonly fileName: string) {}

  /** Records a problem with the row being read; the row will be rejected. */
  error(
    line: number,
    code: ImportIssueCode,
    column: string | null,
    value: string | null,
    reason: string,
  ): void {
    this.rowIssues.push({ severity: 'error', code, file: this.fileName, line, column, value, reason })
  }

  warning(
    line: number,
    code: ImportIssueCode,
    column: string | null,
    value: string | null,
    reason: string,
  ): void {
    this.issues.push({ severity: 'warning', code, file: this.fileName, line, column, value, reason })
  }

  get rowHasErrors(): boolean {
    return this.rowIssues.length > 0
  }

  /** Ends the current row: keeps its records if it had no errors, else rejects it with its reasons. */
  finishRow(
    line: number,
    cells: readonly string[],
    customer: CustomerRecord | null,
    document: DocumentRecord | null,
  ): void {
    if (!this.rowHasErrors && document) this.mergeDocument(document, line)
    if (this.rowIssues.length > 0) {
      this.issues.push(...this.rowIssues)
      this.rejected.push({ line, cells: [...cells], reasons: this.rowIssues.map((i) => i.reason) })
      this.rowIssues = []
      return
    }
    if (customer) this.mergeCustomer(customer)
    this.rowsValid++
  }

  /**
   * Ends a row of a contract file. A contract number seen again for the same customer: the later
   * row wins (an export that lists a contract twice, e.g. before and after a change); for another
   * customer it is an error.
   */
  finishContractRow(
    line: number,
    cells: readonly string[],
    customer: CustomerRecord | null,
    contract: ContractRecord | null,
  ): void {
    const existing = contract ? this.contracts.get(contract.externalKey) : undefined
    if (contract && existing && existing.customerNumber !== contract.customerNumber && !this.rowHasErrors)
      this.error(
        line,
        'conflicting_document',
        null,
        contract.externalKey,
        `Contract ${contract.externalKey} already appeared on line ${existing.line} for customer ${existing.customerNumber}, here for ${contract.customerNumber}`,
      )
    if (!this.rowHasErrors && contract) {
      this.contracts.set(contract.externalKey, contract)
      this.touchedContracts.add(contract.externalKey)
    }
    this.finishRow(line, cells, customer, null)
  }

  /** Adds one more position (line item) to a document already read. */
  addPosition(
    document: DocumentRecord,
    position: Pick<
      DocumentRecord,
      'netCents' | 'grossCents' | 'marginCents' | 'quantity' | 'countsAsPurchase'
    >,
  ): void {
    document.netCents += position.netCents
    if (position.grossCents !== null) document.grossCents = (document.grossCents ?? 0) + position.grossCents
    if (position.marginCents !== null)
      document.marginCents = (document.marginCents ?? 0) + position.marginCents
    if (position.quantity !== null) document.quantity = (document.quantity ?? 0) + position.quantity
    document.countsAsPurchase = document.countsAsPurchase && position.countsAsPurchase
    this.touchedDocuments.add(document.externalKey)
  }

  /**
   * The current state of every customer and document the rows since the last drain touched. The
   * documents come as columns naming their customer by index: `customerNumbers` are the numbers
   * indexed for the first time in this drain, continuing the list of earlier drains.
   */
  drain(): {
    customers: CustomerRecord[]
    customerNumbers: string[]
    documents: DocumentColumns
    contracts: ContractRecord[]
    issues: ImportIssue[]
    rejected: RejectedRow[]
  } {
    const customers = [...this.touchedCustomers].map((n) => this.customers.get(n)!)
    const documents = [...this.touchedDocuments].map((k) => this.documents.get(k)!)
    const contracts = [...this.touchedContracts].map((k) => this.contracts.get(k)!)
    const customerNumbers: string[] = []
    const indexOf = (number: string) => {
      let index = this.customerIndexes.get(number)
      if (index === undefined) {
        index = this.customerIndexes.size
        this.customerIndexes.set(number, index)
        customerNumbers.push(number)
      }
      return index
    }
    for (const c of customers) indexOf(c.customerNumber)
    for (const c of contracts) indexOf(c.customerNumber)
    const columns = documentColumns(documents, indexOf, (key) => !this.newDocuments.has(key))
    this.touchedCustomers.clear()
    this.touchedDocuments.clear()
    this.touchedContracts.clear()
    this.newDocuments.clear()
    const issues = this.issues.slice(this.drainedIssues)
    const rejected = this.rejected.slice(this.drainedRejected)
    this.drainedIssues = this.issues.length
    this.drainedRejected = this.rejected.length
    return { customers, customerNumbers, documents: columns, contracts, issues, rejected }
  }

  /** Adds a document derived from a row already accepted (a refund's credit note). */
  addDerived(document: DocumentRecord, line: number): void {
    this.mergeDocument(document, line)
  }

  private mergeCustomer(record: CustomerRecord): void {
    const existing = this.customers.get(record.customerNumber)
    if (!existing) {
      this.customers.set(record.customerNumber, { ...record })
      this.touchedCustomers.add(record.customerNumber)
      return
    }
    let changed = false
    for (const key of customerRecordKeys) {
      const value = record[key]
      if (value === undefined || value === existing[key]) continue
      // tags are arrays: compare their contents, not their identity
      if (key === 'tags' && existing.tags !== undefined && sameList(record.tags!, existing.tags)) continue
      ;(existing as unknown as Record<string, unknown>)[key] = value
      changed = true
    }
    // a customer repeated unchanged on a later row need not be written again
    if (changed) this.touchedCustomers.add(record.customerNumber)
  }

  private mergeDocument(doc: DocumentRecord, line: number): void {
    const existing = this.documents.get(doc.externalKey)
    if (!existing) {
      this.documents.set(doc.externalKey, doc)
      this.touchedDocuments.add(doc.externalKey)
      this.newDocuments.add(doc.externalKey)
      return
    }
    if (existing.customerNumber !== doc.customerNumber) {
      this.error(
        line,
        'conflicting_document',
        null,
        doc.number,
        `Document ${doc.number ?? doc.externalKey} already appeared on line ${existing.line} for customer ${existing.customerNumber}, here for ${doc.customerNumber}`,
      )
      return
    }
    this.addPosition(existing, doc)
  }
}
