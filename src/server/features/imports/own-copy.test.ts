import v8 from 'node:v8'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { ownCopy, ownCustomer } from './own-copy'
import { parseImport } from './parse-import'

describe('ownCopy', () => {
  it('gives the same text', () => {
    const line = `${'x'.repeat(100)};Müller & Söhne Großhandel GmbH;Köln`
    const [, name] = line.split(';')
    expect(ownCopy(name!)).toBe('Müller & Söhne Großhandel GmbH')
    expect(ownCopy('short')).toBe('short')
    expect(ownCopy('')).toBe('')
    const customer = { customerNumber: 'K1', companyName: name!, tags: ['Stammkunde Großhandel'] }
    expect(ownCustomer(customer)).toEqual(customer)
    expect(ownCustomer(customer)).not.toBe(customer)
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
  it('keeps the records, not the text they were cut from', () => {
    // 150 customers, each repeated on 1,000 consecutive rows: about one per block of text read
    const rows = ['Kundennummer;Firma;Ort;Branche']
    for (let c = 0; c < 150; c++) {
      const row = `K${10_000 + c};Großhandel Nummer ${c} GmbH & Co. KG;Mönchengladbach;Lebensmittelgroßhandel`
      for (let r = 0; r < 1000; r++) rows.push(row)
    }
    const bytes = new TextEncoder().encode(rows.join('\n'))
    expect(bytes.byteLength).toBeGreaterThan(12_000_000)
    const before = heapAfterGc()
    const parsed = parseImport({ fileName: 'kunden.csv', bytes, format: 'auto', kind: 'customers' })
    const kept = heapAfterGc() - before
    expect(parsed.customers).toHaveLength(150)
    // the text is 12 MB; the records a few dozen KB (kept substrings would hold the whole text)
    expect(kept).toBeLessThan(2_000_000)
  })
})
