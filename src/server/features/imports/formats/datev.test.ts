import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { inEnglish, type ServerText } from '../../../lib/errors'
import { parseImport } from '../parse-import'
import {
  accountClass,
  automaticVatPercent,
  bookingDate,
  isRevenueAccount,
  parseBuKey,
} from './datev-accounts'
import { type DatevHeader, parseDatevHeader } from './datev-header'
import { exampleFiles } from './examples'

const header = (over: Partial<DatevHeader> = {}): DatevHeader => ({
  marker: 'EXTF',
  version: 700,
  category: 21,
  formatName: 'Buchungsstapel',
  consultant: null,
  client: null,
  fiscalYearStart: '2025-07-01',
  accountLength: 4,
  dateFrom: '2025-07-01',
  dateTo: '2026-06-30',
  currency: 'EUR',
  chart: '03',
  ...over,
})

describe('DATEV header record', () => {
  it('reads version, category, fiscal year, account length, period, currency and chart', () => {
    const line =
      '"EXTF";700;21;"Buchungsstapel";13;20260705101500000;;"RE";"";"";29098;55003;20250701;4;20250701;20260630;"Rechnungen; Juli";"";1;0;0;"EUR";;"";;;"03";;;"";""'
    expect(parseDatevHeader(line)).toEqual({
      marker: 'EXTF',
      version: 700,
      category: 21,
      formatName: 'Buchungsstapel',
      consultant: '29098',
      client: '55003',
      fiscalYearStart: '2025-07-01',
      accountLength: 4,
      dateFrom: '2025-07-01',
      dateTo: '2026-06-30',
      currency: 'EUR',
      chart: '03',
    })
  })
  it('reads version 510 and DTVF, unquoted, with a byte-order mark and no period', () => {
    const h = parseDatevHeader(
      '\uFEFFDTVF;510;16;Debitoren/Kreditoren;4;20240101;;RE;;;1001;1;20240101;5;;;;;;;;;;;;;04',
    )
    expect(h).toMatchObject({
      marker: 'DTVF',
      version: 510,
      category: 16,
      accountLength: 5,
      dateFrom: null,
      chart: '04',
    })
  })
  it('is not a header for an ordinary CSV line', () => {
    expect(parseDatevHeader('Kundennummer;Datum;Netto')).toBeNull()
    expect(parseDatevHeader('"EXTFOO";1')).toBeNull()
  })
})

describe('DATEV accounts', () => {
  it('tells ledger, debtor and creditor accounts apart by the account length', () => {
    expect(accountClass(8400, 4)).toBe('ledger')
    expect(accountClass(10000, 4)).toBe('debtor')
    expect(accountClass(69999, 4)).toBe('debtor')
    expect(accountClass(70000, 4)).toBe('creditor')
    expect(accountClass(99999, 4)).toBe('creditor')
    expect(accountClass(69999, 5)).toBe('ledger')
    expect(accountClass(100000, 5)).toBe('debtor')
    expect(accountClass(700000, 5)).toBe('creditor')
  })
  it('knows the revenue classes of SKR 03 and SKR 04', () => {
    expect(isRevenueAccount(8400, 4, '03')).toBe(true)
    expect(isRevenueAccount(4400, 4, '03')).toBe(false)
    expect(isRevenueAccount(4400, 4, '04')).toBe(true)
    expect(isRevenueAccount(8400, 4, '04')).toBe(false)
    expect(isRevenueAccount(1200, 4, null)).toBe(false)
    expect(isRevenueAccount(84000, 5, '03')).toBe(true)
    expect(isRevenueAccount(10001, 4, '03')).toBe(false)
  })
  it('reads the tax and correction digits of a BU key', () => {
    expect(parseBuKey('3')).toEqual({ reversal: false, vatPercent: 19 })
    expect(parseBuKey('2')).toEqual({ reversal: false, vatPercent: 7 })
    expect(parseBuKey('23')).toEqual({ reversal: true, vatPercent: 19 })
    expect(parseBuKey('40')).toEqual({ reversal: false, vatPercent: 0 })
    expect(parseBuKey('')).toEqual({ reversal: false, vatPercent: null })
    expect(parseBuKey('9')).toEqual({ reversal: false, vatPercent: null })
  })
  it('knows the automatic rates of the common revenue accounts', () => {
    expect(automaticVatPercent(8400, 4, '03')).toBe(19)
    expect(automaticVatPercent(8300, 4, '03')).toBe(7)
    expect(automaticVatPercent(8125, 4, '03')).toBe(0)
    expect(automaticVatPercent(4400, 4, '04')).toBe(19)
    expect(automaticVatPercent(4300, 4, '04')).toBe(7)
    expect(automaticVatPercent(4400, 4, '03')).toBeNull()
    expect(automaticVatPercent(8200, 4, '03')).toBeNull()
    expect(automaticVatPercent(84000, 5, '03')).toBe(19)
  })
})

