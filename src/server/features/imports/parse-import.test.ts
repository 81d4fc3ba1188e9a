import fs from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { type ParsedChunk, parseImport, parseImportChunked } from './parse-import'
import { FIRST_HANDED_OVER, KEY_HANDED_OVER_BEFORE, numberAt } from './records'

const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures')
const cdnowDir = path.resolve(import.meta.dirname, '../../../../test/fixtures/cdnow')

/** A document's state at each hand-over that carried it: one column's value and its continued flag. */
function handOvers(chunks: readonly ParsedChunk[], key: string, column: 'netCents' | 'quantity') {
  return chunks.flatMap((c) => {
    const i = c.documents.externalKey.indexOf(key)
    return i === -1 ? [] : [{ [column]: c.documents[column][i], continued: c.documents.continued[i] }]
  })
}

function win1252(text: string): Uint8Array {
  return iconv.encode(text.replace(/\n/g, '\r\n'), 'win1252')
}

const germanOrders = `Kundennummer;Firma;Anrede;Vorname;Nachname;Belegart;Belegnummer;Bezugsbeleg;Datum;Netto;Brutto;Deckungsbeitrag;Ort;Branche
10001;Bäckerei Müller GmbH;Herr;Jürgen;Müller;Rechnung;RE-2024-001;;05.03.2024;1.234,56;1.469,13;345,60;München;Gastronomie
10001;Bäckerei Müller GmbH;Herr;Jürgen;Müller;Gutschrift;GS-2024-001;RE-2024-001;12.03.2024;234,56;279,13;;München;Gastronomie
10002;;Frau;Erika;Weiß;Rechnung;RE-2024-002;;01.04.24;99,90;118,88;;Köln;Privatkunden
10002;;Frau;Erika;Weiß;Storno;ST-2024-001;RE-2024-002;02.04.24;99,90;118,88;;Köln;Privatkunden
10003;Groß & Co. KG;;;;Rechnung;RE-2024-003;;15.04.2024;500,00;595,00;;Straßburg;Handel
10003;Groß & Co. KG;;;;Rechnung;RE-2024-003;;15.04.2024;250,00;297,50;;Straßburg;Handel
`

describe('generic German CSV (semicolon, Windows-1252, decimal comma)', () => {
  const parsed = parseImport({
    fileName: 'umsaetze.csv',
    bytes: win1252(germanOrders),
    format: 'auto',
    kind: 'orders',
  })

  it('detects encoding, delimiter and format, and maps the German headers', () => {
    expect(parsed).toMatchObject({
      format: 'generic',
      encoding: 'windows-1252',
      delimiter: ';',
      rowsTotal: 6,
      rowsValid: 6,
    })
    expect(parsed.issues).toEqual([])
  })

  it('reads customers with umlauts intact', () => {
    expect(parsed.customers).toHaveLength(3)
    expect(parsed.customers[0]).toMatchObject({
      customerNumber: '10001',
      companyName: 'Bäckerei Müller GmbH',
      firstName: 'Jürgen',
      type: 'business',
      city: 'München',
      segment: 'Gastronomie',
    })
    expect(parsed.customers[1]).toMatchObject({ customerNumber: '10002', lastName: 'Weiß' })
    expect(parsed.customers[1]!.type).toBeUndefined()
  })

  it('reads amounts exactly, credit notes and cancellations as negative non-purchases', () => {
    const byKey = Object.fromEntries(parsed.documents.map((d) => [d.externalKey, d]))
    expect(byKey['invoice:RE-2024-001']).toMatchObject({
      date: '2024-03-05',
      netCents: 123456,
      grossCents: 146913,
      marginCents: 34560,
      countsAsPurchase: true,
      line: 2,
    })
    expect(byKey['credit_note:GS-2024-001']).toMatchObject({
      netCents: -23456,
      countsAsPurchase: false,
      referenceNumber: 'RE-2024-001',
    })
    expect(byKey['invoice:RE-2024-002']).toMatchObject({ date: '2024-04-01', netCents: 9990 })
    expect(byKey['cancellation:ST-2024-001']).toMatchObject({ netCents: -9990, countsAsPurchase: false })
  })

  it('adds up the lines of one invoice', () => {
    const invoice = parsed.documents.find((d) => d.number === 'RE-2024-003')!
    expect(invoice).toMatchObject({ netCents: 75000, grossCents: 89250, line: 6 })
    expect(parsed.documents).toHaveLength(5)
  })
})

