import { type ServerText, say } from '../../../lib/errors'
import { parseCents } from '../../../lib/money'
import { amountReason, columnDecimal } from '../amounts'
import { type ChunkReader, RecordCollector } from '../collect'
import { documentKey } from '../own-copy'
import type { CustomerRecord, DocumentRecord, Table } from '../records'
import { cell, cleanEmail, copyCells, normalizeCountry } from '../values'
import {
  accountClass,
  automaticVatPercent,
  bookingDate,
  isRevenueAccount,
  parseBuKey,
} from './datev-accounts'
import { DATEV_BOOKINGS, DATEV_DEBTORS, type DatevHeader } from './datev-header'
import { findColumns } from './header-index'

const BOOKING_COLUMNS = {
  amount: ['Umsatz (ohne Soll/Haben-Kz)', 'Umsatz (ohne Soll/Haben-Kennzeichen)', 'Umsatz'],
  debitCredit: ['Soll/Haben-Kennzeichen', 'Soll/Haben-Kz', 'Soll-Haben-Kennzeichen'],
  currency: ['WKZ Umsatz'],
  account: ['Konto'],
  counter: ['Gegenkonto (ohne BU-Schlüssel)', 'Gegenkonto'],
  buKey: ['BU-Schlüssel'],
  date: ['Belegdatum'],
  number: ['Belegfeld 1'],
  reversal: ['Generalumkehr (GU)', 'Generalumkehr'],
  taxRate: ['Steuersatz'],
} as const
const REQUIRED_BOOKING_COLUMNS = ['amount', 'debitCredit', 'account', 'counter', 'date'] as const

const DEBTOR_COLUMNS = {
  account: ['Konto'],
  company: ['Name (Adressatentyp Unternehmen)'],
  lastName: ['Name (Adressatentyp natürl. Person)', 'Name (Adressatentyp natürliche Person)'],
  firstName: ['Vorname (Adressatentyp natürl. Person)', 'Vorname (Adressatentyp natürliche Person)'],
  unspecifiedName: ['Name (Adressatentyp keine Angabe)'],
  shortName: ['Kurzbezeichnung'],
  type: ['Adressatentyp'],
  salutation: ['Anrede'],
  street: ['Straße'],
  postalCode: ['Postleitzahl'],
  city: ['Ort'],
  country: ['Land'],
  phone: ['Telefon'],
  email: ['E-Mail'],
} as const

/** The column names a DATEV file of this category must have and does not; an unreadable category is named. */
export function datevMissingColumns(headers: readonly string[], header: DatevHeader): string[] {
  if (header.category === DATEV_BOOKINGS) {
    const c = findColumns(headers, BOOKING_COLUMNS)
    return REQUIRED_BOOKING_COLUMNS.filter((k) => c[k] === undefined).map((k) => BOOKING_COLUMNS[k][0])
  }
  if (header.category === DATEV_DEBTORS)
    return findColumns(headers, DEBTOR_COLUMNS).account === undefined ? ['Konto'] : []
  return []
}

/** The rate in a "Steuersatz" cell ("19,00", "7"), or null. */
function taxRateCell(text: string | undefined): number | null {
  if (!text) return null
  const rate = Number(text.replace(',', '.'))
  return Number.isFinite(rate) && rate >= 0 && rate < 100 ? rate : null
}

/** A note whose counts change with every chunk: the latest replaces the one before (same key). */
function countingNote(collector: RecordCollector) {
  return (text: ServerText) => collector.note(text)
}

/**
 * A DATEV Buchungsstapel (data category 21). A sale is a booking of a debtor account against a
 * revenue account: debit on the debtor is an invoice, credit a credit note, and a reversal
 * (Generalumkehr) turns either round. Bookings with the same Belegfeld 1 (invoice number) for the
 * same debtor add up to one document (an invoice split by tax rate; its reversal nets it to zero,
 * which then is no purchase). Payments (a debtor against a bank or cash account) and every booking
 * without a debtor are not sales and are left out. DATEV amounts are gross: the net follows from the
 * Steuersatz column, the BU key, or the revenue account's automatic rate, else from `vatPercent`.
 */
