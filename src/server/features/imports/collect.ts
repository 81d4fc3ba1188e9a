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

/**
 * Sets every field the record has on the target; true when one differed. Field by field rather than
 * by a loop over keys: this runs for every document of a file, and named fields are much faster.
 */
function mergeCustomerInto(t: CustomerRecord, r: CustomerRecord): boolean {
  let changed = false
  if (r.type !== undefined && r.type !== t.type) {
    t.type = r.type
    changed = true
  }
  if (r.companyName !== undefined && r.companyName !== t.companyName)
    changed = set(t, 'companyName', r.companyName)
  if (r.salutation !== undefined && r.salutation !== t.salutation)
    changed = set(t, 'salutation', r.salutation)
  if (r.firstName !== undefined && r.firstName !== t.firstName) changed = set(t, 'firstName', r.firstName)
  if (r.lastName !== undefined && r.lastName !== t.lastName) changed = set(t, 'lastName', r.lastName)
  if (r.email !== undefined && r.email !== t.email) changed = set(t, 'email', r.email)
  if (r.phone !== undefined && r.phone !== t.phone) changed = set(t, 'phone', r.phone)
  if (r.street !== undefined && r.street !== t.street) changed = set(t, 'street', r.street)
  if (r.postalCode !== undefined && r.postalCode !== t.postalCode)
    changed = set(t, 'postalCode', r.postalCode)
  if (r.city !== undefined && r.city !== t.city) changed = set(t, 'city', r.city)
  if (r.country !== undefined && r.country !== t.country) changed = set(t, 'country', r.country)
  if (r.segment !== undefined && r.segment !== t.segment) changed = set(t, 'segment', r.segment)
  if (r.owner !== undefined && r.owner !== t.owner) changed = set(t, 'owner', r.owner)
  if (r.isProjectCustomer !== undefined && r.isProjectCustomer !== t.isProjectCustomer) {
    t.isProjectCustomer = r.isProjectCustomer
    changed = true
  }
  // tags are arrays: compare their contents, not their identity
  if (r.tags !== undefined && !(t.tags !== undefined && sameList(r.tags, t.tags))) {
    t.tags = r.tags
    changed = true
  }
  return changed
}

type TextField = Exclude<keyof CustomerRecord, 'type' | 'tags' | 'isProjectCustomer'>

function set(target: CustomerRecord, field: TextField, value: string): true {
  target[field] = value
  return true
}

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
  // documents by identity: no key to hash again
  private readonly touchedDocuments = new Set<DocumentRecord>()
  private readonly touchedContracts = new Set<string>()
  /** documents first read since the last drain (the others touched were handed over before) */
  private readonly newDocuments = new Set<DocumentRecord>()
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
    this.touchedDocuments.add(document)
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
    const documents = [...this.touchedDocuments]
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
    const columns = documentColumns(documents, indexOf, (doc) => !this.newDocuments.has(doc))
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
    const changed = mergeCustomerInto(existing, record)
    // a customer repeated unchanged on a later row need not be written again
    if (changed) this.touchedCustomers.add(record.customerNumber)
  }

  private mergeDocument(doc: DocumentRecord, line: number): void {
    const existing = this.documents.get(doc.externalKey)
    if (!existing) {
      this.documents.set(doc.externalKey, doc)
      this.touchedDocuments.add(doc)
      this.newDocuments.add(doc)
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