describe('invalid rows', () => {
  const bad = `Kundennummer;Datum;Netto;Belegart;Notiz
K1;31.02.2024;10,00;Rechnung;ok
;01.03.2024;10,00;Rechnung;"zwei
Zeilen"
K3;01.03.2024;zehn;Rechnung;ok
K4;01.03.2024;10,00;Lieferschein;ok
K5;01.03.2024;10,00;Rechnung;ok
K6;01.03.2024
`
  const parsed = parseImport({
    fileName: 'fehler.csv',
    bytes: Buffer.from(bad),
    format: 'generic',
    kind: 'orders',
  })

  it('names file, line, column, value and reason for every invalid row', () => {
    const errors = parsed.issues.filter((i) => i.severity === 'error')
    expect(errors).toMatchObject([
      {
        severity: 'error',
        code: 'invalid_date',
        file: 'fehler.csv',
        line: 2,
        column: 'Datum',
        value: '31.02.2024',
        reason: '"31.02.2024" is not a valid date',
      },
      {
        severity: 'error',
        code: 'missing_value',
        file: 'fehler.csv',
        line: 3,
        column: 'Kundennummer',
        value: null,
        reason: 'Customer number is empty',
      },
      {
        severity: 'error',
        code: 'invalid_amount',
        file: 'fehler.csv',
        line: 5,
        column: 'Netto',
        value: 'zehn',
        reason: '"zehn" is not an amount',
      },
      expect.objectContaining({ code: 'invalid_kind', line: 6, column: 'Belegart', value: 'Lieferschein' }),
      expect.objectContaining({ code: 'column_count', line: 8 }),
    ])
    expect(parsed.rowsTotal).toBe(6)
    expect(parsed.rowsValid).toBe(1)
    expect(parsed.documents.map((d) => d.customerNumber)).toEqual(['K5'])
    expect(parsed.rejected.map((r) => r.line)).toEqual([2, 3, 5, 6, 8])
  })
})

