import v8 from 'node:v8'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { RecordCollector } from './collect'
import { ownCopy } from './own-copy'
import { parseImport } from './parse-import'

describe('ownCopy', () => {
  it('gives the same text', () => {
    const line = `${'x'.repeat(100)};Müller & Söhne Großhandel GmbH;Köln`
    const [, name] = line.split(';')
    expect(ownCopy(name!)).toBe('Müller & Söhne Großhandel GmbH')
    expect(ownCopy('short')).toBe('short')
    expect(ownCopy('')).toBe('')
    const customer = { customerNumber: 'K1', companyName: name!, tags: ['Stammkunde Großhandel'] }
    const collector = new RecordCollector('kunden.csv')
    collector.finishRow(2, [], customer, null)
    collector.finishRow(3, [], { customerNumber: 'K2' }, null)
    const [own, numberOnly] = collector.customerRecords()
    expect(own).toEqual(customer)
    expect(own).not.toBe(customer)
    expect(numberOnly).toEqual({ customerNumber: 'K2' })
  })
})

/** Heap in use after a full garbage collection. */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as () => void
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

describe('what a read keeps of the file', () => {
  // 150 customers with 40 rows each of 2 KB (a long item text): about one customer per block read
  function file(withNumbers: boolean): Uint8Array {
    const rows = [`E-Mail;Firma;Ort;${withNumbers ? 'Belegnummer;' : ''}Datum;Artikeltext;Netto`]
    for (let c = 0; c < 150; c++) {
      const customer = `einkauf.filiale${c}@grosshandel-beispiel.de;Großhandel Nummer ${c} GmbH & Co. KG;Mönchengladbach`
      const number = withNumbers ? `RE-2024-${String(c).padStart(8, '0')};` : ''
      for (let r = 0; r < 40; r++)
        rows.push(`${customer};${number}05.01.2024;${`Position ${r} `.repeat(150)};${r},00`)
    }
    return new TextEncoder().encode(rows.join('\n'))
  }

  it.each([
    ['with document numbers', true, 150],
    ['without document numbers (keys made of customer, day and amount)', false, 6000],
  ])('keeps the records, not the text they were cut from: %s', (_, withNumbers, documents) => {
    const bytes = file(withNumbers as boolean)
    expect(bytes.byteLength).toBeGreaterThan(11_000_000)
    const before = heapAfterGc()
    const parsed = parseImport({ fileName: 'umsatz.csv', bytes, format: 'auto', kind: 'orders' })
    const kept = heapAfterGc() - before
    expect(parsed.customers).toHaveLength(150)
    expect(parsed.documents).toHaveLength(documents as number)
    // the records: under 400 bytes per document; kept views into the text would hold its 11 MB
    expect(kept).toBeLessThan(1_000_000 + (documents as number) * 400)
  })
})
