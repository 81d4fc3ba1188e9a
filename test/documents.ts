import type { DocumentRecord } from '../src/server/features/imports/records'

/** An invoice that counts as a purchase, as the import would produce it. */
export function invoice(customerNumber: string, number: string, date: string, euros: number): DocumentRecord {
  return {
    customerNumber,
    externalKey: `invoice:${number}`,
    kind: 'invoice',
    number,
    referenceNumber: null,
    date,
    netCents: Math.round(euros * 100),
    grossCents: null,
    marginCents: null,
    currency: 'EUR',
    status: null,
    countsAsPurchase: true,
    quantity: null,
    line: 0,
  }
}