describe('DATEV Belegdatum', () => {
  it('takes the year that puts the day inside the batch period, across the turn of the year', () => {
    expect(bookingDate('1507', header())).toEqual({ date: '2025-07-15' })
    expect(bookingDate('1501', header())).toEqual({ date: '2026-01-15' })
    expect(bookingDate('3006', header())).toEqual({ date: '2026-06-30' })
    // a leading zero dropped by the exporting program
    expect(bookingDate('208', header())).toEqual({ date: '2025-08-02' })
  })
  it('uses the fiscal year when the header has no period', () => {
    const h = header({ dateFrom: null, dateTo: null, fiscalYearStart: '2025-04-01' })
    expect(bookingDate('0104', h)).toEqual({ date: '2025-04-01' })
    expect(bookingDate('3103', h)).toEqual({ date: '2026-03-31' })
  })
  it('knows 29 February only in a leap year', () => {
    const h = header({ dateFrom: '2024-01-01', dateTo: '2024-12-31' })
    expect(bookingDate('2902', h)).toEqual({ date: '2024-02-29' })
    expect('error' in bookingDate('2902', header())).toBe(true)
  })
  it('refuses days outside the period and impossible days, and takes full dates as written', () => {
    const outside = bookingDate('1506', header({ dateFrom: '2025-07-01', dateTo: '2025-12-31' }))
    expect(outside).toEqual({
      error: { key: 'importOutsidePeriod', params: { day: '15.06.', from: '2025-07-01', to: '2025-12-31' } },
    })
    expect(inEnglish((outside as { error: ServerText }).error)).toBe(
      "15.06. lies outside the batch's period 2025-07-01 – 2025-12-31",
    )
    expect('error' in bookingDate('3102', header())).toBe(true)
    expect('error' in bookingDate('15.7', header())).toBe(true)
    expect(bookingDate('15072025', header())).toEqual({ date: '2025-07-15' })
  })
})

function datev(
  headerLine: string,
  columns: string,
  rows: string[],
  encoding: 'win1252' | 'utf8' = 'win1252',
) {
  const text = [headerLine, columns, ...rows].join('\r\n')
  return parseImport({
    fileName: 'EXTF_test.csv',
    bytes: new Uint8Array(iconv.encode(text, encoding)),
    format: 'auto',
    kind: 'orders',
  })
}

const BOOKINGS_HEADER =
  '"EXTF";700;21;"Buchungsstapel";13;20260101120000000;;"RE";"";"";29098;55003;20250701;4;20250701;20260630;"";"";1;0;0;"EUR";;"";;;"03";;;"";""'
const COLUMNS =
  '"Umsatz (ohne Soll/Haben-Kz)";"Soll/Haben-Kennzeichen";"WKZ Umsatz";"Konto";"Gegenkonto (ohne BU-Schlüssel)";"BU-Schlüssel";"Belegdatum";"Belegfeld 1";"Buchungstext"'