describe('mapping problems', () => {
  it('rejects a file without a date column as a whole', () => {
    const parsed = parseImport({
      fileName: 'x.csv',
      bytes: Buffer.from('Kunde;Betrag\nK1;5\n'),
      format: 'generic',
      kind: 'orders',
    })
    expect(parsed.issues).toMatchObject([
      {
        severity: 'error',
        code: 'missing_column',
        file: 'x.csv',
        line: 0,
        column: 'date',
        value: null,
        reason: 'No column is mapped to date',
      },
    ])
    expect(parsed.documents).toEqual([])
  })

  it('uses a confirmed mapping instead of the guess, and derives net from gross at 19 %', () => {
    const text = 'A,B,C\nK1,2024-01-31,119.00\n'
    const parsed = parseImport({
      fileName: 'x.csv',
      bytes: Buffer.from(text),
      format: 'generic',
      kind: 'orders',
      mapping: { customerNumber: 0, date: 1, grossAmount: 2 },
    })
    expect(parsed.documents[0]).toMatchObject({
      netCents: 10000,
      grossCents: 11900,
      date: '2024-01-31',
      kind: 'invoice',
    })
    expect(parsed.notes).toEqual(['net derived from gross at 19 % VAT'])
  })

  it('a negative amount without a kind column is a credit note', () => {
    const parsed = parseImport({
      fileName: 'x.csv',
      bytes: Buffer.from('Kunde;Datum;Netto\nK1;01.01.2024;-5,00\n'),
      format: 'generic',
      kind: 'orders',
    })
    expect(parsed.documents[0]).toMatchObject({
      kind: 'credit_note',
      netCents: -500,
      countsAsPurchase: false,
    })
  })

  it('a discount line reduces its invoice, with or without a kind column; a lone negative line is a credit note', () => {
    const withKind = parseImport({
      fileName: 'x.csv',
      bytes: Buffer.from(
        'Kunde;Belegart;Belegnummer;Datum;Netto;Deckungsbeitrag\n' +
          'K1;Rechnung;R1;01.01.2024;100,00;30,00\nK1;Rechnung;R1;01.01.2024;-20,00;-20,00\n',
      ),
      format: 'generic',
      kind: 'orders',
    })
    expect(withKind.issues).toEqual([])
    expect(withKind.documents).toEqual([
      expect.objectContaining({ kind: 'invoice', number: 'R1', netCents: 8000, marginCents: 1000 }),
    ])
    const withoutKind = parseImport({
      fileName: 'x.csv',
      bytes: Buffer.from(
        'Kunde;Belegnummer;Datum;Netto\nK1;R1;01.01.2024;100,00\nK1;R1;01.01.2024;-20,00\nK1;G1;05.01.2024;-5,00\n',
      ),
      format: 'generic',
      kind: 'orders',
    })
    expect(withoutKind.documents.map((d) => [d.kind, d.number, d.netCents])).toEqual([
      ['invoice', 'R1', 8000],
      ['credit_note', 'G1', -500],
    ])
    // a credit note exported with positive amounts still reduces revenue; (12,00) is −12,00
    const credit = parseImport({
      fileName: 'x.csv',
      bytes: Buffer.from(
        'Kunde;Belegart;Belegnummer;Datum;Netto\nK1;Gutschrift;G2;01.02.2024;(12,00)\nK1;Gutschrift;G3;01.02.2024;7,00\n',
      ),
      format: 'generic',
      kind: 'orders',
    })
    expect(credit.documents.map((d) => d.netCents)).toEqual([-1200, -700])
  })

  it('a fraction of a cent and an impossible time are errors, never rounded or accepted', () => {
    const parsed = parseImport({
      fileName: 'x.csv',
      bytes: Buffer.from(
        'Kunde;Datum;Netto\nK1;01.01.2024;12,345\nK1;02.01.2024 25:61;5,00\nK1;03.01.2024 23:59;12,500\nK1;2024-01-04T10:15:00+01:00;1,00\n',
      ),
      format: 'generic',
      kind: 'orders',
    })
    expect(parsed.issues.map((i) => [i.line, i.code, i.column, i.value])).toEqual([
      [2, 'invalid_amount', 'Netto', '12,345'],
      [3, 'invalid_date', 'Datum', '02.01.2024 25:61'],
    ])
    expect(parsed.issues[0]!.reason).toBe(
      '"12,345" has more than two decimal places: amounts are taken to the cent, never rounded',
    )
    expect(parsed.documents.map((d) => [d.date, d.netCents])).toEqual([
      ['2024-01-03', 1250],
      ['2024-01-04', 100],
    ])
  })

  it('a file with a header and no rows is nothing to import, not a success', () => {
    const parsed = parseImport({
      fileName: 'leer.csv',
      bytes: Buffer.from('Kunde;Datum;Netto\r\n'),
      format: 'generic',
      kind: 'orders',
    })
    expect(parsed.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'no_rows', line: 0, file: 'leer.csv' }),
    ])
  })

  it('a cancelled status makes an invoice no purchase', () => {
    const parsed = parseImport({
      fileName: 'x.csv',
      bytes: Buffer.from('Kunde;Datum;Netto;Status\nK1;01.01.2024;5,00;storniert\n'),
      format: 'generic',
      kind: 'orders',
    })
    expect(parsed.documents[0]).toMatchObject({
      kind: 'invoice',
      status: 'storniert',
      countsAsPurchase: false,
    })
  })
})

describe('customer master data', () => {
  it('reads a customer file with types, owners and project flags', () => {
    const text =
      'Kundennummer;Firma;Kundentyp;E-Mail;Betreuer;Projektkunde;Tags;Land\nK1;ACME GmbH;B2B;INFO@ACME.DE;rep1@x.de;ja;A, B;Deutschland\nK2;;Privat;;;nein;;AT\n'
    const parsed = parseImport({
      fileName: 'kunden.csv',
      bytes: Buffer.from(text),
      format: 'auto',
      kind: 'customers',
    })
    expect(parsed.customers).toEqual([
      {
        customerNumber: 'K1',
        companyName: 'ACME GmbH',
        type: 'business',
        email: 'info@acme.de',
        owner: 'rep1@x.de',
        isProjectCustomer: true,
        tags: ['A', 'B'],
        country: 'DE',
      },
      { customerNumber: 'K2', type: 'consumer', isProjectCustomer: false, country: 'AT' },
    ])
  })
})

