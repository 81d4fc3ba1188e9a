import iconv from 'iconv-lite'
import { describe, expect, it, vi } from 'vitest'
import type { ParsedChunk, ParseSummary } from './parse-import'
import { startParse } from './parse-stream'
import { hasPreparedParseWorker, prepareParseWorker, takePreparedParseWorker } from './parse-worker-bundle'

// about 5 MB: read in a worker thread
const rows = Array.from(
  { length: 120_000 },
  (_, i) =>
    `K${Math.floor(i / 3) % 500};Müller ${Math.floor(i / 3) % 500};RE-${Math.floor(i / 3)};05.01.2024;1,25`,
)
const large = iconv.encode(`Kundennummer;Firma;Belegnummer;Datum;Netto\n${rows.join('\n')}\n`, 'win1252')
const small = iconv.encode(
  `Kundennummer;Firma;Belegnummer;Datum;Netto\n${rows.slice(0, 30).join('\n')}\n`,
  'win1252',
)

async function read(bytes: Uint8Array) {
  const parse = startParse({ fileName: 'umsatz.csv', bytes, format: 'auto', kind: 'orders' })
  const chunks: ParsedChunk[] = []
  const summary: ParseSummary = await parse.consume(async (chunk) => {
    chunks.push(chunk)
  })
  const net = new Map<string, number>()
  for (const chunk of chunks)
    for (let i = 0; i < chunk.documents.length; i++)
      net.set(chunk.documents.externalKey[i]!, chunk.documents.netCents[i]!)
  return { reader: parse.reader, summary, chunks, net }
}

describe('startParse', () => {
  it('reads a small file on this thread', async () => {
    const { reader, summary, net } = await read(small)
    expect(reader).toBe('this thread')
    expect(summary).toMatchObject({ rowsTotal: 30, rowsValid: 30, encoding: 'windows-1252' })
    expect(net.get('invoice:RE-0')).toBe(375)
  })

  it('reads a large file in a worker, from TypeScript, from the bundle and ahead, with the same result', async () => {
    const first = await read(large)
    expect(first.reader).toBe('typescript worker')
    expect(await prepareParseWorker()).toContain('parentPort')
    expect(hasPreparedParseWorker()).toBe(true)
    const second = await read(large)
    expect(second.reader).toBe('prepared worker')
    // once it has ended, the next worker is started ahead
    await vi.waitFor(() => expect(hasPreparedParseWorker()).toBe(true), { timeout: 10_000 })
    const taken = takePreparedParseWorker()!
    const third = await read(large)
    expect(third.reader).toBe('bundled worker')
    await taken.terminate()
    for (const result of [first, second, third]) {
      expect(result.summary).toMatchObject({ rowsTotal: 120_000, rowsValid: 120_000, issues: [] })
      expect(result.chunks.length).toBeGreaterThan(1)
      expect(result.net.size).toBe(40_000)
      for (const cents of result.net.values()) expect(cents).toBe(375)
    }
    // the numbers crossed as typed arrays, the names with their umlauts intact
    expect(second.chunks[0]!.documents.netCents).toBeInstanceOf(Float64Array)
    expect(second.chunks[0]!.customers[0]!.companyName).toBe('Müller 0')
  })

  it('ends a large file without valid rows with its summary, and rejects a read that was cancelled', async () => {
    const broken = startParse({
      fileName: 'x.csv',
      bytes: large,
      format: 'auto',
      kind: 'orders',
      mapping: { customerNumber: 99, date: 3, netAmount: 4 },
    })
    const summary = await broken.consume(async () => undefined)
    expect(summary).toMatchObject({ rowsTotal: 120_000, rowsValid: 0 })
    const cancelled = startParse({ fileName: 'x.csv', bytes: large, format: 'auto', kind: 'orders' })
    cancelled.cancel()
    await expect(cancelled.consume(async () => undefined)).rejects.toThrow()
  })
})
