import Papa from 'papaparse'
import type { ImportIssue } from '../../../shared/imports'
import type { DecodedFile } from './decode'
import type { Table } from './records'

/** Rows handed over at a time: large enough to be fast, small enough that rows die young. */
const CHUNK_BYTES = 256 * 1024
const WHITESPACE_CHUNK_ROWS = 50_000
/**
 * Bytes of a plain CSV file decoded and split at a time (about a thousand lines): few enough that
 * its rows are read and dropped before the next garbage collection, which then has little to keep.
 */
const BLOCK_BYTES = 64 * 1024

export interface TableStream {
  headers: string[]
  /** the first rows (for column sniffing and the preview) */
  sample: Table
  /** reads every data row in chunks; returns the number of data rows and any file-level issues */
  forEachChunk(
    onChunk: (chunk: Table) => void,
    limitRows?: number,
  ): { rowsTotal: number; issues: ImportIssue[] }
}

/** Counts the lines a record spans: only quoted fields can hold line breaks. */
function linesSpanned(row: readonly string[]): number {
  let extra = 0
  for (const field of row) if (field.length > 0 && field.includes('\n')) extra += field.split('\n').length - 1
  return 1 + extra
}

function isEmptyRow(row: readonly string[]): boolean {
  return row.length === 1 && row[0]!.trim() === ''
}

/**
 * CSV text as a stream of row chunks with Papa Parse (chosen over csv-parse for speed, see
 * ARCHITECTURE.md), keeping the file line of every row for error reports. Empty lines are skipped;
 * a broken quote is a file-level issue because nothing after it can be trusted.
 */
export function csvStream(
  file: DecodedFile,
  delimiter: string,
  fileName: string,
  sampleSize = 2000,
): TableStream {
  const run = (onChunk: (chunk: Table) => void, limitRows: number | undefined) =>
    file.hasQuote ? parseQuoted(onChunk, limitRows) : splitUnquoted(file, delimiter, onChunk, limitRows)
  const parseQuoted = (onChunk: (chunk: Table) => void, limitRows: number | undefined) => {
    const text = file.text()
    let headers: string[] | null = null
    let line = 1
    let rowsTotal = 0
    const issues: ImportIssue[] = []
    // Papa Parse streams strings in chunks too (its StringStreamer); its typings only list files
    const config = {
      delimiter,
      chunkSize: CHUNK_BYTES,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        const rows: string[][] = []
        const lines: number[] = []
        for (let i = 0; i < results.data.length; i++) {
          const row = results.data[i]!
          const rowLine = line
          line += linesSpanned(row)
          if (isEmptyRow(row)) continue
          if (headers === null) {
            headers = row.map((h: string) => h.trim())
            continue
          }
          if (limitRows !== undefined && rowsTotal >= limitRows) break
          rows.push(row)
          lines.push(rowLine)
          rowsTotal++
        }
        for (const error of results.errors) {
          if (error.type !== 'Quotes') continue
          issues.push({
            severity: 'error',
            code: 'malformed_csv',
            file: fileName,
            line: lines[Math.max(0, (error.row ?? 0) - 1)] ?? line,
            column: null,
            value: null,
            reason: `Malformed CSV: ${error.message}`,
          })
        }
        if (rows.length > 0)
          onChunk({ headers: headers ?? [], rows, lines, position: results.meta.cursor, length: text.length })
        if (limitRows !== undefined && rowsTotal >= limitRows) parser.abort()
      },
    }
    Papa.parse<string[]>(text, config as Papa.ParseConfig<string[]>)
    return { headers: headers ?? [], rowsTotal, issues }
  }
  const sample: Table = { headers: [], rows: [], lines: [] }
  const sampled = run((chunk) => {
    sample.rows.push(...chunk.rows)
    sample.lines.push(...chunk.lines)
  }, sampleSize)
  sample.headers = sampled.headers
  return { headers: sampled.headers, sample, forEachChunk: (onChunk, limitRows) => run(onChunk, limitRows) }
}

/**
 * Without a single quote character a CSV file is plain lines of fields: the engine's own string
 * splitting reads it several times faster than a full CSV parser, with identical results. The file
 * is decoded block by block as it is read.
 */
function splitUnquoted(
  file: DecodedFile,
  delimiter: string,
  onChunk: (chunk: Table) => void,
  limitRows: number | undefined,
): { headers: string[]; rowsTotal: number; issues: ImportIssue[] } {
  let headers: string[] | null = null
  let rowsTotal = 0
  let lineNumber = 1
  let first = true
  for (const block of file.blocks(BLOCK_BYTES)) {
    let text = block.text
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    first = false
    // Windows files end lines with CRLF: splitting on it avoids trimming every line
    const crlf = text.indexOf('\r\n') !== -1
    const last = text.length - 1
    if (text.charCodeAt(last) === 10) text = text.slice(0, crlf && text.charCodeAt(last - 1) === 13 ? -2 : -1)
    const rows: string[][] = []
    const lines: number[] = []
    for (const raw of text.split(crlf ? '\r\n' : '\n')) {
      const current = lineNumber++
      const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw
      if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) continue
      const row = line.split(delimiter)
      if (headers === null) {
        headers = row.map((h) => h.trim())
        continue
      }
      if (limitRows !== undefined && rowsTotal >= limitRows) break
      rows.push(row)
      lines.push(current)
      rowsTotal++
    }
    if (rows.length > 0)
      onChunk({ headers: headers ?? [], rows, lines, position: block.end, length: file.length })
    if (limitRows !== undefined && rowsTotal >= limitRows) break
  }
  return { headers: headers ?? [], rowsTotal, issues: [] }
}

/** Whitespace-separated text (CDNOW): one record per line, fields split on runs of spaces. */
export function whitespaceStream(text: string, hasHeader: boolean, sampleSize = 2000): TableStream {
  const all = text.split(/\r?\n/)
  let headers: string[] = []
  let start = 0
  if (hasHeader) {
    while (start < all.length && all[start]!.trim() === '') start++
    headers = (all[start] ?? '').trim().split(/\s+/)
    start++
  }
  const run = (onChunk: (chunk: Table) => void, limitRows: number | undefined) => {
    let rows: string[][] = []
    let lines: number[] = []
    let rowsTotal = 0
    for (let i = start; i < all.length; i++) {
      const trimmed = all[i]!.trim()
      if (trimmed === '') continue
      if (limitRows !== undefined && rowsTotal >= limitRows) break
      rows.push(trimmed.split(/\s+/))
      lines.push(i + 1)
      rowsTotal++
      if (rows.length === WHITESPACE_CHUNK_ROWS) {
        onChunk({ headers, rows, lines, position: i, length: all.length })
        rows = []
        lines = []
      }
    }
    if (rows.length > 0) onChunk({ headers, rows, lines, position: all.length, length: all.length })
    return { rowsTotal, issues: [] }
  }
  const sample: Table = { headers, rows: [], lines: [] }
  run((chunk) => {
    sample.rows.push(...chunk.rows)
    sample.lines.push(...chunk.lines)
  }, sampleSize)
  return { headers, sample, forEachChunk: run }
}
