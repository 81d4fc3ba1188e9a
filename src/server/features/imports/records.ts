import type { CustomerType } from '../../../shared/customers'
import type { ImportFormat, ImportIssue, ImportKind } from '../../../shared/imports'
import type { OrderKind } from '../../../shared/orders'
import type { IsoDate } from '../../lib/dates'
import type { ServerText } from '../../lib/errors'

/** Customer master data as found in a file; fields not in the file stay undefined and are not overwritten. */
export interface CustomerRecord {
  customerNumber: string
  type?: CustomerType
  companyName?: string
  salutation?: string
  firstName?: string
  lastName?: string
  email?: string
  phone?: string
  street?: string
  postalCode?: string
  city?: string
  country?: string
  segment?: string
  tags?: string[]
  /** e-mail or name of the user who looks after the customer */
  owner?: string
  isProjectCustomer?: boolean
}

/** One sales document, ready to be written. Credit notes and cancellations carry a negative net. */
export interface DocumentRecord {
  customerNumber: string
  externalKey: string
  kind: OrderKind
  number: string | null
  referenceNumber: string | null
  date: IsoDate
  netCents: number
  grossCents: number | null
  marginCents: number | null
  currency: string
  status: string | null
  countsAsPurchase: boolean
  quantity: number | null
  /** first line of the file this document came from */
  line: number
}

/** One contract (subscription, service or rental), keyed by its number within the source. */
export interface ContractRecord {
  customerNumber: string
  /** the contract number: unique within the source */
  externalKey: string
  product: string | null
  startedOn: IsoDate
  endsOn: IsoDate | null
  cancelledOn: IsoDate | null
  monthlyValueCents: number | null
  /** the file line it came from */
  line: number
}

export interface RejectedRow {
  line: number
  cells: string[]
  /** why, as keys with parameters (the file of rejected rows says them in its reader's language) */
  reasons: ServerText[]
}

export interface ParsedImport {
  fileName: string
  format: ImportFormat
  kind: ImportKind
  encoding: string
  delimiter: string | null
  headers: string[]
  rowsTotal: number
  rowsValid: number
  customers: CustomerRecord[]
  documents: DocumentRecord[]
  contracts: ContractRecord[]
  issues: ImportIssue[]
  rejected: RejectedRow[]
  /** notes on assumptions made, e.g. net derived from gross (in English) */
  notes: string[]
  /** the same as keys with parameters, for the reader's language */
  noteTexts: ServerText[]
}

export interface Table {
  headers: string[]
  rows: string[][]
  /** 1-based file line of each row */
  lines: number[]
  /** characters of the file read once this chunk is done, and the file's length (for progress) */
  position?: number
  length?: number
}

/**
 * Documents as columns: how the parse worker hands them to the writer. One array per field instead
 * of one object per document, so a chunk crosses the thread boundary cheaply (the numbers move as
 * typed arrays without copying) and the writer binds straight from it. Missing numbers are NaN.
 */
export interface DocumentColumns {
  length: number
  /** the document's customer: an index into the customer numbers of the run (`RecordBatch`) */
  customer: Int32Array
  /** how the document stands to earlier hand-overs: FIRST_HANDED_OVER, CONTINUED or KEY_HANDED_OVER_BEFORE */
  continued: Uint8Array
  externalKey: string[]
  /** the document number; null where it is in the key ("kind:number", see `numberAt`) */
  number: (string | null)[]
  /** 1 where the number is the key after "kind:" (not sent twice) */
  numberInKey: Uint8Array
  referenceNumber: (string | null)[]
  // few distinct values each: sent once, with a code per document
  kind: CodedColumn<OrderKind>
  date: CodedColumn<IsoDate>
  currency: CodedColumn<string>
  status: CodedColumn<string | null>
  netCents: Float64Array
  grossCents: Float64Array
  marginCents: Float64Array
  quantity: Float64Array
  countsAsPurchase: Uint8Array
  line: Float64Array
}

/** A column of few distinct values (kinds, days, currencies): each row's index into `values`. */
export interface CodedColumn<T> {
  codes: Int32Array
  values: T[]
}

/** The document number of row `i`. */
export function numberAt(docs: DocumentColumns, i: number): string | null {
  return docs.numberInKey[i] === 1
    ? docs.externalKey[i]!.slice(valueAt(docs.kind, i).length + 1)
    : docs.number[i]!
}

