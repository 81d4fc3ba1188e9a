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

  it('reads a quoted file block by block, never as a whole, with the rows and lines a parser of the whole text gives', () => {
    // multi-line cells (LF and CRLF), doubled quotes, inch marks in unquoted cells, spaces after a
    // closing quote, empty lines, no line break at the end: over 3 MB, so many blocks of 256 KiB
    let text = 'Nr;Artikel;Notiz\r\n'
    let line = 2
    const expected: { fields: string[]; line: number }[] = []
    for (let i = 0; text.length < 3_000_000; i++) {
      const kind = i % 7
      const fields =
        kind === 0
          ? [`${i}`, '24" Monitor', 'ok']
          : kind === 1
            ? [`${i}`, 'Kabel', `Zeile 1\nZeile 2\nZeile ${i}`]
            : kind === 2
              ? [`${i}`, 'Rohr "DN 50"', '']
              : [`${i}`, `Teil ${i}`, 'x'.repeat(i % 97)]
      const written =
        kind === 1
          ? `${i};Kabel;"Zeile 1\r\nZeile 2\nZeile ${i}"`
          : kind === 2
            ? `${i};"Rohr ""DN 50"""  ;""`
            : `${i};${fields[1]};${kind === 3 ? `"${fields[2]}"` : fields[2]}`
      expected.push({ fields, line })
      text += written
      line += kind === 1 ? 3 : 1
      if (i % 13 === 0) {
        text += '\r\n'
        line++
      }
      text += '\r\n'
    }
    text = text.slice(0, -2)
    const decoded = decodeFile(new TextEncoder().encode(text))
    expect(decoded.hasQuote).toBe(true)
    const file = {
      ...decoded,
      text: () => {
        throw new Error('the whole text was decoded')
      },
    }
    const stream = csvStream(file, ';', 'artikel.csv')
    expect(stream.headers).toEqual(['Nr', 'Artikel', 'Notiz'])
    expect(stream.sample.rows).toHaveLength(2000)
    const rows: string[][] = []
    const lines: number[] = []
    let chunks = 0
    const { rowsTotal, issues } = stream.forEachChunk((chunk) => {
      rows.push(...chunk.rows)
      lines.push(...chunk.lines)
      chunks++
    })
    expect(issues).toEqual([])
    expect(rowsTotal).toBe(expected.length)
    expect(rows).toEqual(expected.map((e) => e.fields))
    expect(lines).toEqual(expected.map((e) => e.line))
    expect(chunks).toBeGreaterThan(10)
  })

  it('names the line of a quote never closed in a quoted file read block by block', () => {
    const good = Array.from({ length: 30_000 }, (_, i) => `${i};"Teil ${i}";1`).join('\n')
    const text = `Nr;Artikel;Menge\n${good}\n7;"offen;1\n8;"Teil";1\n`
    const stream = csvStream(decodeFile(new TextEncoder().encode(text)), ';', 'offen.csv')
    const { issues } = stream.forEachChunk(() => undefined)
    expect(issues).toEqual([expect.objectContaining({ code: 'malformed_csv', file: 'offen.csv' })])
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
