import type { CustomerRow, NewCustomerRow } from '../customers/customer.table'
import { searchTextOf } from '../customers/search-text'
import type { OrderRow } from '../orders/order.table'
import type { CustomerRecord, DocumentRecord } from './records'

type CustomerValues = Omit<NewCustomerRow, 'id' | 'created_at' | 'updated_at' | 'source'>

const customerColumns = [
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
  existing: CustomerRow | undefined,
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

export function documentValues(
  doc: DocumentRecord,
  customerId: number,
  source: string,
  importRunId: number | null,
): DocumentValues {
  return {
    customer_id: customerId,
    source,
    external_key: doc.externalKey,
    kind: doc.kind,
    number: doc.number,
    reference_number: doc.referenceNumber,
    ordered_on: doc.date,
    net_cents: doc.netCents,
    gross_cents: doc.grossCents,
    margin_cents: doc.marginCents,
    currency: doc.currency,
    status: doc.status,
    counts_as_purchase: doc.countsAsPurchase ? 1 : 0,
    quantity: doc.quantity,
    import_run_id: importRunId,
  }
}

const documentCompared = [
  'customer_id',
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
] as const

/** Whether a stored document differs from what the file says (the import run that wrote it does not count). */
export function documentChanged(existing: DocumentValues, incoming: DocumentValues): boolean {
  return documentCompared.some((c) => existing[c] !== incoming[c])
}