/** The value of row `i` of a coded column. */
export function valueAt<T>(column: CodedColumn<T>, i: number): T {
  return column.values[column.codes[i]!]!
}

/** Builds a coded column row by row. */
function codedColumn<T>(length: number): CodedColumn<T> & { add(i: number, value: T): void } {
  const index = new Map<T, number>()
  const column = {
    codes: new Int32Array(length),
    values: [] as T[],
    add(i: number, value: T) {
      let code = index.get(value)
      if (code === undefined) {
        code = column.values.length
        column.values.push(value)
        index.set(value, code)
      }
      column.codes[i] = code
    },
  }
  return column
}

const orNaN = (value: number | null) => (value === null ? Number.NaN : value)

/** A document not handed over before. */
export const FIRST_HANDED_OVER = 0
/** A document handed over before that has changed since: all its positions so far. */
export const CONTINUED = 1
/**
 * A document read under a key handed over long before, whose record the reader no longer holds
 * (collect.ts keeps only recent ones): its positions since, to be added to what was written under
 * the key in this import if anything was. The key may also only share a hash with an older one.
 */
export const KEY_HANDED_OVER_BEFORE = 2
export type HandOver = typeof FIRST_HANDED_OVER | typeof CONTINUED | typeof KEY_HANDED_OVER_BEFORE

/**
 * Packs documents into columns. `customerAt(i)` gives the index of document i's customer in the
 * run; `handOverAt(i)` how it stands to earlier hand-overs.
 */
export function documentColumns(
  documents: readonly DocumentRecord[],
  customerAt: (i: number) => number,
  handOverAt: (i: number) => HandOver,
): DocumentColumns {
  const n = documents.length
  const kind = codedColumn<OrderKind>(n)
  const date = codedColumn<IsoDate>(n)
  const currency = codedColumn<string>(n)
  const status = codedColumn<string | null>(n)
  const columns: DocumentColumns = {
    length: n,
    customer: new Int32Array(n),
    continued: new Uint8Array(n),
    externalKey: new Array(n),
    number: new Array(n),
    numberInKey: new Uint8Array(n),
    referenceNumber: new Array(n),
    kind: { codes: kind.codes, values: kind.values },
    date: { codes: date.codes, values: date.values },
    currency: { codes: currency.codes, values: currency.values },
    status: { codes: status.codes, values: status.values },
    netCents: new Float64Array(n),
    grossCents: new Float64Array(n),
    marginCents: new Float64Array(n),
    quantity: new Float64Array(n),
    countsAsPurchase: new Uint8Array(n),
    line: new Float64Array(n),
  }
  for (let i = 0; i < n; i++) {
    const d = documents[i]!
    columns.customer[i] = customerAt(i)
    columns.continued[i] = handOverAt(i)
    columns.externalKey[i] = d.externalKey
    kind.add(i, d.kind)
    // most keys are "kind:number": the number need not cross a second time
    const inKey =
      d.number !== null &&
      d.externalKey.length === d.kind.length + 1 + d.number.length &&
      d.externalKey.endsWith(d.number) &&
      d.externalKey.startsWith(d.kind) &&
      d.externalKey.charCodeAt(d.kind.length) === 58
    columns.numberInKey[i] = inKey ? 1 : 0
    columns.number[i] = inKey ? null : d.number
    columns.referenceNumber[i] = d.referenceNumber
    date.add(i, d.date)
    currency.add(i, d.currency)
    status.add(i, d.status)
    columns.netCents[i] = d.netCents
    columns.grossCents[i] = orNaN(d.grossCents)
    columns.marginCents[i] = orNaN(d.marginCents)
    columns.quantity[i] = orNaN(d.quantity)
    columns.countsAsPurchase[i] = d.countsAsPurchase ? 1 : 0
    columns.line[i] = d.line
  }
  return columns
}

/** The buffers of a chunk's number columns: handed over to another thread instead of copied. */
export function transferablesOf(columns: DocumentColumns): ArrayBuffer[] {
  return [
    columns.customer,
    columns.continued,
    columns.numberInKey,
    columns.kind.codes,
    columns.date.codes,
    columns.currency.codes,
    columns.status.codes,
    columns.netCents,
    columns.grossCents,
    columns.marginCents,
    columns.quantity,
    columns.countsAsPurchase,
    columns.line,
  ].map((a) => a.buffer as ArrayBuffer)
}

export const nullIfNaN = (value: number): number | null => (Number.isNaN(value) ? null : value)
