import type { CustomerRow, NewCustomerRow } from '../customers/customer.table'
import { searchTextOf } from '../customers/search-text'
import type { OrderRow } from '../orders/order.table'
import { type CustomerRecord, type DocumentColumns, nullIfNaN, numberAt, valueAt } from './records'

type CustomerValues = Omit<NewCustomerRow, 'id' | 'created_at' | 'updated_at' | 'source'>

/** The columns a file can set on a customer (and its search text, made from them). */
export const customerColumns = [
  'customer_number',
  'type',
  'company_name',
  'salutation',
  'first_name',
  'last_name',
  'email',
  'phone',
  'street',
  'postal_code',
  'city',
  'country',
  'segment',
  'tags',
  'owner_user_id',
  'is_project_customer',
  'search_text',
] as const

export type { CustomerValues }

export function sameCustomerValues(a: CustomerValues, b: CustomerValues): boolean {
  return customerColumns.every((c) => a[c] === b[c])
}

/**
 * What a customer becomes after a file: every field the file has replaces the stored one, every
 * field it lacks keeps the stored value.
 */
export function customerValues(
  record: CustomerRecord,
  existing: Pick<CustomerRow, (typeof customerColumns)[number]> | undefined,
  ownerId: number | null | undefined,
): CustomerValues {
  const pick = <T>(value: T | undefined, stored: T | null | undefined): T | null =>
    value !== undefined ? value : (stored ?? null)
  const merged = {
    customer_number: record.customerNumber,
    type: record.type ?? existing?.type ?? 'unknown',
    company_name: pick(record.companyName, existing?.company_name),
    salutation: pick(record.salutation, existing?.salutation),
    first_name: pick(record.firstName, existing?.first_name),
    last_name: pick(record.lastName, existing?.last_name),
    email: pick(record.email, existing?.email),
    phone: pick(record.phone, existing?.phone),
    street: pick(record.street, existing?.street),
    postal_code: pick(record.postalCode, existing?.postal_code),
    city: pick(record.city, existing?.city),
    country: pick(record.country, existing?.country),
    segment: pick(record.segment, existing?.segment),
    tags: record.tags !== undefined ? JSON.stringify(record.tags) : (existing?.tags ?? '[]'),
    owner_user_id: ownerId !== undefined ? ownerId : (existing?.owner_user_id ?? null),
    is_project_customer:
      record.isProjectCustomer !== undefined
        ? record.isProjectCustomer
          ? 1
          : 0
        : (existing?.is_project_customer ?? 0),
    search_text: '',
  }
  merged.search_text = searchTextOf(merged)
  return merged
}

export type DocumentValues = Omit<OrderRow, 'id'>

/** The columns of an inserted document, in the order `documentFill` writes them. */
export const documentColumnNames = [
  'customer_id',
  'source',
  'external_key',
  'kind',
  'number',
  'reference_number',
  'ordered_on',
  'net_cents',
  'gross_cents',
  'margin_cents',
  'currency',
  'status',
  'counts_as_purchase',
  'quantity',
  'import_run_id',
] as const satisfies readonly (keyof DocumentValues)[]

/** Writes document `i` of the columns as the values of `documentColumnNames`, from `offset`. */
export function documentFill(
  values: unknown[],
  offset: number,
  docs: DocumentColumns,
  i: number,
  customerId: number,
  source: string,
  importRunId: number | null,
): void {
  values[offset] = customerId
  values[offset + 1] = source
  values[offset + 2] = docs.externalKey[i]
  values[offset + 3] = valueAt(docs.kind, i)
  values[offset + 4] = numberAt(docs, i)
  values[offset + 5] = docs.referenceNumber[i]
  values[offset + 6] = valueAt(docs.date, i)
  values[offset + 7] = docs.netCents[i]
  values[offset + 8] = nullIfNaN(docs.grossCents[i]!)
  values[offset + 9] = nullIfNaN(docs.marginCents[i]!)
  values[offset + 10] = valueAt(docs.currency, i)
  values[offset + 11] = valueAt(docs.status, i)
  values[offset + 12] = docs.countsAsPurchase[i]
  values[offset + 13] = nullIfNaN(docs.quantity[i]!)
  values[offset + 14] = importRunId
}

/** Document `i` of the columns as the values stored (to compare with what is stored). */
export function documentValuesAt(
  docs: DocumentColumns,
  i: number,
  customerId: number,
  source: string,
  importRunId: number | null,
): DocumentValues {
  return {
    customer_id: customerId,
    source,
    external_key: docs.externalKey[i]!,
    kind: valueAt(docs.kind, i),
    number: numberAt(docs, i),
    reference_number: docs.referenceNumber[i]!,
    ordered_on: valueAt(docs.date, i),
    net_cents: docs.netCents[i]!,
    gross_cents: nullIfNaN(docs.grossCents[i]!),
    margin_cents: nullIfNaN(docs.marginCents[i]!),
    currency: valueAt(docs.currency, i),
    status: valueAt(docs.status, i),
    counts_as_purchase: docs.countsAsPurchase[i]!,
    quantity: nullIfNaN(docs.quantity[i]!),
    import_run_id: importRunId,
  }
}

/** What is compared: every column but where the document comes from and the run that wrote it. */
const documentCompared = documentColumnNames.filter(
  (c) => c !== 'source' && c !== 'external_key' && c !== 'import_run_id',
)

/** Whether a stored document differs from what the file says (the import run that wrote it does not count). */
export function documentChanged(existing: DocumentValues, incoming: DocumentValues): boolean {
  return documentCompared.some((c) => existing[c] !== incoming[c])
}