describe('Shopify orders export', () => {
  const parsed = parseImport({
    fileName: 'orders_export.csv',
    bytes: fs.readFileSync(path.join(fixtures, 'shopify-orders.csv')),
    format: 'auto',
    kind: 'orders',
  })

  it('is recognised, one order per order name, customers keyed by e-mail', () => {
    expect(parsed.format).toBe('shopify')
    expect(parsed.issues).toEqual([])
    expect(parsed.customers.map((c) => c.customerNumber)).toEqual([
      'anna.schmidt@example.de',
      'bernd@cafe-koenig.de',
      'carla@example.com',
    ])
    expect(parsed.customers[1]).toMatchObject({
      companyName: 'Café König GmbH',
      type: 'business',
      firstName: 'Bernd',
      lastName: 'König',
    })
  })

  it('computes net per order and treats refunds and cancellations correctly', () => {
    const byKey = Object.fromEntries(parsed.documents.map((d) => [d.externalKey, d]))
    expect(byKey['order:#1001']).toMatchObject({
      netCents: 10000,
      grossCents: 12165,
      quantity: 3,
      date: '2024-03-05',
      countsAsPurchase: true,
    })
    expect(byKey['order:#1002']).toMatchObject({
      netCents: 20000,
      countsAsPurchase: true,
      status: 'partially_refunded',
    })
    expect(byKey['refund:#1002']).toMatchObject({
      kind: 'credit_note',
      netCents: -5000,
      referenceNumber: '#1002',
      countsAsPurchase: false,
    })
    expect(byKey['order:#1003']).toMatchObject({ status: 'refunded', countsAsPurchase: false })
    expect(byKey['order:#1004']).toMatchObject({ status: 'cancelled', countsAsPurchase: false })
  })
})

describe('WooCommerce order export', () => {
  const parsed = parseImport({
    fileName: 'woo.csv',
    bytes: fs.readFileSync(path.join(fixtures, 'woocommerce-orders.csv')),
    format: 'auto',
    kind: 'orders',
  })

  it('is recognised and reads one document per order', () => {
    expect(parsed.format).toBe('woocommerce')
    expect(parsed.issues).toEqual([])
    const byKey = Object.fromEntries(parsed.documents.map((d) => [d.externalKey, d]))
    expect(byKey['order:4711']).toMatchObject({
      netCents: 5000,
      grossCents: 6450,
      countsAsPurchase: true,
      status: 'completed',
    })
    expect(byKey['order:4712']).toMatchObject({ netCents: 10000, countsAsPurchase: true })
    expect(byKey['refund:4712']).toMatchObject({ netCents: -1681, kind: 'credit_note' })
    expect(byKey['order:4713']).toMatchObject({ countsAsPurchase: false })
    expect(byKey['order:4714']).toMatchObject({ status: 'refunded', countsAsPurchase: false })
    expect(parsed.customers.find((c) => c.customerNumber === 'uwe@brandt-bau.de')).toMatchObject({
      companyName: 'Brandt Bau GmbH',
      type: 'business',
      postalCode: '04109',
    })
  })
})

describe('CDNOW', () => {
  it('reads the master file: 69,659 transactions of 23,570 customers', () => {
    const parsed = parseImport({
      fileName: 'CDNOW_master.txt',
      bytes: fs.readFileSync(path.join(cdnowDir, 'CDNOW_master.txt')),
      format: 'auto',
      kind: 'orders',
    })
    expect(parsed.format).toBe('cdnow')
    expect(parsed.issues).toEqual([])
    expect(parsed.rowsTotal).toBe(69659)
    expect(parsed.documents).toHaveLength(69659)
    expect(parsed.customers).toHaveLength(23570)
    expect(parsed.documents[0]).toMatchObject({
      customerNumber: '00001',
      date: '1997-01-01',
      netCents: 1177,
      currency: 'USD',
      quantity: 1,
    })
  })

  it('reads the headerless sample file', () => {
    const parsed = parseImport({
      fileName: 'CDNOW_sample.txt',
      bytes: fs.readFileSync(path.join(cdnowDir, 'CDNOW_sample.txt')),
      format: 'auto',
      kind: 'orders',
    })
    expect(parsed.format).toBe('cdnow')
    expect(parsed.documents).toHaveLength(6919)
    expect(parsed.customers).toHaveLength(2357)
  })
})

