import { describe, expect, it } from 'vitest'
import type { ExampleFile } from '../../../../shared/imports'
import { parseImport } from '../parse-import'
import { exampleFiles } from './examples'
import { recognizeVendor, vendorProfiles } from './vendors'

function parse(id: ExampleFile, format: Parameters<typeof parseImport>[0]['format'] = 'auto') {
  const { fileName, bytes } = exampleFiles[id]()
  return parseImport({ fileName, bytes, format, kind: 'orders' })
}

const summary = (id: ExampleFile) =>
  parse(id).documents.map((d) => [d.customerNumber, d.number, d.kind, d.date, d.netCents, d.countsAsPurchase])

describe('exports of German business systems', () => {
  it('recognises every example by its header, and the generic file as generic', () => {
    for (const id of ['lexware', 'sevdesk', 'jtl', 'shopware', 'billbee', 'weclapp'] as const) {
      const parsed = parse(id)
      expect(parsed.format, id).toBe(id)
      expect(parsed.issues, id).toEqual([])
      expect(parsed.rowsValid, id).toBe(parsed.rowsTotal)
    }
    expect(parse('generic').format).toBe('generic')
  })

  it('no two profiles share a signature', () => {
    for (const p of vendorProfiles) {
      const headers = p.signature.map((names) => names[0]!)
      expect(recognizeVendor(headers)?.format).toBe(p.format)
    }
  })

  it('Lexware Office: credit notes (Rechnungskorrektur) netted, voided and draft vouchers not counted', () => {
    expect(summary('lexware')).toEqual([
      ['10001', 'RE0001', 'invoice', '2026-01-14', 100000, true],
      ['10002', 'RE0002', 'invoice', '2026-02-02', 50000, true],
      ['10001', 'RK0001', 'credit_note', '2026-02-10', -10000, false],
      ['10003', 'RE0003', 'invoice', '2026-03-03', 40000, false],
      ['10003', null, 'invoice', '2026-03-05', 25000, false],
      ['10003', 'RE0004', 'invoice', '2026-03-20', 200000, true],
    ])
    // one "Kunde" column: companies by their legal form, persons by first and last name
    expect(parse('lexware').customers.map((c) => [c.companyName, c.firstName, c.lastName])).toEqual([
      ['Müller Maschinenbau GmbH', undefined, undefined],
      [undefined, 'Jürgen', 'Schäfer'],
      ['Weiß & Söhne KG', undefined, undefined],
    ])
  })

  it('sevDesk: status codes, cancellation invoices (SR) and dunning letters (MA) left out', () => {
    const parsed = parse('sevdesk')
    expect(summary('sevdesk')).toEqual([
      ['10001', 'RE-1001', 'invoice', '2026-01-14', 100000, true],
      ['10002', 'RE-1002', 'invoice', '2026-02-02', 50000, true],
      ['10003', 'RE-1003', 'invoice', '2026-03-03', 40000, false],
      ['10001', 'SR-1001', 'cancellation', '2026-03-04', -100000, false],
      ['10003', 'RE-1004', 'invoice', '2026-03-20', 200000, true],
    ])
    expect(parsed.documents.map((d) => d.status)).toEqual([
      'bezahlt',
      'offen',
      'entwurf',
      'bezahlt',
      'teilbezahlt',
    ])
  })

  it('weclapp: invoice types and states in the API spelling', () => {
    expect(summary('weclapp')).toEqual([
      ['K-10001', 'R-5001', 'invoice', '2026-01-14', 100000, true],
      ['K-10002', 'R-5002', 'invoice', '2026-02-02', 50000, true],
      ['K-10001', 'G-5003', 'credit_note', '2026-02-10', -10000, false],
      ['K-10003', 'R-5004', 'invoice', '2026-03-03', 40000, false],
      ['K-10003', 'R-5005', 'invoice', '2026-03-04', 25000, false],
    ])
  })

  it('JTL-Wawi: orders with a Storno flag, Windows-1252, dates with times', () => {
    const parsed = parse('jtl')
    expect(parsed.encoding).toBe('windows-1252')
    expect(summary('jtl')).toEqual([
      ['30001', 'AU-20001', 'order', '2026-01-14', 8403, true],
      ['30002', 'AU-20002', 'order', '2026-01-15', 42017, true],
      ['30001', 'AU-20003', 'order', '2026-03-02', 4202, false],
      ['30001', 'AU-20004', 'order', '2026-04-21', 12605, true],
    ])
    expect(parsed.customers[0]).toMatchObject({ lastName: 'Köhler', postalCode: '04109', city: 'Leipzig' })
  })

  it('Shopware 6 default orders: customers matched by e-mail, whatever its case; net from gross', () => {
    const parsed = parse('shopware')
    expect(summary('shopware')).toEqual([
      ['lena.fischer@example.de', '10001', 'order', '2026-01-14', 5034, true],
      ['lena.fischer@example.de', '10002', 'order', '2026-02-01', 2059, false],
      ['tom@wagner-design.de', '10003', 'order', '2026-03-09', 20000, true],
      ['lena.fischer@example.de', '10004', 'order', '2026-04-22', 7479, true],
    ])
    expect(parsed.customers).toHaveLength(2)
    expect(parsed.notes).toContain('net derived from gross at 19 % VAT')
  })

  it('Billbee: order states in words or numbers', () => {
    expect(summary('billbee')).toEqual([
      ['C-501', 'ETSY-3301', 'order', '2026-01-14', 3857, true],
      ['C-502', 'AMZ-302-118', 'order', '2026-01-20', 1680, false],
      ['C-501', 'SHOP-1044', 'order', '2026-03-02', 6639, true],
      ['C-503', 'SHOP-1045', 'order', '2026-03-05', 26252, true],
    ])
    const { fileName, bytes } = exampleFiles.billbee()
    const numeric = new TextDecoder().decode(bytes).replace('Storniert', '8').replace('Versendet', '4')
    const parsed = parseImport({
      fileName,
      bytes: new TextEncoder().encode(numeric),
      format: 'billbee',
      kind: 'orders',
    })
    expect(parsed.documents.map((d) => [d.status, d.countsAsPurchase])).toEqual([
      ['versendet', true],
      ['storniert', false],
      ['abgeschlossen', true],
      ['bezahlt', true],
    ])
  })

  it('a chosen format whose columns are missing says which', () => {
    const parsed = parseImport({
      fileName: 'x.csv',
      bytes: new TextEncoder().encode('Belegnummer;Kunde\nR1;Müller\n'),
      format: 'lexware',
      kind: 'orders',
    })
    expect(parsed.issues.map((i) => i.reason)).toEqual([
      'No column is mapped to customerNumber',
      'No column is mapped to date',
      'No column is mapped to netAmount',
    ])
  })
})
