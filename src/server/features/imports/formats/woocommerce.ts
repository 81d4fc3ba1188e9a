import { say } from '../../../lib/errors'
import { parseCents } from '../../../lib/money'
import { amountReason, columnDecimal, columnSamples, fileDecimalFallback } from '../amounts'
import { type ChunkReader, RecordCollector } from '../collect'
import { documentKey, ownCopy } from '../own-copy'
import { detectSlashOrder, parseDate } from '../parse-date'
import type { CustomerRecord, DocumentRecord, Table } from '../records'
import { cell, cleanEmail, copyCells, normalizeCountry } from '../values'
import { findColumns, headerIndex } from './header-index'

/** Header spellings of the common WooCommerce order exporters (Advanced Order Export, WebToffee, core meta keys). */
const H = {
  number: ['Order Number', 'order_number', 'Order ID', 'order_id', 'Bestellnummer'],
  status: ['Order Status', 'status', 'order_status', 'Bestellstatus'],
  date: ['Order Date', 'order_date', 'Date Created', 'date_created', 'Bestelldatum'],
  email: [
    'Email (Billing)',
    'billing_email',
    'Billing Email',
    'Billing Email Address',
    'customer_email',
    'E-Mail (Rechnung)',
  ],
  firstName: ['First Name (Billing)', 'billing_first_name', 'Billing First Name', 'Vorname (Rechnung)'],
  lastName: ['Last Name (Billing)', 'billing_last_name', 'Billing Last Name', 'Nachname (Rechnung)'],
  company: ['Company (Billing)', 'billing_company', 'Billing Company', 'Firma (Rechnung)'],
  street: [
    'Address 1&2 (Billing)',
    'Address 1 (Billing)',
    'billing_address_1',
    'Billing Address 1',
    'Adresse (Rechnung)',
  ],
  postcode: ['Postcode (Billing)', 'billing_postcode', 'Billing Postcode', 'PLZ (Rechnung)'],
  city: ['City (Billing)', 'billing_city', 'Billing City', 'Ort (Rechnung)'],
  country: ['Country Code (Billing)', 'billing_country', 'Billing Country', 'Land (Rechnung)'],
  phone: ['Phone (Billing)', 'billing_phone', 'Billing Phone', 'Telefon (Rechnung)'],
  total: ['Order Total Amount', 'order_total', 'Order Total', 'Gesamtsumme'],
  tax: ['Order Total Tax Amount', 'tax_total', 'order_tax', 'Order Tax', 'Steuer'],
  shipping: ['Order Shipping Amount', 'shipping_total', 'order_shipping', 'Order Shipping', 'Versandkosten'],
  refund: ['Order Refund Amount', 'refund_total', 'order_refund', 'Refund Amount', 'Erstattung'],
  currency: ['Order Currency', 'order_currency', 'Currency', 'Währung'],
}

export function isWooCommerceOrders(headers: readonly string[]): boolean {
  const find = headerIndex(headers)
  return (
    find(...H.number) !== undefined &&
    find(...H.status) !== undefined &&
    find(...H.email) !== undefined &&
    find(...H.total) !== undefined
  )
}

/** Statuses that are purchases; everything else (pending, cancelled, refunded, failed, draft) is not. */
const PURCHASED = new Set([
  'completed',
  'processing',
  'on-hold',
  'abgeschlossen',
  'in bearbeitung',
  'in wartestellung',
  'wartend',
])

/**
 * WooCommerce order exports: one row per order, or per line item with the order's fields repeated
 * (the first row of an order counts). The customer is keyed by the billing e-mail, which guests have too.
 */
export function wooCommerceOrdersReader(
  sample: Table,
  fileName: string,
  delimiter: string | null,
): ChunkReader {
  const collector = new RecordCollector(fileName)
  const c = findColumns(sample.headers, H)
  const decimal = columnDecimal(sample, c.total, fileDecimalFallback(delimiter))
  const slashOrder = detectSlashOrder(columnSamples(sample, c.date))
  const headerOf = (i: number | undefined) => (i === undefined ? null : sample.headers[i]!)
  const seen = new Set<string>()
  const read = (table: Table): void => {
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r]!
      const line = table.lines[r]!
      const number = cell(row, c.number)
      if (!number) {
        collector.error(line, 'missing_value', headerOf(c.number), null, say('importOrderNumberEmpty'))
        collector.finishRow(line, row, null, null)
        continue
      }
      if (seen.has(number)) {
        collector.finishRow(line, row, null, null)
        continue
      }
      const email = cleanEmail(cell(row, c.email) ?? '')
      if (!email)
        collector.error(
          line,
          'missing_value',
          headerOf(c.email),
          null,
          say('importOrderNoBillingEmail', { order: number }),
        )
      const dateText = cell(row, c.date)
      const date = dateText ? parseDate(dateText, slashOrder) : undefined
      if (!date)
        collector.error(
          line,
          'invalid_date',
          headerOf(c.date),
          dateText ?? null,
          say('importNotADate', { value: dateText ?? '' }),
        )
      const amount = (index: number | undefined): number | undefined => {
        const text = cell(row, index)
        if (text === undefined) return 0
        const cents = parseCents(text, decimal)
        if (cents === undefined)
          collector.error(line, 'invalid_amount', headerOf(index), text, amountReason(text, decimal))
        return cents
      }
      const total = amount(c.total)
      const tax = amount(c.tax)
      const shipping = amount(c.shipping)
      const refund = amount(c.refund)
      if (
        collector.rowHasErrors ||
        !email ||
        !date ||
        total === undefined ||
        tax === undefined ||
        shipping === undefined ||
        refund === undefined
      ) {
        collector.finishRow(line, row, null, null)
        continue
      }
      seen.add(ownCopy(number))
      const status = (cell(row, c.status) ?? '').toLowerCase().replace(/^wc-/, '')
      const refundAbs = Math.abs(refund)
      const fullyRefunded = refundAbs > 0 && refundAbs >= total
      const net = Math.max(0, total - tax - shipping)
      const order: DocumentRecord = {
        customerNumber: email,
        externalKey: documentKey('order', number),
        kind: 'order',
        number,
        referenceNumber: null,
        date,
        netCents: net,
        grossCents: total,
        marginCents: null,
        currency: (cell(row, c.currency) ?? 'EUR').toUpperCase(),
        status: fullyRefunded ? 'refunded' : status,
        countsAsPurchase: PURCHASED.has(status) && !fullyRefunded,
        quantity: null,
        line,
      }
      const customer: CustomerRecord = { customerNumber: email, email }
      const company = cell(row, c.company)
      if (company) customer.companyName = company
      customer.type = company ? 'business' : 'consumer'
      copyCells(customer, row, {
        firstName: c.firstName,
        lastName: c.lastName,
        street: c.street,
        postalCode: c.postcode,
        city: c.city,
        phone: c.phone,
      })
      const country = cell(row, c.country)
      if (country) customer.country = normalizeCountry(country)
      collector.finishRow(line, row, customer, order)
      if (refundAbs > 0 && !fullyRefunded && order.countsAsPurchase) {
        collector.addDerived(
          {
            ...order,
            externalKey: documentKey('refund', number),
            kind: 'credit_note',
            number: null,
            referenceNumber: number,
            netCents: -(total > 0 ? Math.round((net * refundAbs) / total) : 0),
            grossCents: -refundAbs,
            status: 'refund',
            countsAsPurchase: false,
          },
          line,
        )
      }
    }
    collector.note(say('importNoteWoo'))
  }
  return { collector, read }
}
