import { say } from '../../../lib/errors'
import { parseCents } from '../../../lib/money'
import { amountReason, columnDecimal } from '../amounts'
import { type ChunkReader, RecordCollector } from '../collect'
import { documentKey, ownCopy } from '../own-copy'
import { parseDate } from '../parse-date'
import type { CustomerRecord, DocumentRecord, Table } from '../records'
import { cell, cleanEmail, copyCells, normalizeCountry, parseQuantity, splitFullName } from '../values'
import { headerIndex } from './header-index'

export function isShopifyOrders(headers: readonly string[]): boolean {
  const find = headerIndex(headers)
  return (
    find('Name') !== undefined &&
    find('Email') !== undefined &&
    find('Financial Status') !== undefined &&
    find('Lineitem quantity') !== undefined
  )
}

/** Financial statuses after which the order is not a purchase. */
const NOT_PURCHASED = new Set(['refunded', 'voided', 'expired'])

/**
 * Shopify's orders export: one row per line item; order-level fields (totals, status, addresses) are
 * on the order's first row only. The customer is keyed by e-mail. Net = Total − Taxes − Shipping; a
 * partial refund becomes a credit note on the order's date, a full refund, void or cancellation
 * makes the order no purchase.
 */
export function shopifyOrdersReader(sample: Table, fileName: string): ChunkReader {
  const collector = new RecordCollector(fileName)
  const find = headerIndex(sample.headers)
  const c = {
    name: find('Name')!,
    email: find('Email')!,
    financial: find('Financial Status')!,
    currency: find('Currency'),
    total: find('Total'),
    taxes: find('Taxes'),
    shipping: find('Shipping'),
    createdAt: find('Created at'),
    quantity: find('Lineitem quantity'),
    cancelledAt: find('Cancelled at'),
    refunded: find('Refunded Amount'),
    billingName: find('Billing Name'),
    billingCompany: find('Billing Company'),
    billingStreet: find('Billing Street', 'Billing Address1'),
    billingZip: find('Billing Zip'),
    billingCity: find('Billing City'),
    billingCountry: find('Billing Country'),
    phone: find('Billing Phone', 'Phone'),
  }
  const decimal = columnDecimal(sample, c.total, '.')
  const headerOf = (i: number | undefined) => (i === undefined ? null : sample.headers[i]!)
  // orders by name, also those rejected: their further line items are theirs, not new orders
  const orders = new Map<string, { order: DocumentRecord; kept: true } | { order: null; kept: false }>()
  const read = (table: Table): void => {
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r]!
      const line = table.lines[r]!
      const orderName = cell(row, c.name)
      if (!orderName) {
        collector.error(line, 'missing_value', 'Name', null, say('importOrderNameEmpty'))
        collector.finishRow(line, row, null, null)
        continue
      }
      const existing = orders.get(orderName)
      const quantity = parseQuantity(cell(row, c.quantity) ?? '0') ?? Number.NaN
      if (existing && cell(row, c.financial) === undefined) {
        // a further line item of an order already read
        if (existing.kept && Number.isFinite(quantity))
          collector.addPosition(existing.order, {
            netCents: 0,
            grossCents: null,
            marginCents: null,
            quantity,
            countsAsPurchase: existing.order.countsAsPurchase,
          })
        collector.finishRow(line, row, null, null)
        continue
      }
      const financialText = cell(row, c.financial)
      // the order-level fields stand on an order's first line: without its status the order is unknown
      if (financialText === undefined)
        collector.error(
          line,
          'missing_value',
          headerOf(c.financial),
          null,
          say('importFinancialStatusEmpty', { order: orderName }),
        )
      const email = cleanEmail(cell(row, c.email) ?? '')
      if (!email)
        collector.error(line, 'missing_value', 'Email', null, say('importOrderNoEmail', { order: orderName }))
      const createdText = cell(row, c.createdAt)
      const date = createdText ? parseDate(createdText) : undefined
      if (!date)
        collector.error(
          line,
          'invalid_date',
          headerOf(c.createdAt),
          createdText ?? null,
          say('importNotADate', { value: createdText ?? '' }),
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
      const taxes = amount(c.taxes)
      const shipping = amount(c.shipping)
      const refunded = amount(c.refunded)
      if (
        collector.rowHasErrors ||
        financialText === undefined ||
        !email ||
        !date ||
        total === undefined ||
        taxes === undefined ||
        shipping === undefined ||
        refunded === undefined
      ) {
        collector.finishRow(line, row, null, null)
        // its further line items belong to this rejected order, not to a new one
        if (!existing) orders.set(ownCopy(orderName), { order: null, kept: false })
        continue
      }
      const financial = financialText.toLowerCase()
      const cancelled = cell(row, c.cancelledAt) !== undefined
      const fullyRefunded = refunded > 0 && refunded >= total
      const net = Math.max(0, total - taxes - shipping)
      const status = cancelled ? 'cancelled' : fullyRefunded ? 'refunded' : financial
      const order: DocumentRecord = {
        customerNumber: email,
        externalKey: documentKey('order', orderName),
        kind: 'order',
        number: orderName,
        referenceNumber: null,
        date,
        netCents: net,
        grossCents: total,
        marginCents: null,
        currency: (cell(row, c.currency) ?? 'EUR').toUpperCase(),
        status,
        countsAsPurchase: !cancelled && !fullyRefunded && !NOT_PURCHASED.has(financial),
        quantity: Number.isFinite(quantity) ? quantity : null,
        line,
      }
      const customer: CustomerRecord = { customerNumber: email, email }
      const company = cell(row, c.billingCompany)
      if (company) customer.companyName = company
      customer.type = company ? 'business' : 'consumer'
      const name = cell(row, c.billingName)
      if (name) Object.assign(customer, splitFullName(name))
      copyCells(customer, row, {
        street: c.billingStreet,
        postalCode: c.billingZip,
        city: c.billingCity,
        phone: c.phone,
      })
      const country = cell(row, c.billingCountry)
      if (country) customer.country = normalizeCountry(country)
      const kept = collector.finishRow(line, row, customer, order)
      // a second row of an order adds to the first: its line items go to the document collected
      if (kept) orders.set(ownCopy(orderName), { order: collector.documents.get(order.externalKey)!, kept })
      else if (!existing) orders.set(ownCopy(orderName), { order: null, kept })
      if (refunded > 0 && !fullyRefunded && order.countsAsPurchase) {
        const refundNet = total > 0 ? Math.round((net * refunded) / total) : 0
        collector.addDerived(
          {
            ...order,
            externalKey: documentKey('refund', orderName),
            kind: 'credit_note',
            number: null,
            referenceNumber: orderName,
            netCents: -refundNet,
            grossCents: -refunded,
            status: 'refund',
            countsAsPurchase: false,
            quantity: null,
          },
          line,
        )
      }
    }
    collector.note(say('importNoteShopify'))
  }
  return { collector, read }
}