export function datevBookingsReader(
  sample: Table,
  header: DatevHeader,
  options: { fileName: string; vatPercent: number },
): ChunkReader {
  const collector = new RecordCollector(options.fileName)
  const c = findColumns(sample.headers, BOOKING_COLUMNS)
  const column = (i: number | undefined) => (i === undefined ? null : sample.headers[i]!)
  const decimal = columnDecimal(sample, c.amount, ',')
  const length = header.accountLength
  const occurrences = new Map<string, number>()
  let sales = 0
  let others = 0
  let assumedRate = false
  const note = countingNote(collector)

  const account = (row: readonly string[], line: number, index: number | undefined): number | undefined => {
    const text = cell(row, index)
    const n = text === undefined ? Number.NaN : Number(text)
    if (!Number.isSafeInteger(n) || n < 0) {
      collector.error(
        line,
        'invalid_number',
        column(index),
        text ?? null,
        say('importNotAccount', { value: text ?? '' }),
      )
      return undefined
    }
    return n
  }

  const read = (table: Table): void => {
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r]!
      const line = table.lines[r]!
      const konto = account(row, line, c.account)
      const gegenkonto = account(row, line, c.counter)
      if (konto === undefined || gegenkonto === undefined) {
        collector.finishRow(line, row, null, null)
        continue
      }
      const debtorIsKonto = accountClass(konto, length) === 'debtor'
      const debtor = debtorIsKonto ? konto : accountClass(gegenkonto, length) === 'debtor' ? gegenkonto : null
      const other = debtorIsKonto ? gegenkonto : konto
      if (debtor === null || !isRevenueAccount(other, length, header.chart)) {
        // a payment, or a booking that concerns no customer
        others++
        collector.finishRow(line, row, null, null)
        continue
      }
      const amountText = cell(row, c.amount) ?? ''
      const cents = parseCents(amountText, decimal)
      if (cents === undefined)
        collector.error(
          line,
          'invalid_amount',
          column(c.amount),
          amountText,
          amountReason(amountText, decimal),
        )
      const side = cell(row, c.debitCredit)?.toUpperCase()
      if (side !== 'S' && side !== 'H')
        collector.error(
          line,
          'invalid_value',
          column(c.debitCredit),
          side ?? null,
          say('importNotDebitCredit', { value: side ?? '' }),
        )
      const dateText = cell(row, c.date) ?? ''
      const day = bookingDate(dateText, header)
      if ('error' in day) collector.error(line, 'invalid_date', column(c.date), dateText, day.error)
      const bu = parseBuKey(cell(row, c.buKey))
      if (collector.rowHasErrors || cents === undefined || 'error' in day) {
        collector.finishRow(line, row, null, null)
        continue
      }
      const reversal = /^(1|G)$/i.test(cell(row, c.reversal) ?? '') || bu.reversal
      const debitOnDebtor = debtorIsKonto ? side === 'S' : side === 'H'
      const gross = (debitOnDebtor !== reversal ? 1 : -1) * cents
      let rate =
        taxRateCell(cell(row, c.taxRate)) ?? bu.vatPercent ?? automaticVatPercent(other, length, header.chart)
      if (rate === null) {
        rate = options.vatPercent
        assumedRate = true
      }
      const net = Math.round(gross / (1 + rate / 100))
      const customerNumber = String(debtor)
      const number = cell(row, c.number) ?? null
      let externalKey: string
      if (number) externalKey = documentKey('datev', customerNumber, number)
      else {
        const base = documentKey('datev', customerNumber, day.date, gross)
        const n = (occurrences.get(base) ?? 0) + 1
        occurrences.set(base, n)
        externalKey = documentKey(base, n)
      }
      const document: DocumentRecord = {
        customerNumber,
        externalKey,
        kind: gross > 0 ? 'invoice' : 'credit_note',
        number,
        referenceNumber: null,
        date: day.date,
        netCents: net,
        grossCents: gross,
        marginCents: null,
        currency: (cell(row, c.currency) ?? header.currency ?? 'EUR').toUpperCase(),
        status: null,
        countsAsPurchase: gross > 0,
        quantity: null,
        line,
      }
      const customer: CustomerRecord = { customerNumber }
      if (collector.finishRow(line, row, customer, document)) {
        sales++
        settleKind(collector.documents.get(externalKey))
      }
    }
    note(say('importNoteDatevBookings', { sales, others }))
    if (assumedRate) collector.note(say('importNoteDatevRate', { percent: options.vatPercent }))
  }
  return { collector, read }
}

