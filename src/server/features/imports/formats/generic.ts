import { type ColumnMapping, customerFields, type ImportField } from '../../../../shared/imports'
import { isPurchaseKind, type OrderKind } from '../../../../shared/orders'
import type { IsoDate } from '../../../lib/dates'
import { say } from '../../../lib/errors'
import { type DecimalSeparator, parseCents } from '../../../lib/money'
import { amountReason, columnDecimal, columnSamples, fileDecimalFallback } from '../amounts'
import { type ChunkReader, RecordCollector } from '../collect'
import { documentKey } from '../own-copy'
import { detectSlashOrder, parseDate, type SlashOrder } from '../parse-date'
import type { ContractRecord, CustomerRecord, DocumentRecord, Table } from '../records'
import {
  cell,
  cleanEmail,
  isNonPurchaseStatus,
  looksLikeCompany,
  MAX_QUANTITY,
  normalizeCountry,
  parseBoolean,
  parseCustomerType,
  parseKind,
  parseQuantity,
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
  /** a known export's own vocabulary (see vendors.ts); absent for a generic file */
  vocabulary?: RowVocabulary
}

/** How a known export's cells translate: its codes for kinds and statuses, rows that are no sale. */
export interface RowVocabulary {
  /** the kind as a word parseKind knows, or undefined to read the kind column as written */
  kind(row: readonly string[]): string | undefined
  /** the status in words (lower case), or null */
  status(row: readonly string[]): string | null
  /** a row that is no sales document at all (a dunning letter): left out */
  skip(row: readonly string[]): boolean
}

const CURRENCY = /^[A-Z]{3}$/

interface Columns {
  decimals: Partial<Record<ImportField, DecimalSeparator>>
  slashOrder: SlashOrder
}

function prepareColumns(table: Table, options: GenericOptions): Columns {
  const fallback = fileDecimalFallback(options.delimiter)
  const decimals: Columns['decimals'] = {}
  for (const field of ['netAmount', 'grossAmount', 'margin', 'monthlyValue'] as const) {
    decimals[field] = columnDecimal(table, options.mapping[field], fallback)
  }
  return { decimals, slashOrder: detectSlashOrder(columnSamples(table, options.mapping.date)) }
}

function sameCells(a: readonly string[], b: readonly string[], columns: readonly number[]): boolean {
  for (let i = 0; i < columns.length; i++) if (a[columns[i]!] !== b[columns[i]!]) return false
  return true
}

/** Customer fields taken over as written. */
const textFields = [
  ['companyName', 'companyName'],
  ['salutation', 'salutation'],
  ['firstName', 'firstName'],
  ['lastName', 'lastName'],
  ['phone', 'phone'],
  ['street', 'street'],
  ['postalCode', 'postalCode'],
  ['city', 'city'],
  ['segment', 'segment'],
  ['owner', 'owner'],
] as const satisfies readonly (readonly [keyof CustomerRecord, ImportField])[]

function columnName(headers: readonly string[], mapping: ColumnMapping, field: ImportField): string | null {
  const index = mapping[field]
  return index === undefined ? null : headers[index]!
}

/** An amount cell: null when empty, undefined (with an error recorded) when not an amount. */
function readMoney(
  row: readonly string[],
  line: number,
  field: 'netAmount' | 'grossAmount' | 'margin' | 'monthlyValue',
  headers: readonly string[],
  options: GenericOptions,
  columns: Columns,
  collector: RecordCollector,
): number | null | undefined {
  const text = cell(row, options.mapping[field])
  if (text === undefined) return null
  const cents = parseCents(text, columns.decimals[field]!)
  if (cents === undefined)
    collector.error(
      line,
      'invalid_amount',
      columnName(headers, options.mapping, field),
      text,
      amountReason(text, columns.decimals[field]!),
    )
  return cents
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
    collector.error(line, 'missing_value', column, null, say('importCustomerNumberEmpty'))
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
        say('importUnknownCustomerType', { value: typeText }),
      )
  }
  for (const [key, field] of textFields) {
    const value = cell(row, m[field])
    if (value !== undefined) record[key] = value
  }
  const fullName = cell(row, m.fullName)
  if (fullName && record.firstName === undefined && record.lastName === undefined) {
    const company = record.type === 'business' || (record.type === undefined && looksLikeCompany(fullName))
    if (record.companyName === undefined && m.companyName === undefined && company)
      record.companyName = fullName
    else Object.assign(record, splitFullName(fullName))
  }
  const country = cell(row, m.country)
  if (country) record.country = normalizeCountry(country)
  const tags = cell(row, m.tags)
  if (tags) record.tags = parseTags(tags)
  const project = cell(row, m.projectCustomer)
  if (project !== undefined) {
    const flag = parseBoolean(project)
    if (flag === undefined)
      collector.error(
        line,
        'invalid_value',
        headers[m.projectCustomer!]!,
        project,
        say('importNotYesNo', { value: project }),
      )
    else record.isProjectCustomer = flag
  }
  if (record.type === undefined && record.companyName !== undefined) record.type = 'business'
  return record
}

