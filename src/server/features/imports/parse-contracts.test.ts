import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { guessMapping } from './guess-mapping'
import { parseImport } from './parse-import'

const win1252 = (text: string) => iconv.encode(text.replace(/\n/g, '\r\n'), 'win1252')

const germanContracts = `Kundennummer;Firma;Ort;Vertragsnummer;Produkt;Vertragsbeginn;Vertragsende;Gekündigt am;Monatsbetrag
20001;Hotel Seeblick GmbH;Lübeck;SV-1;Kaffeevollautomat Service;01.03.2023;;;89,00
20002;Büro Weiß KG;Köln;SV-2;Wasserspender Miete;15.06.2022;31.12.2025;02.10.2025;1.249,50
20002;Büro Weiß KG;Köln;SV-3;Wartungsvertrag;01.01.24;;;
`

describe('contract files (generic, German)', () => {
  const parsed = parseImport({
    fileName: 'vertraege.csv',
    bytes: win1252(germanContracts),
    format: 'auto',
    kind: 'contracts',
  })

  it('maps the German headers to the contract fields', () => {
    const { mapping, unmapped } = guessMapping(parsed.headers, 'contracts')
    expect(mapping).toEqual({
      customerNumber: 0,
      companyName: 1,
      city: 2,
      contractNumber: 3,
      product: 4,
      startDate: 5,
      endDate: 6,
      cancelledDate: 7,
      monthlyValue: 8,
    })
    expect(unmapped).toEqual([])
  })

  it('reads each contract with its dates and monthly value, and its customer', () => {
    expect(parsed).toMatchObject({
      format: 'generic',
      kind: 'contracts',
      rowsTotal: 3,
      rowsValid: 3,
      issues: [],
    })
    expect(parsed.contracts).toEqual([
      {
        customerNumber: '20001',
        externalKey: 'SV-1',
        product: 'Kaffeevollautomat Service',
        startedOn: '2023-03-01',
        endsOn: null,
        cancelledOn: null,
        monthlyValueCents: 89_00,
        line: 2,
      },
      {
        customerNumber: '20002',
        externalKey: 'SV-2',
        product: 'Wasserspender Miete',
        startedOn: '2022-06-15',
        endsOn: '2025-12-31',
        cancelledOn: '2025-10-02',
        monthlyValueCents: 1_249_50,
        line: 3,
      },
      {
        customerNumber: '20002',
        externalKey: 'SV-3',
        product: 'Wartungsvertrag',
        startedOn: '2024-01-01',
        endsOn: null,
        cancelledOn: null,
        monthlyValueCents: null,
        line: 4,
      },
    ])
    expect(parsed.customers.map((c) => [c.customerNumber, c.companyName, c.city, c.type])).toEqual([
      ['20001', 'Hotel Seeblick GmbH', 'Lübeck', 'business'],
      ['20002', 'Büro Weiß KG', 'Köln', 'business'],
    ])
    expect(parsed.documents).toEqual([])
  })

  it('names file, line, column, value and reason for every bad row, and keeps nothing from it', () => {
    const bad = `Kundennummer;Vertragsnummer;Vertragsbeginn;Vertragsende;Gekündigt am;Monatsbetrag
K1;;01.01.2024;;;10,00
K2;V-2;;;;10,00
K3;V-3;31.02.2024;;;10,00
K4;V-4;01.03.2024;01.02.2024;;10,00
K5;V-5;01.03.2024;;01.02.2024;10,00
K6;V-6;01.03.2024;;;-5,00
K7;V-7;01.03.2024;;;zehn
K8;V-1;01.03.2024;;;1,00
K9;V-1;01.03.2024;;;1,00
`
    const result = parseImport({
      fileName: 'vertraege.csv',
      bytes: win1252(bad),
      format: 'auto',
      kind: 'contracts',
    })
    expect(result.issues.map((i) => [i.line, i.column, i.value, i.code])).toEqual([
      [2, 'Vertragsnummer', null, 'missing_value'],
      [3, 'Vertragsbeginn', null, 'missing_value'],
      [4, 'Vertragsbeginn', '31.02.2024', 'invalid_date'],
      [5, 'Vertragsende', '01.02.2024', 'invalid_date'],
      [6, 'Gekündigt am', '01.02.2024', 'invalid_date'],
      [7, 'Monatsbetrag', '-5,00', 'invalid_amount'],
      [8, 'Monatsbetrag', 'zehn', 'invalid_amount'],
      [10, null, 'V-1', 'conflicting_document'],
    ])
    expect(result.issues.every((i) => i.file === 'vertraege.csv' && i.severity === 'error')).toBe(true)
    expect(result.issues[3]!.reason).toBe('The contract ends (2024-02-01) before it starts (2024-03-01)')
    expect(result.contracts.map((c) => c.externalKey)).toEqual(['V-1'])
    expect(result.contracts[0]!.customerNumber).toBe('K8')
    expect(result.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 10])
  })

  it('needs a contract number and a start date, and takes only generic files', () => {
    const missing = parseImport({
      fileName: 'x.csv',
      bytes: win1252('Kundennummer;Produkt\nK1;Abo\n'),
      format: 'auto',
      kind: 'contracts',
    })
    expect(missing.issues.map((i) => i.reason)).toEqual([
      'No column is mapped to contractNumber',
      'No column is mapped to startDate',
    ])
    const shop = parseImport({
      fileName: 'x.csv',
      bytes: win1252('Kundennummer;Produkt\n'),
      format: 'cdnow',
      kind: 'contracts',
    })
    expect(shop.issues[0]!.reason).toContain('import it with kind "orders"')
  })

  it('a contract listed twice for the same customer: the later row wins', () => {
    const twice = `Kundennummer;Vertragsnummer;Vertragsbeginn;Gekündigt am
K1;V-1;01.01.2024;
K1;V-1;01.01.2024;15.05.2024
`
    const result = parseImport({
      fileName: 'x.csv',
      bytes: win1252(twice),
      format: 'auto',
      kind: 'contracts',
    })
    expect(result.issues).toEqual([])
    expect(result.contracts).toHaveLength(1)
    expect(result.contracts[0]).toMatchObject({ cancelledOn: '2024-05-15', line: 3 })
  })
})
