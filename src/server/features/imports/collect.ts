import type { ImportIssue, ImportIssueCode } from '../../../shared/imports'
import { StringHashSet, StringIndex } from '../../lib/compact-sets'
import { type ServerText, say } from '../../lib/errors'
import { issueText } from './issue-text'
import { ownContractTexts, ownCopy, ownDocumentTexts } from './own-copy'
import {
  CONTINUED,
  type ContractRecord,
  type CustomerRecord,
  type DocumentColumns,
  type DocumentRecord,
  documentColumns,
  FIRST_HANDED_OVER,
  KEY_HANDED_OVER_BEFORE,
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
    t.tags = r.tags.map(ownCopy)
    changed = true
  }
  return changed
}

type TextField = Exclude<keyof CustomerRecord, 'type' | 'tags' | 'isProjectCustomer'>

function set(target: CustomerRecord, field: TextField, value: string): true {
  target[field] = ownCopy(value)
  return true
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** Drains whose documents are kept whole: with 50,000 rows per drain, 100,000 to 150,000 rows. */
const KEPT_DRAINS = 2

/** A format's reader: fed the file's rows chunk by chunk, collecting into one collector. */
export interface ChunkReader {
  collector: RecordCollector
  read(chunk: Table): void
}

/**
 * Collects what a format makes of its rows: customer records merged by number, documents merged by
 * key (line items of one invoice add up), and the issues of each invalid row, which contributes nothing.
 *
 * It runs for every row of a file, so it keeps what changed since the last drain in arrays and flags
 * rather than sets, and remembers each new document's customer instead of looking it up again.
 */
export class RecordCollector {
  readonly documents = new Map<string, DocumentRecord>()
  readonly contracts = new Map<string, ContractRecord>()
  readonly issues: ImportIssue[] = []
  readonly rejected: RejectedRow[] = []
  /** notes on assumptions made, by key: a later count replaces an earlier one */
  readonly notes = new Map<string, ServerText>()

  note(text: ServerText): void {
    this.notes.set(text.key, text)
  }
  rowsValid = 0
  /**
   * The customers by number (the collector's own copies), each numbered as a slot in the arrays
   * below rather than kept as an object: a file of a million customers kept a million objects
   * (about 170 bytes each with their records) where a slot takes about 60.
   */
  private readonly customers = new StringIndex()
  private readonly numbers = this.customers.keys
  /** each slot's merged record; null while the rows gave nothing but the number (an orders file) */
  private readonly records: (CustomerRecord | null)[] = []
  /** each slot's index in the run's list of customer numbers once handed over (see drain), else -1 */
  private readonly indexes: number[] = []
  /** whether the slot changed since the last drain (1) or not (0) */
  private readonly touched: number[] = []
  private rowIssues: ImportIssue[] = []
  /** what changed since the last drain: a streamed import writes these after each chunk */
  private touchedCustomers: number[] = []
  private touchedContracts = new Set<string>()
  /** documents first read since the last drain, and the customer (slot) of each */
  private newDocuments: DocumentRecord[] = []
  private newDocumentCustomers: number[] = []
  /** documents handed over before that have changed since (positions spread over chunks: few) */
  private continuedDocuments = new Set<DocumentRecord>()
  /**
   * The documents first handed over by each of the last drains, oldest first. Older ones leave
   * `documents` (a 10,000,000-row file's documents did not fit in memory); their keys stay, hashed.
   */
  private readonly recentDrains: DocumentRecord[][] = []
  private readonly olderKeys = new StringHashSet()
  /** documents read since the last drain under a key in `olderKeys`: they may continue an older one */
  private keyHandedOverBefore = new Set<DocumentRecord>()
  /**
   * The last file line handed over. A document's line is the line that created it and rows come in
   * file order, so a document at or before this line was handed over before.
   */
  private drainedThroughLine = 0
  private lastLine = 0
  /** the customer (slot) of the last row: the next row's documents are most likely theirs too */
  private lastCustomer = -1
  private customersIndexed = 0
  private drainedIssues = 0
  private drainedRejected = 0

  constructor(readonly fileName: string) {}

  /** Records a problem with the row being read; the row will be rejected. */
  error(
    line: number,
    code: ImportIssueCode,
    column: string | null,
    value: string | null,
    text: ServerText,
  ): void {
    this.rowIssues.push({
      severity: 'error',
      code,
      file: this.fileName,
      line,
      column,
      value,
      ...issueText(text),
    })
  }

  warning(
    line: number,
    code: ImportIssueCode,
    column: string | null,
    value: string | null,
    text: ServerText,
  ): void {
    this.issues.push({
      severity: 'warning',
      code,
      file: this.fileName,
      line,
      column,
      value,
      ...issueText(text),
    })
  }

  get rowHasErrors(): boolean {
    return this.rowIssues.length > 0
  }

  /** Every customer collected (merged over all rows). */
  customerRecords(): CustomerRecord[] {
    return this.numbers.map((_, slot) => this.recordOf(slot))
  }

  /** A slot's record as handed over: the merged one, or one with the number alone. */
  private recordOf(slot: number): CustomerRecord {
    return this.records[slot] ?? { customerNumber: this.numbers[slot]! }
  }

  /**
   * Ends the current row: keeps its records if it had no errors, else rejects it with its reasons.
   * True when the row was kept. A row without a customer record is one whose customer an earlier
   * row gave.
   */
  finishRow(
    line: number,
    cells: readonly string[],
    customer: CustomerRecord | null,
    document: DocumentRecord | null,
  ): boolean {
    this.lastLine = line
    const existing = document && !this.rowHasErrors ? this.sameKeyDocument(document, line) : undefined
    if (this.rowIssues.length > 0) {
      this.issues.push(...this.rowIssues)
      this.rejected.push({
        line,
        cells: [...cells],
        reasons: this.rowIssues.map((i) => i.text as ServerText),
      })
      this.rowIssues = []
      return false
    }
    if (customer) this.mergeCustomer(customer)
    if (document) {
      if (existing) this.addPosition(existing, document)
      else this.addDocument(document)
    }
    this.rowsValid++
    return true
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
        say('importContractRepeated', {
          contract: contract.externalKey,
          line: existing.line,
          first: existing.customerNumber,
          here: contract.customerNumber,
        }),
      )
    if (!this.rowHasErrors && contract) {
      ownContractTexts(contract)
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
    // documents of the current chunk are handed over anyway
    if (document.line <= this.drainedThroughLine) this.continuedDocuments.add(document)
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
    const customerNumbers: string[] = []
    const indexOf = (slot: number) => {
      if (this.indexes[slot] === -1) {
        this.indexes[slot] = this.customersIndexed++
        customerNumbers.push(this.numbers[slot]!)
      }
      return this.indexes[slot]!
    }
    const customers = this.touchedCustomers.map((slot) => {
      indexOf(slot)
      this.touched[slot] = 0
      return this.recordOf(slot)
    })
    const contracts = [...this.touchedContracts].map((k) => this.contracts.get(k)!)
    for (const c of contracts) indexOf(this.customerOf(c.customerNumber))
    const continued = [...this.continuedDocuments]
    const documents = continued.length === 0 ? this.newDocuments : [...continued, ...this.newDocuments]
    const owners = this.newDocumentCustomers
    const maybeContinued = this.keyHandedOverBefore
    const columns = documentColumns(
      documents,
      (i) =>
        indexOf(
          i < continued.length
            ? this.customerOf(continued[i]!.customerNumber)
            : owners[i - continued.length]!,
        ),
      (i) =>
        i < continued.length
          ? CONTINUED
          : maybeContinued.size > 0 && maybeContinued.has(documents[i]!)
            ? KEY_HANDED_OVER_BEFORE
            : FIRST_HANDED_OVER,
    )
    this.forgetOlderDocuments(this.newDocuments)
    this.keyHandedOverBefore = new Set()
    this.touchedCustomers = []
    this.touchedContracts = new Set()
    this.newDocuments = []
    this.newDocumentCustomers = []
    this.continuedDocuments = new Set()
    this.drainedThroughLine = this.lastLine
    const issues = this.issues.slice(this.drainedIssues)
    const rejected = this.rejected.slice(this.drainedRejected)
    this.drainedIssues = this.issues.length
    this.drainedRejected = this.rejected.length
    return { customers, customerNumbers, documents: columns, contracts, issues, rejected }
  }

  /**
   * Keeps whole only the documents of the last KEPT_DRAINS drains: positions of one document are
   * almost always close together. A later row under an older key is read as a new document and
   * marked KEY_HANDED_OVER_BEFORE: the writer adds it to what it stored under that key.
   */
  private forgetOlderDocuments(drained: DocumentRecord[]): void {
    this.recentDrains.push(drained)
    if (this.recentDrains.length <= KEPT_DRAINS) return
    for (const doc of this.recentDrains.shift()!) {
      // a later record under the key replaced this one only if it is no longer the one stored
      if (this.documents.get(doc.externalKey) !== doc) continue
      this.documents.delete(doc.externalKey)
      this.olderKeys.add(doc.externalKey)
    }
  }

  /** Adds a document derived from a row already accepted (a refund's credit note). */
  addDerived(document: DocumentRecord, line: number): void {
    const existing = this.sameKeyDocument(document, line)
    if (this.rowHasErrors) {
      // a derived key that clashes: reported with the row, which was already kept
      this.issues.push(...this.rowIssues)
      this.rowIssues = []
      return
    }
    if (existing) this.addPosition(existing, document)
    else this.addDocument(document)
  }

  /** The slot of a customer collected before. */
  private customerOf(customerNumber: string): number {
    const last = this.lastCustomer
    const slot =
      last !== -1 && this.numbers[last] === customerNumber ? last : this.customers.get(customerNumber)
    if (slot === undefined)
      throw new Error(`Customer ${customerNumber} was not collected before their document`)
    return slot
  }

  private mergeCustomer(record: CustomerRecord): void {
    const existing = this.customers.get(record.customerNumber)
    if (existing === undefined) {
      // its own copy of every text (a new object: the caller's record may be shared)
      const own: CustomerRecord = { customerNumber: ownCopy(record.customerNumber) }
      const slot = this.customers.add(own.customerNumber)
      this.records.push(mergeCustomerInto(own, record) ? own : null)
      this.indexes.push(-1)
      this.touched.push(1)
      this.touchedCustomers.push(slot)
      this.lastCustomer = slot
      return
    }
    this.lastCustomer = existing
    const kept = this.records[existing]
    const merged = kept ?? { customerNumber: this.numbers[existing]! }
    // a customer repeated unchanged on a later row need not be written again
    if (!mergeCustomerInto(merged, record)) return
    if (!kept) this.records[existing] = merged
    if (this.touched[existing] === 0) {
      this.touched[existing] = 1
      this.touchedCustomers.push(existing)
    }
  }

  /** The document already read under the same key, if any; one of another customer is an error. */
  private sameKeyDocument(doc: DocumentRecord, line: number): DocumentRecord | undefined {
    const existing = this.documents.get(doc.externalKey)
    if (existing && existing.customerNumber !== doc.customerNumber) {
      this.error(
        line,
        'conflicting_document',
        null,
        doc.number,
        say('importDocumentRepeated', {
          document: doc.number ?? doc.externalKey,
          line: existing.line,
          first: existing.customerNumber,
          here: doc.customerNumber,
        }),
      )
      return undefined
    }
    return existing
  }

  private addDocument(doc: DocumentRecord): void {
    const customer = this.customerOf(doc.customerNumber)
    ownDocumentTexts(doc)
    // the customer's own string: one copy, and compared by identity when indexed
    doc.customerNumber = this.numbers[customer]!
    this.documents.set(doc.externalKey, doc)
    if (this.olderKeys.size > 0 && this.olderKeys.has(doc.externalKey)) this.keyHandedOverBefore.add(doc)
    this.newDocuments.push(doc)
    this.newDocumentCustomers.push(customer)
  }
}