describe('a large file read chunk by chunk', () => {
  // 120,000 positions of 17,143 invoices (7 positions each) of 400 customers
  const rows = Array.from(
    { length: 120_000 },
    (_, i) =>
      `K${Math.floor(i / 7) % 400};Firma ${Math.floor(i / 7) % 400};RE-${Math.floor(i / 7)};05.01.2024;1,00`,
  )
  const bytes = win1252(`Kundennummer;Firma;Belegnummer;Datum;Netto\n${rows.join('\n')}\n`)
  const chunks: ParsedChunk[] = []
  const summary = parseImportChunked({ fileName: 'gross.csv', bytes, format: 'auto', kind: 'orders' }, (c) =>
    chunks.push(c),
  )

  it('hands over every customer once, by index, and documents as columns', () => {
    expect(summary).toMatchObject({ rowsTotal: 120_000, rowsValid: 120_000, issues: [] })
    expect(chunks.length).toBeGreaterThan(1)
    const numbers = chunks.flatMap((c) => c.customerNumbers)
    expect(numbers).toHaveLength(400)
    expect(new Set(numbers).size).toBe(400)
    for (const chunk of chunks)
      for (let i = 0; i < chunk.documents.length; i++) {
        const number = numbers[chunk.documents.customer[i]!]!
        const invoice = Number(numberAt(chunk.documents, i)!.slice(3))
        expect(number).toBe(`K${invoice % 400}`)
      }
    expect(chunks.at(-1)!.position).toBe(bytes.byteLength)
  })

  it('hands over a document again, marked continued and with all positions so far, when its positions span two chunks', () => {
    const final = new Map<string, number>()
    let continued = 0
    const firstSeen = new Set<string>()
    for (const chunk of chunks) {
      const { documents } = chunk
      for (let i = 0; i < documents.length; i++) {
        const key = documents.externalKey[i]!
        expect(documents.continued[i]).toBe(firstSeen.has(key) ? 1 : 0)
        if (documents.continued[i]) continued++
        firstSeen.add(key)
        final.set(key, documents.netCents[i]!)
      }
    }
    expect(continued).toBeGreaterThan(0)
    expect(final.size).toBe(Math.ceil(120_000 / 7))
    // every invoice ends with all of its positions, the last one possibly fewer than seven
    for (const [key, cents] of final)
      expect(cents).toBe(key === 'invoice:RE-17142' ? (120_000 % 7) * 100 : 700)
  })

  it('hands over a document whose positions come back later, far apart, with all of them', () => {
    const filler = Array.from({ length: 60_000 }, (_, i) => `K2;Firma 2;RE-${i + 10};05.01.2024;1,00`)
    const text = [
      'Kundennummer;Firma;Belegnummer;Datum;Netto',
      'K1;Firma 1;RE-1;05.01.2024;1,00',
      'K3;Firma 3;RE-2;05.01.2024;1,00',
      'K1;Firma 1;RE-1;05.01.2024;2,00',
      ...filler,
      'K1;Firma 1;RE-1;05.01.2024;4,00',
    ].join('\n')
    const parts: ParsedChunk[] = []
    parseImportChunked({ fileName: 'spaet.csv', bytes: win1252(text), format: 'auto', kind: 'orders' }, (c) =>
      parts.push(c),
    )
    expect(handOvers(parts, 'invoice:RE-1', 'netCents')).toEqual([
      { netCents: 300, continued: 0 },
      { netCents: 700, continued: 1 },
    ])
  })
})