/** A generic order or invoice file, read through a confirmed column mapping. */
export function genericOrdersReader(sample: Table, options: GenericOptions): ChunkReader {
  const collector = new RecordCollector(options.fileName)
  const { mapping: m, vocabulary } = options
  const { headers } = sample
  const columns = prepareColumns(sample, options)
  const occurrences = new Map<string, number>()
  const vatFactor = 1 + options.vatPercent / 100
  if (m.netAmount === undefined && m.grossAmount !== undefined) {
    collector.note(say('importNoteVat', { percent: options.vatPercent }))
  }
  const customerColumns = customerFields.map((f) => m[f]).filter((i): i is number => i !== undefined)
  // positions of one document follow each other, repeating their customer's and document's columns
  const run: {
    /** the last kept row that read its customer */
    previous: { row: readonly string[]; customer: CustomerRecord } | null
    number: string
    kind: string
    key: string
    /** the collected document under `key`, once known */
    document: DocumentRecord | null
    /** the last date cell read and its day */
    dateText: string
    date: IsoDate | undefined
  } = {
    previous: null,
    number: '',
    kind: '',
    key: '',
    document: null,
    dateText: '',
    date: undefined,
  }
  // checked once: the rows without a currency of their own take it
  const defaultCurrency = CURRENCY.test(options.defaultCurrency) ? options.defaultCurrency : null
  const read = (table: Table): void => {
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r]!
      const line = table.lines[r]!
      if (row.length !== headers.length) {
        collector.error(
          line,
          'column_count',
          null,
          null,
          say('importFieldCount', { expected: headers.length, found: row.length }),
        )
        collector.finishRow(line, row, null, null)
        continue
      }
      if (vocabulary?.skip(row)) {
        collector.finishRow(line, row, null, null)
        continue
      }
      // line items repeat their customer's columns: read them once per run of equal rows
      const last = run.previous
      const sameCustomer = last !== null && sameCells(row, last.row, customerColumns)
      const customer = sameCustomer && last ? last.customer : readCustomer(row, line, headers, m, collector)

      const dateText = cell(row, m.date)
      // positions repeat their document's day
      if (dateText !== undefined && dateText !== run.dateText) {
        run.dateText = dateText
        run.date = parseDate(dateText, columns.slashOrder)
      }
      const date = dateText === undefined ? undefined : run.date
      if (dateText === undefined)
        collector.error(line, 'missing_value', columnName(headers, m, 'date'), null, say('importDateEmpty'))
      else if (date === undefined)
        collector.error(
          line,
          'invalid_date',
          columnName(headers, m, 'date'),
          dateText,
          say('importNotADate', { value: dateText }),
        )

      const net = readMoney(row, line, 'netAmount', headers, options, columns, collector)
      const gross = readMoney(row, line, 'grossAmount', headers, options, columns, collector)
      const margin = readMoney(row, line, 'margin', headers, options, columns, collector)
      if (net === null && gross === null) {
        collector.error(
          line,
          'missing_value',
          columnName(headers, m, 'netAmount') ?? columnName(headers, m, 'grossAmount'),
          null,
          say('importAmountEmpty'),
        )
      }

      const kindText = vocabulary?.kind(row) ?? cell(row, m.kind)
      const number = cell(row, m.documentNumber) ?? null
      let kind: OrderKind | undefined = 'invoice'
      if (kindText !== undefined) {
        kind = parseKind(kindText)
        if (kind === undefined) {
          collector.error(
            line,
            'invalid_kind',
            columnName(headers, m, 'kind'),
            kindText,
            say('importUnknownKind', { value: kindText }),
          )
        }
      } else if ((net ?? gross ?? 0) < 0) {
        // without a kind column a negative amount is a credit note, unless it is a further position
        // of the purchase being read (a discount, "Rabatt"): that reduces the purchase
        const furtherPosition = number !== null && number === run.number && run.kind !== ''
        kind =
          furtherPosition && isPurchaseKind(run.kind as OrderKind) ? (run.kind as OrderKind) : 'credit_note'
      }

      const currencyText = cell(row, m.currency)?.toUpperCase().replace('€', 'EUR') ?? options.defaultCurrency
      if (currencyText !== defaultCurrency && !CURRENCY.test(currencyText)) {
        collector.error(
          line,
          'invalid_currency',
          columnName(headers, m, 'currency'),
          currencyText,
          say('importNotCurrency', { value: currencyText }),
        )
      }
      const quantityText = cell(row, m.quantity)
      const quantity = quantityText === undefined ? null : (parseQuantity(quantityText) ?? null)
      if (quantityText !== undefined && quantity === null) {
        collector.error(
          line,
          'invalid_number',
          columnName(headers, m, 'quantity'),
          quantityText,
          say('importNotQuantity', { value: quantityText, max: MAX_QUANTITY }),
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
      const netCents = net ?? Math.round((gross as number) / vatFactor)
      // a purchase keeps the file's signs (a discount line reduces it); a credit note or
      // cancellation reduces revenue however its export signs it
      const signed = (cents: number) => (purchase ? cents : -Math.abs(cents))
      const status = vocabulary ? vocabulary.status(row) : (cell(row, m.status)?.toLowerCase() ?? null)
      let externalKey: string
      if (number) {
        // the next position of the previous row's document: its key and record are at hand
        if (number !== run.number || kind !== run.kind) {
          run.number = number
          run.kind = kind
          run.key = documentKey(kind, number)
          run.document = null
        }
        externalKey = run.key
        const existing = run.document ?? collector.documents.get(externalKey)
        if (existing && existing.customerNumber === customer.customerNumber) {
          collector.addPosition(existing, {
            netCents: signed(netCents),
            grossCents: gross === null ? null : signed(gross),
            marginCents: margin === null ? null : signed(margin),
            quantity,
            countsAsPurchase: purchase && !isNonPurchaseStatus(status),
          })
          collector.finishRow(line, row, sameCustomer ? null : customer, null)
          if (!sameCustomer) run.previous = { row, customer }
          run.document = existing
          continue
        }
      } else {
        const base = documentKey(kind, customer.customerNumber, date, netCents)
        const n = (occurrences.get(base) ?? 0) + 1
        occurrences.set(base, n)
        externalKey = documentKey(base, n)
      }
      const doc: DocumentRecord = {
        customerNumber: customer.customerNumber,
        externalKey,
        kind,
        number,
        referenceNumber: cell(row, m.referenceNumber) ?? null,
        date,
        netCents: signed(netCents),
        grossCents: gross === null ? null : signed(gross),
        marginCents: margin === null ? null : signed(margin),
        currency: currencyText,
        status,
        countsAsPurchase: purchase && !isNonPurchaseStatus(status),
        quantity,
        line,
      }
      if (collector.finishRow(line, row, sameCustomer ? null : customer, doc)) {
        if (!sameCustomer) run.previous = { row, customer }
        if (number) run.document = doc
      }
    }
  }
  return { collector, read }
}

