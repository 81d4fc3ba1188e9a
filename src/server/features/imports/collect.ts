import type { ImportIssue, ImportIssueCode } from '../../../shared/imports'
import type { CustomerRecord, DocumentRecord, RejectedRow } from './records'

/**
 * Collects what a format makes of its rows: customer records merged by number, documents merged by
 * key (line items of one invoice add up), and the issues of each invalid row, which contributes nothing.
 */
export class RecordCollector {
  readonly customers = new Map<string, CustomerRecord>()
  readonly documents = new Map<string, DocumentRecord>()
  readonly issues: ImportIssue[] = []
  readonly rejected: RejectedRow[] = []
  readonly notes = new Set<string>()
  rowsValid = 0
  private rowIssues: ImportIssue[] = []

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

  /** Adds a document derived from a row already accepted (a refund's credit note). */
  addDerived(document: DocumentRecord, line: number): void {
    this.mergeDocument(document, line)
  }

  private mergeCustomer(record: CustomerRecord): void {
    const existing = this.customers.get(record.customerNumber)
    if (!existing) {
      this.customers.set(record.customerNumber, { ...record })
      return
    }
    for (const [key, value] of Object.entries(record)) {
      if (value !== undefined) (existing as unknown as Record<string, unknown>)[key] = value
    }
  }

  private mergeDocument(doc: DocumentRecord, line: number): void {
    const existing = this.documents.get(doc.externalKey)
    if (!existing) {
      this.documents.set(doc.externalKey, doc)
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
    existing.netCents += doc.netCents
    if (doc.grossCents !== null) existing.grossCents = (existing.grossCents ?? 0) + doc.grossCents
    if (doc.marginCents !== null) existing.marginCents = (existing.marginCents ?? 0) + doc.marginCents
    if (doc.quantity !== null) existing.quantity = (existing.quantity ?? 0) + doc.quantity
    existing.countsAsPurchase = existing.countsAsPurchase && doc.countsAsPurchase
  }
}