describe('a document whose positions lie far apart', () => {
  it('is kept whole for two hand-overs; after that only its key is remembered, and later positions are marked to be added', () => {
    // RE-1 again after 160,000 other rows: three hand-overs of 50,000 later, its record is gone
    const filler = Array.from({ length: 160_000 }, (_, i) => `K2;Firma 2;RE-${i + 10};05.01.2024;1,00`)
    const text = [
      'Kundennummer;Firma;Belegnummer;Datum;Netto',
      'K1;Firma 1;RE-1;05.01.2024;1,00',
      'K1;Firma 1;RE-1;05.01.2024;2,00',
      ...filler,
      'K1;Firma 1;RE-1;05.01.2024;4,00',
      'K1;Firma 1;RE-1;05.01.2024;8,00',
      'K3;Firma 3;RE-9;05.01.2024;1,00',
    ].join('\n')
    const parts: ParsedChunk[] = []
    const summary = parseImportChunked(
      { fileName: 'weit.csv', bytes: win1252(text), format: 'auto', kind: 'orders' },
      (c) => parts.push(c),
    )
    expect(summary).toMatchObject({ rowsValid: 160_005, issues: [] })
    expect(handOvers(parts, 'invoice:RE-1', 'netCents')).toEqual([
      { netCents: 300, continued: FIRST_HANDED_OVER },
      { netCents: 1200, continued: KEY_HANDED_OVER_BEFORE },
    ])
    // a key never seen before is not marked, nor are the filler's own keys
    expect(handOvers(parts, 'invoice:RE-9', 'netCents')).toEqual([
      { netCents: 100, continued: FIRST_HANDED_OVER },
    ])
    let marked = 0
    for (const part of parts)
      for (let i = 0; i < part.documents.length; i++)
        if (part.documents.continued[i] !== FIRST_HANDED_OVER) marked++
    expect(marked).toBe(1)
  })

  it('is read whole, far apart or not, when the file is read at once', () => {
    const filler = Array.from({ length: 160_000 }, (_, i) => `K2;Firma 2;RE-${i + 10};05.01.2024;1,00`)
    const text = [
      'Kundennummer;Firma;Belegnummer;Datum;Netto',
      'K1;Firma 1;RE-1;05.01.2024;1,00',
      ...filler,
      'K1;Firma 1;RE-1;05.01.2024;4,00',
    ].join('\n')
    const parsed = parseImport({ fileName: 'weit.csv', bytes: win1252(text), format: 'auto', kind: 'orders' })
    expect(parsed.documents.find((d) => d.externalKey === 'invoice:RE-1')?.netCents).toBe(500)
  })
})

describe('rows that are rejected', () => {
  it('a customer first read on a rejected row is still read from their next row', () => {
    const parsed = parseImport({
      fileName: 'konflikt.csv',
      bytes: win1252(
        [
          'Kundennummer;Firma;Belegnummer;Datum;Netto',
          'K1;Firma 1;RE-1;05.01.2024;1,00',
          // the same document number for another customer: this row is rejected
          'K2;Firma 2;RE-1;06.01.2024;1,00',
          'K2;Firma 2;RE-2;06.01.2024;2,00',
        ].join('\n'),
      ),
      format: 'auto',
      kind: 'orders',
    })
    expect(parsed.issues.map((i) => [i.line, i.code])).toEqual([[3, 'conflicting_document']])
    expect(parsed.customers.map((c) => [c.customerNumber, c.companyName])).toEqual([
      ['K1', 'Firma 1'],
      ['K2', 'Firma 2'],
    ])
    expect(parsed.documents.map((d) => [d.externalKey, d.customerNumber, d.netCents])).toEqual([
      ['invoice:RE-1', 'K1', 100],
      ['invoice:RE-2', 'K2', 200],
    ])
  })
})

describe('a Shopify order whose line items come in a later chunk', () => {
  it('hands the order over again with the quantity of every line item', () => {
    const header = fs.readFileSync(path.join(fixtures, 'shopify-orders.csv'), 'utf8').split('\n')[0]!
    const columns = header.split(',')
    const row = (values: Record<string, string>) => columns.map((c) => values[c] ?? '').join(',')
    const order = (name: string, email: string, quantity: string) =>
      row({
        Name: name,
        Email: email,
        'Financial Status': 'paid',
        Currency: 'EUR',
        Total: '11.90',
        Taxes: '1.90',
        Shipping: '0.00',
        'Created at': '2024-03-05 14:22:10 +0100',
        'Lineitem quantity': quantity,
        'Billing Name': '"Kim Weber"',
      })
    const lineItem = (name: string, email: string, quantity: string) =>
      row({
        Name: name,
        Email: email,
        'Created at': '2024-03-05 14:22:10 +0100',
        'Lineitem quantity': quantity,
      })
    const lines = [header, order('#1', 'kim@example.de', '2')]
    for (let i = 2; i < 60_000; i++) lines.push(order(`#${i}`, `k${i % 500}@example.de`, '1'))
    lines.push(lineItem('#1', 'kim@example.de', '3'))
    const parts: ParsedChunk[] = []
    const summary = parseImportChunked(
      {
        fileName: 'orders_export.csv',
        bytes: new TextEncoder().encode(lines.join('\n')),
        format: 'auto',
        kind: 'orders',
      },
      (c) => parts.push(c),
    )
    expect(summary).toMatchObject({ format: 'shopify', rowsValid: 60_000, issues: [] })
    expect(handOvers(parts, 'order:#1', 'quantity')).toEqual([
      { quantity: 2, continued: 0 },
      { quantity: 5, continued: 1 },
    ])
  })
})