/** A date cell: null when empty (or undefined with an error when required), undefined with an error when not a date. */
function readDate(
  row: readonly string[],
  line: number,
  field: 'startDate' | 'endDate' | 'cancelledDate',
  required: boolean,
  headers: readonly string[],
  options: GenericOptions,
  columns: Columns,
  collector: RecordCollector,
): string | null | undefined {
  const text = cell(row, options.mapping[field])
  const column = columnName(headers, options.mapping, field)
  if (text === undefined) {
    if (!required) return null
    collector.error(line, 'missing_value', column, null, say('importStartEmpty'))
    return undefined
  }
  const date = parseDate(text, columns.slashOrder)
  if (date === undefined)
    collector.error(line, 'invalid_date', column, text, say('importNotADate', { value: text }))
  return date
}

/**
 * A generic contract file (subscriptions, service or rental contracts): one row per contract with
 * its customer, number, start and, where known, end, cancellation day and monthly value.
 */
export function genericContractsReader(sample: Table, options: GenericOptions): ChunkReader {
  const collector = new RecordCollector(options.fileName)
  const { mapping: m } = options
  const { headers } = sample
  const columns: Columns = {
    decimals: { monthlyValue: columnDecimal(sample, m.monthlyValue, fileDecimalFallback(options.delimiter)) },
    slashOrder: detectSlashOrder([
      ...columnSamples(sample, m.startDate),
      ...columnSamples(sample, m.endDate),
      ...columnSamples(sample, m.cancelledDate),
    ]),
  }
  const read = (table: Table): void => {
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r]!
      const line = table.lines[r]!
      if (row.length !== headers.length) {
        collector.error(
          line,
          'column_count',
          null,
          null,
          say('importFieldCount', { expected: headers.length, found: row.length }),
        )
        collector.finishContractRow(line, row, null, null)
        continue
      }
      const customer = readCustomer(row, line, headers, m, collector)
      const number = cell(row, m.contractNumber)
      if (number === undefined)
        collector.error(
          line,
          'missing_value',
          columnName(headers, m, 'contractNumber'),
          null,
          say('importContractNumberEmpty'),
        )
      const date = (field: 'startDate' | 'endDate' | 'cancelledDate', required: boolean) =>
        readDate(row, line, field, required, headers, options, columns, collector)
      const startedOn = date('startDate', true)
      const endsOn = date('endDate', false)
      const cancelledOn = date('cancelledDate', false)
      const monthly = readMoney(row, line, 'monthlyValue', headers, options, columns, collector)
      if (startedOn && endsOn && endsOn < startedOn)
        collector.error(
          line,
          'invalid_date',
          columnName(headers, m, 'endDate'),
          cell(row, m.endDate) ?? null,
          say('importContractEndsBeforeStart', { end: endsOn, start: startedOn }),
        )
      if (startedOn && cancelledOn && cancelledOn < startedOn)
        collector.error(
          line,
          'invalid_date',
          columnName(headers, m, 'cancelledDate'),
          cell(row, m.cancelledDate) ?? null,
          say('importCancelledBeforeStart', { cancelled: cancelledOn, start: startedOn }),
        )
      if (monthly !== undefined && monthly !== null && monthly < 0)
        collector.error(
          line,
          'invalid_amount',
          columnName(headers, m, 'monthlyValue'),
          cell(row, m.monthlyValue) ?? null,
          say('importNegativeMonthly'),
        )
      if (
        collector.rowHasErrors ||
        !customer ||
        !number ||
        !startedOn ||
        endsOn === undefined ||
        cancelledOn === undefined ||
        monthly === undefined
      ) {
        collector.finishContractRow(line, row, null, null)
        continue
      }
      const contract: ContractRecord = {
        customerNumber: customer.customerNumber,
        externalKey: number,
        product: cell(row, m.product) ?? null,
        startedOn,
        endsOn,
        cancelledOn,
        monthlyValueCents: monthly,
        line,
      }
      collector.finishContractRow(line, row, customer, contract)
    }
  }
  return { collector, read }
}

/** A generic customer master-data file. */
export function genericCustomersReader(_sample: Table, options: GenericOptions): ChunkReader {
  const collector = new RecordCollector(options.fileName)
  const read = (table: Table): void => {
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r]!
      const line = table.lines[r]!
      if (row.length !== table.headers.length) {
        collector.error(
          line,
          'column_count',
          null,
          null,
          say('importFieldCount', { expected: table.headers.length, found: row.length }),
        )
        collector.finishRow(line, row, null, null)
        continue
      }
      const customer = readCustomer(row, line, table.headers, options.mapping, collector)
      collector.finishRow(line, row, customer, null)
    }
  }
  return { collector, read }
}