/** A document's kind follows its bookings' sum: positive an invoice, zero reversed, negative a credit note. */
function settleKind(document: DocumentRecord | undefined): void {
  if (!document) return
  if (document.netCents > 0) {
    document.kind = 'invoice'
    document.countsAsPurchase = true
    document.status = null
  } else if (document.netCents === 0) {
    document.kind = 'invoice'
    document.countsAsPurchase = false
    document.status = 'storniert'
  } else {
    document.kind = 'credit_note'
    document.countsAsPurchase = false
    document.status = null
  }
}

/**
 * DATEV Debitoren/Kreditoren (data category 16): the customers' master data. Debtor accounts are the
 * customer numbers (the bookings name them so); creditors are suppliers and left out. A natural
 * person is taken as a consumer (the stricter contact rules apply), a company as a business.
 */
export function datevDebtorsReader(sample: Table, header: DatevHeader, fileName: string): ChunkReader {
  const collector = new RecordCollector(fileName)
  const c = findColumns(sample.headers, DEBTOR_COLUMNS)
  const length = header.accountLength
  let debtors = 0
  let others = 0
  const note = countingNote(collector)
  const read = (table: Table): void => {
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r]!
      const line = table.lines[r]!
      const text = cell(row, c.account)
      const konto = text === undefined ? Number.NaN : Number(text)
      if (!Number.isSafeInteger(konto) || konto < 0) {
        collector.error(
          line,
          'invalid_number',
          'Konto',
          text ?? null,
          say('importNotAccount', { value: text ?? '' }),
        )
        collector.finishRow(line, row, null, null)
        continue
      }
      if (accountClass(konto, length) !== 'debtor') {
        others++
        collector.finishRow(line, row, null, null)
        continue
      }
      const customer: CustomerRecord = { customerNumber: String(konto) }
      const company = cell(row, c.company) ?? cell(row, c.unspecifiedName)
      const typeCode = cell(row, c.type)
      const lastName = cell(row, c.lastName)
      const firstName = cell(row, c.firstName)
      if (typeCode === '2' || (typeCode !== '1' && company && !lastName)) customer.type = 'business'
      else if (typeCode === '1' || lastName) customer.type = 'consumer'
      if (company) customer.companyName = company
      else if (!lastName) {
        const short = cell(row, c.shortName)
        if (short) customer.companyName = short
      }
      if (lastName) customer.lastName = lastName
      if (firstName) customer.firstName = firstName
      copyCells(customer, row, {
        salutation: c.salutation,
        street: c.street,
        postalCode: c.postalCode,
        city: c.city,
        phone: c.phone,
      })
      const email = cleanEmail(cell(row, c.email) ?? '')
      if (email) customer.email = email
      const country = cell(row, c.country)
      if (country) customer.country = normalizeCountry(country)
      if (collector.finishRow(line, row, customer, null)) debtors++
    }
    note(say('importNoteDatevDebtors', { debtors, others }))
  }
  return { collector, read }
}
