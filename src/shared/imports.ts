import type { TextOfServer } from './i18n/server-text'

export const importFormats = [
  'generic',
  'datev',
  'lexware',
  'sevdesk',
  'jtl',
  'shopware',
  'billbee',
  'weclapp',
  'shopify',
  'woocommerce',
  'cdnow',
] as const
export type ImportFormat = (typeof importFormats)[number]

/** The example files the import page offers: one per format, two for DATEV (bookings and debtors). */
export const exampleFiles = [
  'generic',
  'datev-bookings',
  'datev-debtors',
  'lexware',
  'sevdesk',
  'jtl',
  'shopware',
  'billbee',
  'weclapp',
] as const
export type ExampleFile = (typeof exampleFiles)[number]

export const importKinds = ['orders', 'customers', 'contracts'] as const
export type ImportKind = (typeof importKinds)[number]

export const importRunStatuses = ['pending', 'running', 'succeeded', 'rejected', 'failed'] as const
export type ImportRunStatus = (typeof importRunStatuses)[number]

/** The fields a generic CSV column can be mapped to. */
export const orderFields = [
  'customerNumber',
  'documentNumber',
  'date',
  'kind',
  'netAmount',
  'grossAmount',
  'margin',
  'currency',
  'status',
  'referenceNumber',
  'quantity',
] as const

export const customerFields = [
  'customerNumber',
  'customerType',
  'companyName',
  'salutation',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'segment',
  'tags',
  'owner',
  'projectCustomer',
] as const

/** The fields of a contract file (subscriptions, service and rental contracts). */
export const contractFields = [
  'contractNumber',
  'product',
  'startDate',
  'endDate',
  'cancelledDate',
  'monthlyValue',
] as const

export type OrderField = (typeof orderFields)[number]
export type ContractField = (typeof contractFields)[number]
export type CustomerField = (typeof customerFields)[number]
export type ImportField = OrderField | CustomerField | ContractField

export const importFields: readonly ImportField[] = [
  ...new Set<ImportField>([...orderFields, ...customerFields, ...contractFields]),
]

/** The fields a file of this kind can map, in the order the mapping screen shows them. */
export function fieldsOfKind(kind: ImportKind): readonly ImportField[] {
  const others = customerFields.filter((f) => f !== 'customerNumber')
  if (kind === 'orders') return [...orderFields, ...others]
  if (kind === 'contracts') return ['customerNumber', ...contractFields, ...others]
  return customerFields
}

/** field → zero-based column index */
export type ColumnMapping = Partial<Record<ImportField, number>>

export const importIssueCodes = [
  'malformed_csv',
  'missing_column',
  'missing_value',
  'invalid_date',
  'invalid_amount',
  'invalid_kind',
  'invalid_currency',
  'invalid_number',
  'invalid_value',
  'column_count',
  'conflicting_document',
  'unknown_owner',
  'suppressed',
  'unknown_customer',
  'cancellation_kept',
  'no_rows',
  'cell_too_long',
  'binary_content',
] as const
export type ImportIssueCode = (typeof importIssueCodes)[number]

/** One problem found in a file: where (file, line, column), the value, and why (code and English text). */
export interface ImportIssue {
  severity: 'error' | 'warning'
  code: ImportIssueCode
  file: string
  /** 1-based line in the file; 0 for the file as a whole */
  line: number
  column: string | null
  value: string | null
  /** in English (logs, the CLI, the CSV of rejected rows) */
  reason: string
  /** the reason as a key of the catalogue's serverErrors with its parameters, for the reader's language */
  text?: TextOfServer
}
