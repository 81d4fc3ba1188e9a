import { describe, expect, it } from 'vitest'
import { decodeFile } from '../../lib/decode'
import { csvStream } from './tabulate'

/** A CRLF file whose rows end in a quoted cell, with the CR of one row exactly at a 256 KiB boundary. */
function crlfAtBoundary(): { text: string; rows: number } {
  let text = 'Konto;Text\r\n'
  let rows = 0
  while (text.length < 200_000) text += `${10_000 + rows++};"Zahlung"\r\n`
  // the padding row puts its CR at index 262,143: the last character of Papa Parse's first chunk
  const k = 256 * 1024 - 1 - text.length - '1;"'.length - '"'.length
  text += `1;"${'z'.repeat(k)}"\r\n`
  rows++
  expect(text.indexOf('\r', 256 * 1024 - 1)).toBe(256 * 1024 - 1)
  for (let i = 0; i < 20_000; i++) text += `${20_000 + rows++};"Rechnung ""A"""\r\n`
  return { text, rows }
}

describe('csvStream', () => {
  it('reads quoted CRLF rows across a chunk that ends on a CR (Papa Parse #1103) without a false error', () => {
    const { text, rows } = crlfAtBoundary()
    const stream = csvStream(decodeFile(new TextEncoder().encode(text)), ';', 'stapel.csv')
    const cells: string[] = []
    const { rowsTotal, issues } = stream.forEachChunk((chunk) => {
      for (const row of chunk.rows) cells.push(row[1]!)
    })
    expect(issues).toEqual([])
    expect(rowsTotal).toBe(rows)
    expect(cells.at(-1)).toBe('Rechnung "A"')
    expect(cells.every((c) => !c.includes('\r'))).toBe(true)
  })

  it('skips a preamble record before the header (DATEV)', () => {
    const text = '"EXTF";700;21\r\n"Konto";"Umsatz"\r\n10001;"1,00"\r\n'
    const stream = csvStream(decodeFile(new TextEncoder().encode(text)), ';', 'x.csv', { preambleLines: 1 })
    expect(stream.headers).toEqual(['Konto', 'Umsatz'])
    expect(stream.sample.rows).toEqual([['10001', '1,00']])
    expect(stream.sample.lines).toEqual([3])
    const plain = csvStream(
      decodeFile(new TextEncoder().encode('EXTF;700\nKonto;Umsatz\n1;2\n')),
      ';',
      'y.csv',
      {
        preambleLines: 1,
      },
    )
    expect(plain.headers).toEqual(['Konto', 'Umsatz'])
    expect(plain.sample.lines).toEqual([3])
  })
})