describe('malformed Shopify exports', () => {
  const fixture = fs.readFileSync(path.join(fixtures, 'shopify-orders.csv'), 'utf8').split('\n')
  // the first line of order #1001 without its Financial Status
  const broken = [fixture[0], fixture[1]!.replace(',paid,', ',,'), ...fixture.slice(2)].join('\n')

  it('an order whose first line has no Financial Status is an error with its line, not a crash', () => {
    for (const skipInvalid of [false, true]) {
      const parsed = parseImport({
        fileName: 'orders_export.csv',
        bytes: Buffer.from(broken),
        format: 'auto',
        kind: 'orders',
        ...(skipInvalid ? { skipInvalid } : {}),
      })
      expect(parsed.format).toBe('shopify')
      expect(parsed.issues).toEqual([
        expect.objectContaining({ line: 2, code: 'missing_value', column: 'Financial Status' }),
      ])
      expect(parsed.documents.map((d) => d.number)).not.toContain('#1001')
    }
  })
})

describe('cells and lines beyond any real export', () => {
  const header = 'Kundennummer;Datum;Netto;Notiz\n'
  const good = (n: number) => Array.from({ length: n }, (_, i) => `K${i};01.01.2024;10,00;ok`).join('\n')

  it('a quoted cell over 64 KiB is an error naming line and column, and nothing of the file is taken', () => {
    const text = `${header}${good(3)}\nK9;01.01.2024;10,00;"${'x'.repeat(70_000)}"\n${good(2)}\n`
    const parsed = parseImport({
      fileName: 'gross.csv',
      bytes: Buffer.from(text),
      format: 'generic',
      kind: 'orders',
    })
    expect(parsed.issues).toEqual([
      expect.objectContaining({ code: 'cell_too_long', line: 5, column: 'Notiz', file: 'gross.csv' }),
    ])
    expect(parsed.documents).toEqual([])
  })

  it('an unclosed quote runs to the end of the file and is caught the same way', () => {
    const text = `${header}K1;01.01.2024;10,00;"angefangen\n${good(20_000)}\n`
    const parsed = parseImport({
      fileName: 'offen.csv',
      bytes: Buffer.from(text),
      format: 'generic',
      kind: 'orders',
    })
    expect(parsed.issues).toEqual([
      expect.objectContaining({ code: 'cell_too_long', line: 2, column: 'Notiz' }),
    ])
  })

  it('an unquoted cell or line over the limit too', () => {
    const text = `${header}${good(2)}\nK9;01.01.2024;10,00;${'y'.repeat(70_000)}\n`
    const parsed = parseImport({
      fileName: 'lang.csv',
      bytes: Buffer.from(text),
      format: 'generic',
      kind: 'orders',
    })
    expect(parsed.issues).toEqual([
      expect.objectContaining({ code: 'cell_too_long', line: 4, column: 'Notiz' }),
    ])
  })

  it('a 60 MB WooCommerce export with one 50 MB cell is refused as such, not read', () => {
    const head =
      'Order Number,Order Date,Order Status,Customer Note,Billing First Name,Billing Last Name,Billing Email Address,Order Total Amount,Order Shipping Amount,Order Total Tax Amount\n'
    const rows = Array.from(
      { length: 100_000 },
      (_, i) =>
        `${1000 + i},2024-01-05 10:00:00,completed,"kurz",Anna,Schmidt,a${i % 500}@example.de,119.00,0.00,19.00`,
    )
    rows.splice(
      500,
      0,
      `9,2024-01-05 10:00:00,completed,"${'x'.repeat(50_000_000)}",A,S,a@example.de,1.00,0.00,0.00`,
    )
    const parsed = parseImport({
      fileName: 'woo.csv',
      bytes: Buffer.from(`${head}${rows.join('\n')}\n`),
      format: 'auto',
      kind: 'orders',
    })
    expect(parsed.format).toBe('woocommerce')
    expect(parsed.issues).toEqual([
      expect.objectContaining({ code: 'cell_too_long', line: 502, column: 'Customer Note' }),
    ])
  })
})
