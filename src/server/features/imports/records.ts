import type { CustomerType } from '../../../shared/customers'
import type { ImportFormat, ImportIssue, ImportKind } from '../../../shared/imports'
import type { OrderKind } from '../../../shared/orders'
import type { IsoDate } from '../../lib/dates'

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
  reasons: string[]
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
  /** notes on assumptions made, e.g. net derived from gross */
  notes: string[]
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