describe('DATEV Buchungsstapel', () => {
  it('reads the example: invoices, credit notes, a reversal, payments and expenses left out', () => {
    const { fileName, bytes } = exampleFiles['datev-bookings']()
    const parsed = parseImport({ fileName, bytes, format: 'auto', kind: 'customers' })
    expect(parsed).toMatchObject({
      format: 'datev',
      kind: 'orders',
      encoding: 'windows-1252',
      rowsTotal: 11,
      rowsValid: 11,
    })
    expect(parsed.issues).toEqual([])
    const docs = parsed.documents.map((d) => [
      d.customerNumber,
      d.number,
      d.kind,
      d.date,
      d.netCents,
      d.grossCents,
      d.countsAsPurchase,
    ])
    expect(docs).toEqual([
      ['10001', 'RE-2025-101', 'invoice', '2025-07-15', 100000, 119000, true],
      ['10002', 'RE-2025-102', 'invoice', '2025-08-02', 50000, 53500, true],
      ['10001', 'GS-2025-007', 'credit_note', '2025-09-10', -10000, -11900, false],
      ['10003', 'RE-2025-104', 'invoice', '2025-11-20', 0, 0, false],
      ['10003', 'RE-2026-003', 'invoice', '2026-01-15', 200000, 238000, true],
      ['10001', 'RE-2026-010', 'invoice', '2026-02-03', 50000, 59500, true],
      // 238 at 19 % and 107 at 7 %: one invoice
      ['10002', 'RE-2026-021', 'invoice', '2026-04-12', 30000, 34500, true],
    ])
    expect(parsed.documents.find((d) => d.number === 'RE-2025-104')!.status).toBe('storniert')
    expect(parsed.customers.map((c) => c.customerNumber)).toEqual(['10001', '10002', '10003'])
    expect(parsed.notes[0]).toContain('9 bookings of debtors against revenue accounts')
    expect(parsed.notes[0]).toContain('2 other bookings')
  })

  it('takes the rate from the Steuersatz column, then the BU key; a BU reversal key turns the sign', () => {
    const parsed = datev(BOOKINGS_HEADER, `${COLUMNS};"Steuersatz"`, [
      '107,00;"S";"EUR";10001;8200;"";0108;"R1";"";7,00',
      '119,00;"S";"EUR";10001;8200;"3";0208;"R2";"";',
      '119,00;"S";"EUR";10001;8200;"23";0308;"R3";"";',
      '100,00;"S";"EUR";10001;8200;"";0408;"R4";"";',
    ])
    expect(parsed.documents.map((d) => [d.number, d.netCents, d.kind])).toEqual([
      ['R1', 10000, 'invoice'],
      ['R2', 10000, 'invoice'],
      ['R3', -10000, 'credit_note'],
      // no rate anywhere: the default 19 %
      ['R4', 8403, 'invoice'],
    ])
    expect(parsed.notes.some((n) => n.includes('19 % VAT'))).toBe(true)
  })

  it('reads SKR 04 with five-digit ledger accounts, UTF-8 and umlauts', () => {
    const h = BOOKINGS_HEADER.replace(';4;20250701', ';5;20250701').replace('"03"', '"04"')
    const parsed = datev(
      h,
      COLUMNS,
      [
        '119,00;"S";"EUR";100001;44000;"";1508;"R-ä";"Größe"',
        '50,00;"S";"EUR";100001;84000;"";1508;"R-x";""',
      ],
      'utf8',
    )
    // 84000 is no revenue account in SKR 04
    expect(parsed.documents.map((d) => [d.customerNumber, d.number, d.netCents])).toEqual([
      ['100001', 'R-ä', 10000],
    ])
  })

  it('rejects rows with an unknown side or a day outside the period, naming line, column and value', () => {
    const julyToDecember = BOOKINGS_HEADER.replace(';20260630;', ';20251231;')
    const parsed = datev(julyToDecember, COLUMNS, [
      '119,00;"X";"EUR";10001;8400;"";1508;"R1";""',
      '119,00;"S";"EUR";10001;8400;"";1506;"R2";""',
      '11,9x;"S";"EUR";10001;8400;"";1508;"R3";""',
    ])
    expect(parsed.issues.map((i) => [i.line, i.column, i.value, i.code])).toEqual([
      [3, 'Soll/Haben-Kennzeichen', 'X', 'invalid_value'],
      [4, 'Belegdatum', '1506', 'invalid_date'],
      [5, 'Umsatz (ohne Soll/Haben-Kz)', '11,9x', 'invalid_amount'],
    ])
    expect(parsed.rowsValid).toBe(0)
  })

  it('rejects a file without the required columns, and categories that hold no sales', () => {
    const missing = datev(BOOKINGS_HEADER, '"Umsatz (ohne Soll/Haben-Kz)";"Konto"', ['1;10001'])
    expect(missing.issues.map((i) => i.reason)).toEqual([
      'The DATEV file has no column "Soll/Haben-Kennzeichen"',
      'The DATEV file has no column "Gegenkonto (ohne BU-Schlüssel)"',
      'The DATEV file has no column "Belegdatum"',
    ])
    const names = datev(
      BOOKINGS_HEADER.replace(';21;"Buchungsstapel"', ';20;"Kontenbeschriftungen"'),
      '"Konto";"Kontenbeschriftung"',
      ['8400;"Erlöse"'],
    )
    expect(names.issues[0]!.reason).toContain('DATEV data category 20 (Kontenbeschriftungen)')
  })

  it('says so when DATEV is chosen for a file without a header record', () => {
    const parsed = parseImport({
      fileName: 'x.csv',
      bytes: new TextEncoder().encode('Konto;Umsatz\n10001;1\n'),
      format: 'datev',
      kind: 'orders',
    })
    expect(parsed.issues[0]!.reason).toContain('no DATEV header record')
  })
})

describe('DATEV Debitoren/Kreditoren', () => {
  it('reads debtors as customers, companies as businesses and persons as consumers; creditors are left out', () => {
    const { fileName, bytes } = exampleFiles['datev-debtors']()
    const parsed = parseImport({ fileName, bytes, format: 'auto', kind: 'orders' })
    expect(parsed).toMatchObject({ format: 'datev', kind: 'customers', rowsTotal: 4, rowsValid: 4 })
    expect(parsed.customers).toEqual([
      {
        customerNumber: '10001',
        type: 'business',
        companyName: 'Müller Maschinenbau GmbH',
        salutation: 'Firma',
        street: 'Industriestraße 12',
        postalCode: '70565',
        city: 'Stuttgart',
        phone: '+49 711 123456',
        email: 'einkauf@mueller-maschinenbau.de',
        country: 'DE',
      },
      {
        customerNumber: '10002',
        type: 'consumer',
        lastName: 'Schäfer',
        firstName: 'Jürgen',
        salutation: 'Herr',
        street: 'Hauptstraße 3',
        postalCode: '79098',
        city: 'Freiburg',
        phone: '0761 445566',
        country: 'DE',
      },
      {
        customerNumber: '10003',
        type: 'business',
        companyName: 'Weiß & Söhne KG',
        street: 'Am Hafen 7',
        postalCode: '20457',
        city: 'Hamburg',
        email: 'info@weiss-soehne.de',
        country: 'DE',
      },
    ])
    expect(parsed.documents).toEqual([])
  })
})
