import type { ColumnMapping, ImportField } from '../../../../shared/imports'
import { isPurchaseKind, type OrderKind } from '../../../../shared/orders'
import { type DecimalSeparator, parseCents } from '../../../lib/money'
import { columnDecimal, columnSamples, fileDecimalFallback } from '../amounts'
import { RecordCollector } from '../collect'
import { detectSlashOrder, parseDate, type SlashOrder } from '../parse-date'
import type { CustomerRecord, DocumentRecord, Table } from '../records'
import {
  cell,
  cleanEmail,
  isNonPurchaseStatus,
  normalizeCountry,
  parseBoolean,
  parseCustomerType,
  parseKind,
  parseTags,
  splitFullName,
} from '../values'

export interface GenericOptions {
  fileName: string
  delimiter: string | null
  mapping: ColumnMapping
  source: string
  /** VAT rate used to derive net from gross when only gross is given */
  vatPercent: number
  defaultCurrency: string
}

const CURRENCY = /^[A-Z]{3}$/

interface Columns {
  decimals: Partial<Record<ImportField, DecimalSeparator>>
  slashOrder: SlashOrder
}

function prepareColumns(table: Table, options: GenericOptions): Columns {
  const fallback = fileDecimalFallback(options.delimiter)
  const decimals: Columns['decimals'] = {}
  for (const field of ['netAmount', 'grossAmount', 'margin'] as const) {
    decimals[field] = columnDecimal(table, options.mapping[field], fallback)
  }
  return { decimals, slashOrder: detectSlashOrder(columnSamples(table, options.mapping.date)) }
}

/** Reads the customer columns of one row (orders and customer files share them). */
export function readCustomer(
  row: readonly string[],
  line: number,
  headers: readonly string[],
  mapping: ColumnMapping,
  collector: RecordCollector,
): CustomerRecord | null {
  const m = mapping
  const email = cleanEmail(cell(row, m.email) ?? '')
  const customerNumber = cell(row, m.customerNumber) ?? email
  if (!customerNumber) {
    const column =
      m.customerNumber !== undefined
        ? headers[m.customerNumber]!
        : m.email !== undefined
          ? headers[m.email]!
          : null
    collector.error(line, 'missing_value', column, null, 'Customer number is empty')
    return null
  }
  const record: CustomerRecord = { customerNumber }
  if (email) record.email = email
  const typeText = cell(row, m.customerType)
  if (typeText !== undefined) {
    const type = parseCustomerType(typeText)
    if (type) record.type = type
    else
      collector.warning(
        line,
        'invalid_value',
        headers[m.customerType!]!,
        typeText,
        `Unknown customer type "${typeText}", kept as unknown`,
      )
  }
  const set = <K extends keyof CustomerRecord>(key: K, value: CustomerRecord[K] | undefined) => {
    if (value !== undefined) record[key] = value
  }
  set('companyName', cell(row, m.companyName))
  set('salutation', cell(row, m.salutation))
  set('firstName', cell(row, m.firstName))
  set('lastName', cell(row, m.lastName))
  const fullName = cell(row, m.fullName)
  if (fullName && record.firstName === undefined && record.lastName === undefined) {
    if (record.companyName === undefined && m.companyName === undefined && record.type === 'business')
      record.companyName = fullName
    else Object.assign(record, splitFullName(fullName))
  }
  set('phone', cell(row, m.phone))
  set('street', cell(row, m.street))
  set('postalCode', cell(row, m.postalCode))
  set('city', cell(row, m.city))
  const country = cell(row, m.country)
  if (country) record.country = normalizeCountry(country)
  set('segment', cell(row, m.segment))
  const tags = cell(row, m.tags)
  if (tags) record.tags = parseTags(tags)
  set('owner', cell(row, m.owner))
  const project = cell(row, m.projectCustomer)
  if (project !== undefined) {
    const flag = parseBoolean(project)
    if (flag === undefined)
      collector.error(
        line,
        'invalid_value',
        headers[m.projectCustomer!]!,
        project,
        `"${project}" is not yes or no`,
      )
    else record.isProjectCustomer = flag
  }
  if (record.type === undefined && record.companyName !== undefined) record.type = 'business'
  return record
}

