import iconv from 'iconv-lite'
import type { ExampleFile } from '../../../../shared/imports'

/**
 * A small example file of every export winback reads, as that system writes it: the import page
 * offers them for download, and the tests import them. One company's year: the Müller Maschinenbau
 * GmbH buys, gets a credit note and a reversed invoice; Bäckerei Schäfer buys at 7 %.
 */

const CRLF = '\r\n'

function csv(rows: readonly (readonly string[])[], delimiter = ';'): string {
  return rows
    .map((r) =>
      r.map((v) => (v === '' || !/[";\n]/.test(v) ? v : `"${v.replace(/"/g, '""')}"`)).join(delimiter),
    )
    .join(CRLF)
    .concat(CRLF)
}

/** DATEV quotes every text field and writes numbers bare (given here as bigint or number). */
function datevLine(fields: readonly (string | number | bigint)[]): string {
  return fields.map((f) => (typeof f !== 'string' ? String(f) : f === '' ? '' : `"${f}"`)).join(';')
}

const DATEV_BOOKING_HEADERS = [
  'Umsatz (ohne Soll/Haben-Kz)',
  'Soll/Haben-Kennzeichen',
  'WKZ Umsatz',
  'Kurs',
  'Basis-Umsatz',
  'WKZ Basis-Umsatz',
  'Konto',
  'Gegenkonto (ohne BU-Schlüssel)',
  'BU-Schlüssel',
  'Belegdatum',
  'Belegfeld 1',
  'Belegfeld 2',
  'Skonto',
  'Buchungstext',
  'Generalumkehr (GU)',
]

/** The header record: EXTF 700, the category, a fiscal year from July to June, SKR 03, 4-digit accounts. */
function datevHeaderRecord(category: 16 | 21, name: string, formatVersion: number, period: boolean): string {
  return datevLine([
    'EXTF',
    700,
    category,
    name,
    formatVersion,
    20260705101500000n,
    '',
    'RE',
    '',
    '',
    29098,
    55003,
    20250701,
    4,
    period ? 20250701 : '',
    period ? 20260630 : '',
    period ? 'Ausgangsrechnungen' : '',
    '',
    period ? 1 : '',
    period ? 0 : '',
    0,
    period ? 'EUR' : '',
    '',
    '',
    '',
    '',
    '03',
    '',
    '',
    '',
    '',
  ])
}

type Booking = [
  amount: string,
  side: 'S' | 'H',
  konto: number,
  gegenkonto: number,
  bu: string,
  date: string,
  number: string,
  text: string,
  reversal?: string,
]

export const DATEV_EXAMPLE_BOOKINGS: readonly Booking[] = [
  ['1190,00', 'S', 10001, 8400, '', '1507', 'RE-2025-101', 'Müller Maschinenbau GmbH'],
  ['535,00', 'S', 10002, 8300, '', '208', 'RE-2025-102', 'Bäckerei Schäfer'],
  // the payment of the first invoice: no sale
  ['1190,00', 'H', 10001, 1200, '', '2807', 'RE-2025-101', 'Zahlung Müller'],
  ['119,00', 'H', 10001, 8400, '', '1009', 'GS-2025-007', 'Gutschrift Müller (Reklamation)'],
  ['476,00', 'S', 10003, 8400, '', '2011', 'RE-2025-104', 'Weiß & Söhne KG'],
  // its reversal (Generalumkehr): the invoice nets to zero
  ['476,00', 'S', 10003, 8400, '', '2111', 'RE-2025-104', 'Storno RE-2025-104', '1'],
  // after the turn of the year: 15 January belongs to 2026 in a fiscal year from July
  ['2380,00', 'S', 10003, 8400, '', '1501', 'RE-2026-003', 'Weiß & Söhne KG'],
  // the revenue account first: credit on revenue is debit on the debtor
  ['595,00', 'H', 8400, 10001, '', '0302', 'RE-2026-010', 'Müller Maschinenbau GmbH'],
  // one invoice at two tax rates: two bookings, one document
  ['238,00', 'S', 10002, 8400, '', '1204', 'RE-2026-021', 'Bäckerei Schäfer'],
  ['107,00', 'S', 10002, 8300, '', '1204', 'RE-2026-021', 'Bäckerei Schäfer'],
  // an expense: no customer
  ['89,90', 'S', 4930, 1200, '', '1805', 'B-7781', 'Büromaterial'],
]

function datevBookings(): string {
  const lines = [
    datevHeaderRecord(21, 'Buchungsstapel', 13, true),
    datevLine(DATEV_BOOKING_HEADERS),
    ...DATEV_EXAMPLE_BOOKINGS.map(([amount, side, konto, gegen, bu, date, number, text, reversal]) =>
      [
        amount,
        `"${side}"`,
        '"EUR"',
        '',
        '',
        '',
        konto,
        gegen,
        bu ? `"${bu}"` : '',
        date,
        `"${number}"`,
        '',
        '',
        `"${text}"`,
        reversal ?? '0',
      ].join(';'),
    ),
  ]
  return lines.join(CRLF) + CRLF
}

const DATEV_DEBTOR_HEADERS = [
  'Konto',
  'Name (Adressatentyp Unternehmen)',
  'Unternehmensgegenstand',
  'Name (Adressatentyp natürl. Person)',
  'Vorname (Adressatentyp natürl. Person)',
  'Name (Adressatentyp keine Angabe)',
  'Adressatentyp',
  'Kurzbezeichnung',
  'EU-Land',
  'EU-USt-IdNr.',
  'Anrede',
  'Titel/Akad. Grad',
  'Adelstitel',
  'Namensvorsatz',
  'Adressart',
  'Straße',
  'Postfach',
  'Postleitzahl',
  'Ort',
  'Land',
  'Versandzusatz',
  'Adresszusatz',
  'Abweichende Anrede',
  'Abw. Zustellbezeichnung 1',
  'Abw. Zustellbezeichnung 2',
  'Kennz. Korrespondenzadresse',
  'Adresse gültig von',
  'Adresse gültig bis',
  'Telefon',
  'Bemerkung (Telefon)',
  'Telefon Geschäftsleitung',
  'Bemerkung (Telefon GL)',
  'E-Mail',
]

type Debtor = {
  konto: number
  company?: string
  last?: string
  first?: string
  type: '1' | '2'
  salutation?: string
  street: string
  zip: string
  city: string
  phone?: string
  email?: string
}

export const DATEV_EXAMPLE_DEBTORS: readonly Debtor[] = [
  {
    konto: 10001,
    company: 'Müller Maschinenbau GmbH',
    type: '2',
    salutation: 'Firma',
    street: 'Industriestraße 12',
    zip: '70565',
    city: 'Stuttgart',
    phone: '+49 711 123456',
    email: 'einkauf@mueller-maschinenbau.de',
  },
  {
    konto: 10002,
    last: 'Schäfer',
    first: 'Jürgen',
    type: '1',
    salutation: 'Herr',
    street: 'Hauptstraße 3',
    zip: '79098',
    city: 'Freiburg',
    phone: '0761 445566',
  },
  {
    konto: 10003,
    company: 'Weiß & Söhne KG',
    type: '2',
    street: 'Am Hafen 7',
    zip: '20457',
    city: 'Hamburg',
    email: 'info@weiss-soehne.de',
  },
  // a supplier: not a customer
  {
    konto: 70001,
    company: 'Papier Großhandel AG',
    type: '2',
    street: 'Lagerweg 1',
    zip: '10115',
    city: 'Berlin',
  },
]

function datevDebtors(): string {
  const at = (name: string) => DATEV_DEBTOR_HEADERS.indexOf(name)
  const rows = DATEV_EXAMPLE_DEBTORS.map((d) => {
    const cells: (string | number)[] = DATEV_DEBTOR_HEADERS.map(() => '')
    cells[at('Konto')] = d.konto
    if (d.company) cells[at('Name (Adressatentyp Unternehmen)')] = d.company
    if (d.last) cells[at('Name (Adressatentyp natürl. Person)')] = d.last
    if (d.first) cells[at('Vorname (Adressatentyp natürl. Person)')] = d.first
    cells[at('Adressatentyp')] = d.type
    if (d.salutation) cells[at('Anrede')] = d.salutation
    cells[at('Adressart')] = 'STR'
    cells[at('Straße')] = d.street
    cells[at('Postleitzahl')] = d.zip
    cells[at('Ort')] = d.city
    cells[at('Land')] = 'DE'
    if (d.phone) cells[at('Telefon')] = d.phone
    if (d.email) cells[at('E-Mail')] = d.email
    return datevLine(cells)
  })
  return (
    [datevHeaderRecord(16, 'Debitoren/Kreditoren', 5, false), datevLine(DATEV_DEBTOR_HEADERS), ...rows].join(
      CRLF,
    ) + CRLF
  )
}

const lexware = (): string =>
  csv([
    [
      'Belegnummer',
      'Belegdatum',
      'Belegtyp',
      'Belegstatus',
      'Kundennummer',
      'Kunde',
      'Nettobetrag',
      'Bruttobetrag',
      'Währung',
    ],
    [
      'RE0001',
      '14.01.2026',
      'Rechnung',
      'Bezahlt',
      '10001',
      'Müller Maschinenbau GmbH',
      '1.000,00',
      '1.190,00',
      'EUR',
    ],
    ['RE0002', '02.02.2026', 'Rechnung', 'Offen', '10002', 'Jürgen Schäfer', '500,00', '535,00', 'EUR'],
    [
      'RK0001',
      '10.02.2026',
      'Rechnungskorrektur',
      'Offen',
      '10001',
      'Müller Maschinenbau GmbH',
      '100,00',
      '119,00',
      'EUR',
    ],
    ['RE0003', '03.03.2026', 'Rechnung', 'Storniert', '10003', 'Weiß & Söhne KG', '400,00', '476,00', 'EUR'],
    ['', '05.03.2026', 'Rechnung', 'Entwurf', '10003', 'Weiß & Söhne KG', '250,00', '297,50', 'EUR'],
    [
      'RE0004',
      '20.03.2026',
      'Abschlagsrechnung',
      'Bezahlt',
      '10003',
      'Weiß & Söhne KG',
      '2.000,00',
      '2.380,00',
      'EUR',
    ],
  ])

const sevdesk = (): string =>
  csv([
    [
      'Rechnungsnummer',
      'Rechnungsdatum',
      'Rechnungstyp',
      'Status',
      'Kunden-Nr.',
      'Kunde',
      'Betrag netto',
      'Betrag brutto',
      'Währung',
    ],
    ['RE-1001', '14.01.2026', 'RE', '1000', '10001', 'Müller Maschinenbau GmbH', '1000,00', '1190,00', 'EUR'],
    ['RE-1002', '02.02.2026', 'RE', '200', '10002', 'Jürgen Schäfer', '500,00', '535,00', 'EUR'],
    ['RE-1003', '03.03.2026', 'RE', '100', '10003', 'Weiß & Söhne KG', '400,00', '476,00', 'EUR'],
    [
      'SR-1001',
      '04.03.2026',
      'SR',
      '1000',
      '10001',
      'Müller Maschinenbau GmbH',
      '-1000,00',
      '-1190,00',
      'EUR',
    ],
    ['MA-1002', '10.03.2026', 'MA', '200', '10002', 'Jürgen Schäfer', '505,00', '540,00', 'EUR'],
    ['RE-1004', '20.03.2026', 'WKR', '750', '10003', 'Weiß & Söhne KG', '2000,00', '2380,00', 'EUR'],
  ])

const weclapp = (): string =>
  csv([
    [
      'Rechnungsnummer',
      'Rechnungsdatum',
      'Rechnungsart',
      'Status',
      'Kundennummer',
      'Kunde',
      'Nettobetrag',
      'Bruttobetrag',
      'Währung',
    ],
    [
      'R-5001',
      '14.01.2026',
      'STANDARD_INVOICE',
      'BOOKED',
      'K-10001',
      'Müller Maschinenbau GmbH',
      '1000,00',
      '1190,00',
      'EUR',
    ],
    [
      'R-5002',
      '02.02.2026',
      'STANDARD_INVOICE',
      'OPEN_ITEM_CREATED',
      'K-10002',
      'Bäckerei Schäfer',
      '500,00',
      '535,00',
      'EUR',
    ],
    [
      'G-5003',
      '10.02.2026',
      'CREDIT_NOTE',
      'BOOKED',
      'K-10001',
      'Müller Maschinenbau GmbH',
      '100,00',
      '119,00',
      'EUR',
    ],
    [
      'R-5004',
      '03.03.2026',
      'STANDARD_INVOICE',
      'CANCELLED',
      'K-10003',
      'Weiß & Söhne KG',
      '400,00',
      '476,00',
      'EUR',
    ],
    [
      'R-5005',
      '04.03.2026',
      'STANDARD_INVOICE',
      'NEW',
      'K-10003',
      'Weiß & Söhne KG',
      '250,00',
      '297,50',
      'EUR',
    ],
  ])

const jtl = (): string =>
  csv([
    [
      'Auftragsnummer',
      'Kundennummer',
      'Erstelldatum',
      'Storno',
      'Rechnungsadresse Firma',
      'Rechnungsadresse Anrede',
      'Rechnungsadresse Vorname',
      'Rechnungsadresse Nachname',
      'Rechnungsadresse Straße',
      'Rechnungsadresse PLZ',
      'Rechnungsadresse Ort',
      'Rechnungsadresse Land',
      'Rechnungsadresse E-Mail',
      'Auftragswert Netto',
      'Auftragswert Brutto',
      'Währung',
    ],
    [
      'AU-20001',
      '30001',
      '14.01.2026 10:12:00',
      'Nein',
      '',
      'Frau',
      'Anna',
      'Köhler',
      'Lindenweg 4',
      '04109',
      'Leipzig',
      'DE',
      'anna.koehler@example.de',
      '84,03',
      '100,00',
      'EUR',
    ],
    [
      'AU-20002',
      '30002',
      '15.01.2026 08:30:00',
      'Nein',
      'Gärtnerei Blum',
      'Herr',
      'Peter',
      'Blum',
      'Feldstraße 9',
      '50667',
      'Köln',
      'DE',
      'blum@gaertnerei-blum.de',
      '420,17',
      '500,00',
      'EUR',
    ],
    [
      'AU-20003',
      '30001',
      '02.03.2026 19:45:00',
      'Ja',
      '',
      'Frau',
      'Anna',
      'Köhler',
      'Lindenweg 4',
      '04109',
      'Leipzig',
      'DE',
      'anna.koehler@example.de',
      '42,02',
      '50,00',
      'EUR',
    ],
    [
      'AU-20004',
      '30001',
      '21.04.2026 07:05:00',
      'Nein',
      '',
      'Frau',
      'Anna',
      'Köhler',
      'Lindenweg 4',
      '04109',
      'Leipzig',
      'DE',
      'anna.koehler@example.de',
      '126,05',
      '150,00',
      'EUR',
    ],
  ])

const shopware = (): string =>
  csv([
    [
      'id',
      'order_number',
      'sales_channel_id',
      'customer_firstname',
      'customer_lastname',
      'customer_email',
      'billing_address_street',
      'billing_address_zipcode',
      'billing_address_city',
      'billing_address_company',
      'amount_total',
      'order_state',
      'order_date_time',
    ],
    [
      '0191a1f2c3d44e5f8a9b0c1d2e3f4a5b',
      '10001',
      '98432def39fc4624b33213a56b8c944d',
      'Lena',
      'Fischer',
      'lena.fischer@example.de',
      'Rosenstraße 2',
      '80331',
      'München',
      '',
      '59.90',
      'completed',
      '2026-01-14T09:15:00.000+00:00',
    ],
    [
      '0191a1f2c3d44e5f8a9b0c1d2e3f4a5c',
      '10002',
      '98432def39fc4624b33213a56b8c944d',
      'Lena',
      'Fischer',
      'Lena.Fischer@example.de',
      'Rosenstraße 2',
      '80331',
      'München',
      '',
      '24.50',
      'cancelled',
      '2026-02-01T18:02:11.000+00:00',
    ],
    [
      '0191a1f2c3d44e5f8a9b0c1d2e3f4a5d',
      '10003',
      '98432def39fc4624b33213a56b8c944d',
      'Tom',
      'Wagner',
      'tom@wagner-design.de',
      'Kanalweg 8',
      '28195',
      'Bremen',
      'Wagner Design',
      '238.00',
      'in_progress',
      '2026-03-09T11:40:00.000+00:00',
    ],
    [
      '0191a1f2c3d44e5f8a9b0c1d2e3f4a5e',
      '10004',
      '98432def39fc4624b33213a56b8c944d',
      'Lena',
      'Fischer',
      'lena.fischer@example.de',
      'Rosenstraße 2',
      '80331',
      'München',
      '',
      '89.00',
      'open',
      '2026-04-22T07:55:00.000+00:00',
    ],
  ])

const billbee = (): string =>
  csv([
    [
      'BillBeeOrderId',
      'Bestellnummer',
      'Bestelldatum',
      'Status',
      'Kundennummer',
      'E-Mail',
      'Vorname',
      'Nachname',
      'Firma',
      'Straße',
      'PLZ',
      'Ort',
      'Land',
      'Gesamtbetrag',
      'Währung',
    ],
    [
      '9000000001',
      'ETSY-3301',
      '14.01.2026',
      'Versendet',
      'C-501',
      'mia.schulz@example.de',
      'Mia',
      'Schulz',
      '',
      'Bergstraße 5',
      '01067',
      'Dresden',
      'DE',
      '45,90',
      'EUR',
    ],
    [
      '9000000002',
      'AMZ-302-118',
      '20.01.2026',
      'Storniert',
      'C-502',
      'jan.becker@example.de',
      'Jan',
      'Becker',
      '',
      'Uferweg 1',
      '24103',
      'Kiel',
      'DE',
      '19,99',
      'EUR',
    ],
    [
      '9000000003',
      'SHOP-1044',
      '02.03.2026',
      'Abgeschlossen',
      'C-501',
      'mia.schulz@example.de',
      'Mia',
      'Schulz',
      '',
      'Bergstraße 5',
      '01067',
      'Dresden',
      'DE',
      '79,00',
      'EUR',
    ],
    [
      '9000000004',
      'SHOP-1045',
      '05.03.2026',
      'Bezahlt',
      'C-503',
      'einkauf@kita-sonnenschein.de',
      'Petra',
      'Lange',
      'Kita Sonnenschein e.V.',
      'Schulweg 3',
      '99084',
      'Erfurt',
      'DE',
      '312,40',
      'EUR',
    ],
  ])

const generic = (): string =>
  csv([
    [
      'Kundennummer',
      'Firma',
      'Vorname',
      'Nachname',
      'E-Mail',
      'Belegnummer',
      'Belegart',
      'Datum',
      'Netto',
      'Status',
    ],
    [
      'K-1001',
      'Müller Maschinenbau GmbH',
      '',
      '',
      'einkauf@mueller-maschinenbau.de',
      'R-1',
      'Rechnung',
      '14.01.2026',
      '1.000,00',
      'bezahlt',
    ],
    [
      'K-1002',
      '',
      'Jürgen',
      'Schäfer',
      'j.schaefer@example.de',
      'R-2',
      'Rechnung',
      '02.02.2026',
      '500,00',
      'offen',
    ],
    [
      'K-1001',
      'Müller Maschinenbau GmbH',
      '',
      '',
      'einkauf@mueller-maschinenbau.de',
      'G-1',
      'Gutschrift',
      '10.02.2026',
      '100,00',
      'bezahlt',
    ],
  ])

/** The example files by their id; DATEV has two (bookings and debtors). */
export const exampleFiles: Record<ExampleFile, () => { fileName: string; bytes: Uint8Array }> = {
  generic: () => utf8('winback-beispiel-auftraege.csv', generic()),
  'datev-bookings': () => windows1252('EXTF_Buchungsstapel_2025.csv', datevBookings()),
  'datev-debtors': () => windows1252('EXTF_Debitoren.csv', datevDebtors()),
  lexware: () => utf8('lexware-office-belege.csv', lexware()),
  sevdesk: () => utf8('sevdesk-rechnungen.csv', sevdesk()),
  jtl: () => windows1252('jtl-wawi-auftraege.csv', jtl()),
  shopware: () => utf8('shopware-orders.csv', shopware()),
  billbee: () => utf8('billbee-bestellungen.csv', billbee()),
  weclapp: () => utf8('weclapp-rechnungen.csv', weclapp()),
}

function utf8(fileName: string, text: string) {
  // with a byte-order mark, as Excel on Windows expects
  return { fileName, bytes: new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf8')) }
}

function windows1252(fileName: string, text: string) {
  return { fileName, bytes: new Uint8Array(iconv.encode(text, 'win1252')) }
}
