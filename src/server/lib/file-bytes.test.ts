import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeFile, decodeText } from './decode'
import { type FileOnDisk, fileOnDisk, lineBlocks, sha256Of } from './file-bytes'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-file-bytes-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

let written = 0
async function onDisk(bytes: Uint8Array): Promise<FileOnDisk> {
  const file = path.join(dir, `${written++}.csv`)
  fs.writeFileSync(file, bytes)
  return fileOnDisk(file)
}

const openFiles = () => fs.readdirSync('/proc/self/fd').length

// more than a read from disk (1 MiB), with lines of different lengths across its ends
const lines = Array.from(
  { length: 40_000 },
  (_, i) => `K${i};Bäckerei „Süß“ ${'x'.repeat(i % 97)};12,50 €\r\n`,
)
const text = `Kunde;Firma;Betrag\r\n${lines.join('')}`

describe('a file on disk, read in blocks', () => {
  it('gives the same blocks as the same bytes in memory, for every block size', async () => {
    const bytes = Buffer.from(text, 'utf8')
    expect(bytes.byteLength).toBeGreaterThan(2 * 1024 * 1024)
    const file = await onDisk(bytes)
    for (const size of [1, 100, 65_536, 1024 * 1024 - 7, 1024 * 1024 + 3, 3 * 1024 * 1024])
      for (const from of [0, 5]) {
        const inMemory = [...lineBlocks(bytes, from, size)].map((b) => [b.bytes.toString('latin1'), b.end])
        const fromDisk = [...lineBlocks(file, from, size)].map((b) => [b.bytes.toString('latin1'), b.end])
        expect(fromDisk).toEqual(inMemory)
      }
  })

  it('decodes to the same text and encoding as in memory, for every encoding', async () => {
    const encodings: [Uint8Array, string][] = [
      [Buffer.from(text, 'utf8'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8-bom'],
      [iconv.encode(text, 'win1252'), 'windows-1252'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]), 'utf-16le'],
    ]
    for (const [bytes, encoding] of encodings) {
      const file = decodeFile(await onDisk(bytes))
      const expected = decodeText(bytes).text
      expect(file.encoding).toBe(encoding)
      expect(file.length).toBe(bytes.byteLength)
      expect(file.text()).toBe(expected)
      expect(file.head).toBe(decodeFile(bytes).head)
      const blocks = [...file.blocks(65_536)]
      expect(blocks.map((b) => b.text).join('')).toBe(expected)
      expect(blocks.map((b) => b.end)).toEqual([...decodeFile(bytes).blocks(65_536)].map((b) => b.end))
    }
  })

  it('looks at the whole file for the encoding and for quotes, beyond the first reads', async () => {
    const tail = iconv.encode('K9;"Süß";1\r\n', 'win1252')
    const bytes = Buffer.concat([Buffer.from(text, 'utf8'), tail])
    const file = decodeFile(await onDisk(bytes))
    expect(file.encoding).toBe('windows-1252')
    expect(file.hasQuote).toBe(true)
    expect(decodeFile(await onDisk(Buffer.from(text, 'utf8'))).hasQuote).toBe(false)
    // a quote in the first line does not end the look for the encoding
    const quotedFirst = Buffer.concat([
      Buffer.from(`"Kunde";Firma;Betrag\r\n${lines.join('')}`, 'utf8'),
      tail,
    ])
    expect(decodeFile(await onDisk(quotedFirst)).encoding).toBe('windows-1252')
    // an encoding given: the quote is still found
    expect(decodeFile(await onDisk(bytes), 'windows-1252').hasQuote).toBe(true)
  })

  it('reads an empty file', async () => {
    const file = decodeFile(await onDisk(new Uint8Array(0)))
    expect(file.head).toBe('')
    expect([...file.blocks(100)]).toEqual([])
    expect(file.text()).toBe('')
  })

  it('closes the file after each pass, also when a reader stops early', async () => {
    const file = await onDisk(Buffer.from(text, 'utf8'))
    const before = openFiles()
    const decoded = decodeFile(file)
    for (const _ of decoded.blocks(1000)) break
    decoded.text()
    ;[...decoded.blocks(1000)]
    expect(openFiles()).toBe(before)
  })

  it('hashes a file on disk as its bytes in memory', async () => {
    const bytes = Buffer.from(text, 'utf8')
    const expected = createHash('sha256').update(bytes).digest('hex')
    expect(await sha256Of(await onDisk(bytes))).toBe(expected)
    expect(await sha256Of(bytes)).toBe(expected)
  })
})