/** A generic order or invoice file, read through a confirmed column mapping. */
export function readGenericOrders(table: Table, options: GenericOptions): RecordCollector {
  const collector = new RecordCollector(options.fileName)
  const { mapping: m } = options
  const { headers } = table
  const columns = prepareColumns(table, options)
  const occurrences = new Map<string, number>()
  const vatFactor = 1 + options.vatPercent / 100
  if (m.netAmount === undefined && m.grossAmount !== undefined) {
    collector.notes.add(`net derived from gross at ${options.vatPercent} % VAT`)
  }
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r]!
    const line = table.lines[r]!
    if (row.length !== headers.length) {
      collector.error(
        line,
        'column_count',
        null,
        null,
        `Expected ${headers.length} fields, found ${row.length}`,
      )
      collector.finishRow(line, row, null, null)
      continue
    }
    const customer = readCustomer(row, line, headers, m, collector)
    const col = (f: ImportField) => (m[f] === undefined ? null : headers[m[f]!]!)

    const dateText = cell(row, m.date)
    const date = dateText === undefined ? undefined : parseDate(dateText, columns.slashOrder)
    if (dateText === undefined) collector.error(line, 'missing_value', col('date'), null, 'Date is empty')
    else if (date === undefined)
      collector.error(line, 'invalid_date', col('date'), dateText, `"${dateText}" is not a valid date`)

    const money = (field: 'netAmount' | 'grossAmount' | 'margin'): number | null | undefined => {
      const text = cell(row, m[field])
      if (text === undefined) return null
      const cents = parseCents(text, columns.decimals[field]!)
      if (cents === undefined)
        collector.error(line, 'invalid_amount', col(field), text, `"${text}" is not an amount`)
      return cents
    }
    const net = money('netAmount')
    const gross = money('grossAmount')
    const margin = money('margin')
    if (net === null && gross === null) {
      collector.error(line, 'missing_value', col('netAmount') ?? col('grossAmount'), null, 'Amount is empty')
    }

    const kindText = cell(row, m.kind)
    let kind: OrderKind | undefined = 'invoice'
    if (kindText !== undefined) {
      kind = parseKind(kindText)
      if (kind === undefined) {
        collector.error(
          line,
          'invalid_kind',
          col('kind'),
          kindText,
          `"${kindText}" is not a known document kind (invoice, order, credit note, cancellation)`,
        )
      }
    } else if ((net ?? gross ?? 0) < 0) kind = 'credit_note'

    const currencyText = cell(row, m.currency)?.toUpperCase().replace('€', 'EUR') ?? options.defaultCurrency
    if (!CURRENCY.test(currencyText)) {
      collector.error(
        line,
        'invalid_currency',
        col('currency'),
        currencyText,
        `"${currencyText}" is not a currency code`,
      )
    }
    const quantityText = cell(row, m.quantity)
    const quantity = quantityText === undefined ? null : Number(quantityText.replace(',', '.'))
    if (quantity !== null && !Number.isFinite(quantity)) {
      collector.error(
        line,
        'invalid_number',
        col('quantity'),
        quantityText ?? null,
        `"${quantityText}" is not a number`,
      )
    }

    if (
      collector.rowHasErrors ||
      !customer ||
      !date ||
      !kind ||
      net === undefined ||
      gross === undefined ||
      margin === undefined
    ) {
      collector.finishRow(line, row, null, null)
      continue
    }
    const purchase = isPurchaseKind(kind)
    const sign = purchase ? 1 : -1
    const netCents = net ?? Math.round((gross as number) / vatFactor)
    const status = cell(row, m.status)?.toLowerCase() ?? null
    const number = cell(row, m.documentNumber) ?? null
    let externalKey: string
    if (number) externalKey = `${kind}:${number}`
    else {
      const base = `${kind}:${customer.customerNumber}:${date}:${netCents}`
      const n = (occurrences.get(base) ?? 0) + 1
      occurrences.set(base, n)
      externalKey = `${base}:${n}`
    }
    const doc: DocumentRecord = {
      customerNumber: customer.customerNumber,
      externalKey,
      kind,
      number,
      referenceNumber: cell(row, m.referenceNumber) ?? null,
      date,
      netCents: sign * Math.abs(netCents),
      grossCents: gross === null ? null : sign * Math.abs(gross),
      marginCents: margin === null ? null : purchase ? margin : -Math.abs(margin),
      currency: currencyText,
      status,
      countsAsPurchase: purchase && !isNonPurchaseStatus(status),
      quantity: quantity === null ? null : Math.round(quantity),
      line,
    }
    collector.finishRow(line, row, customer, doc)
  }
  return collector
}

/** A generic customer master-data file. */
export function readGenericCustomers(table: Table, options: GenericOptions): RecordCollector {
  const collector = new RecordCollector(options.fileName)
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r]!
    const line = table.lines[r]!
    if (row.length !== table.headers.length) {
      collector.error(
        line,
        'column_count',
        null,
        null,
        `Expected ${table.headers.length} fields, found ${row.length}`,
      )
      collector.finishRow(line, row, null, null)
      continue
    }
    const customer = readCustomer(row, line, table.headers, options.mapping, collector)
    collector.finishRow(line, row, customer, null)
  }
  return collector
}
