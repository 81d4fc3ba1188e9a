import Papa from 'papaparse'
import type { ImportIssue } from '../../../shared/imports'
import type { DecodedFile } from '../../lib/decode'
import { say } from '../../lib/errors'
import { issueText } from './issue-text'
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

/**
 * The largest cell and record a file may hold. Real exports stay far below (a long product text is a
 * few thousand characters); a larger one is an error, never memory and time spent on it: a quoted
 * field that spans megabytes makes a CSV parser carry and re-read it chunk after chunk.
 */
export const MAX_CELL_CHARS = 64 * 1024
const MAX_RECORD_CHARS = 1024 * 1024

interface Oversized {
  /** a NUL character (binary data) rather than a long cell */
  binary?: boolean
  line: number
  /** 0-based field index in its record */
  field: number
  /** the record as a whole is too long (many large cells) rather than one cell */
  record: boolean
  start: number
}

/** Whether a quote followed by the text from `at` closes its field (Papa Parse's rule). */
function closesField(text: string, at: number, delimiterCode: number): boolean {
  let i = at
  while (text.charCodeAt(i) === 32) i++
  const c = text.charCodeAt(i)
  return i >= text.length || c === delimiterCode || c === 10 || c === 13
}

/**
 * Follows a CSV text's quotes as a parser would, piece by piece (`scan` each new piece appended to
 * what is left of the last), for the first cell longer than MAX_CELL_CHARS (or record longer than
 * MAX_RECORD_CHARS) and for where the last complete record ends. An unclosed quote runs on, so it
 * is found as an oversized cell too, and nothing beyond the limit is ever held.
 */
class QuoteScanner {
  private readonly delimiterCode: number
  private inQuotes = false
  private line = 1
  private fieldStart = 0
  private fieldLine = 1
  private field = 0
  /** where the record being read starts in the text scanned: after it, no complete record */
  recordStart = 0

  constructor(delimiter: string) {
    this.delimiterCode = delimiter.charCodeAt(0)
  }

  /** Scans `text` from `from` on (what is before it was scanned as the text's start). */
  scan(text: string, from: number): Oversized | null {
    const { delimiterCode } = this
    let { inQuotes, line, fieldStart, fieldLine, field, recordStart } = this
    let found: Oversized | null = null
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === 0) {
        found = { binary: true, line, field, record: false, start: i }
        break
      }
      if (c === 34 /* " */) {
        // as Papa Parse reads quotes: one opens a field only at its start; inside, two are one
        // quote, and one closes the field only before a delimiter or line break (spaces between
        // allowed); any other quote is text
        if (!inQuotes) inQuotes = i === fieldStart
        else if (text.charCodeAt(i + 1) === 34) i++
        else inQuotes = !closesField(text, i + 1, delimiterCode)
      } else if (c === 10 /* \n */) {
        line++
        if (!inQuotes) {
          fieldStart = i + 1
          fieldLine = line
          field = 0
          recordStart = i + 1
          continue
        }
      } else if (c === delimiterCode && !inQuotes) {
        fieldStart = i + 1
        fieldLine = line
        field++
        continue
      }
      if (i - fieldStart >= MAX_CELL_CHARS) {
        found = { line: fieldLine, field, record: false, start: fieldStart }
        break
      }
      if (i - recordStart >= MAX_RECORD_CHARS) {
        found = { line: fieldLine, field, record: true, start: fieldStart }
        break
      }
    }
    Object.assign(this, { inQuotes, line, fieldStart, fieldLine, field, recordStart })
    return found
  }

  /** The text's first `count` characters are gone: positions from the rest's start. */
  drop(count: number): void {
    this.fieldStart -= count
    this.recordStart -= count
  }
}

function oversizedIssue(
  found: Oversized,
  text: string,
  headers: readonly string[] | null,
  fileName: string,
): ImportIssue {
  const column = headers?.[found.field] ?? `${found.field + 1}`
  if (found.binary) return binaryIssue(found.line, column, fileName)
  return {
    severity: 'error',
    code: 'cell_too_long',
    file: fileName,
    line: found.line,
    column,
    value: `${text.slice(found.start, found.start + 40)}…`,
    ...issueText(
      found.record
        ? say('importLineTooLong', { line: found.line, max: MAX_RECORD_CHARS })
        : say('importCellTooLong', { line: found.line, column, max: MAX_CELL_CHARS }),
    ),
  }
}

/** A NUL character: binary data, which no export of text holds (and no database stores as text). */
function binaryIssue(line: number, column: string | null, fileName: string): ImportIssue {
  return {
    severity: 'error',
    code: 'binary_content',
    file: fileName,
    line,
    column,
    value: null,
    ...issueText(say('importBinary', { line })),
  }
}

/** The header names of a CSV text, for naming a column in an error before the parser ran. */
function firstRecordFields(text: string, delimiter: string): string[] {
  const end = text.indexOf('\n')
  const firstLine = (end === -1 ? text : text.slice(0, end)).replace(/^\ufeff/, '').replace(/\r$/, '')
  return firstLine.split(delimiter).map((h) => h.replace(/^"|"$/g, '').trim())
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
 * Windows line ends (CRLF) as plain LF. Papa Parse 5 reports a closing quote followed by a chunk that
 * ends on the CR of a CRLF as malformed (mholt/PapaParse#1103, open in 5.7): a DATEV file, whose
 * rows all end in a quoted text, would be rejected for a quote that is fine. A CRLF inside a quoted
 * cell becomes LF too.
 */
export function withoutCarriageReturns(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n/g, '\n')
}

export interface CsvStreamOptions {
  /** rows read for the sample (column sniffing and the preview) */
  sampleSize?: number
  /** records before the header that are not data (DATEV's header record): skipped */
  preambleLines?: number
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
  options: CsvStreamOptions = {},
): TableStream {
  const { sampleSize = 2000, preambleLines = 0 } = options
  const run = (onChunk: (chunk: Table) => void, limitRows: number | undefined) =>
    file.hasQuote
      ? parseQuoted(onChunk, limitRows)
      : splitUnquoted(file, delimiter, fileName, onChunk, limitRows, preambleLines)
  /**
   * The file decoded block by block (a quoted file of 10 million rows, decoded whole and parsed as
   * one string, ran the import out of heap at 4.7 GB); each block's complete records parsed
   * together, the incomplete last one carried on to the next block.
   */
  const parseQuoted = (onChunk: (chunk: Table) => void, limitRows: number | undefined) => {
    let headers: string[] | null = null
    let line = 1
    let rowsTotal = 0
    let preamble = preambleLines
    const issues: ImportIssue[] = []
    const scanner = new QuoteScanner(delimiter)
    let rest = ''
    let first = true
    // complete records to rows handed over; true once the rows asked for (limitRows) are read
    const parse = (piece: string, position: number): boolean => {
      const results = Papa.parse<string[]>(piece, { delimiter })
      // a piece ending in a line break ends with an empty row that is not in the file
      const count = piece.endsWith('\n') ? results.data.length - 1 : results.data.length
      const rows: string[][] = []
      const lines: number[] = []
      for (let i = 0; i < count; i++) {
        const row = results.data[i]!
        const rowLine = line
        line += linesSpanned(row)
        if (isEmptyRow(row)) continue
        if (preamble > 0) {
          preamble--
          continue
        }
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
          ...issueText(say('importMalformed', { detail: error.message })),
        })
      }
      if (rows.length > 0) onChunk({ headers: headers ?? [], rows, lines, position, length: file.length })
      return limitRows !== undefined && rowsTotal >= limitRows
    }
    for (const block of file.blocks(CHUNK_BYTES)) {
      let added = withoutCarriageReturns(block.text)
      if (first && added.charCodeAt(0) === 0xfeff) added = added.slice(1)
      first = false
      const text = rest + added
      const oversized = scanner.scan(text, rest.length)
      if (oversized) {
        const names = headers ?? firstRecordFields(text, delimiter)
        return {
          headers: names,
          rowsTotal,
          issues: [oversizedIssue(oversized, text, names, fileName)],
        }
      }
      const complete = scanner.recordStart
      rest = text.slice(complete)
      scanner.drop(complete)
      if (complete > 0 && parse(text.slice(0, complete), block.end))
        return { headers: headers ?? [], rowsTotal, issues }
    }
    // the last record, without a line break after it (or with a quote never closed)
    if (rest.length > 0) parse(rest, file.length)
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
  fileName: string,
  onChunk: (chunk: Table) => void,
  limitRows: number | undefined,
  preambleLines: number,
): { headers: string[]; rowsTotal: number; issues: ImportIssue[] } {
  let headers: string[] | null = null
  let preamble = preambleLines
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
    const nul = text.indexOf('\u0000')
    if (nul !== -1) {
      const line = lineNumber + (text.slice(0, nul).match(/\n/g)?.length ?? 0)
      return { headers: headers ?? [], rowsTotal, issues: [binaryIssue(line, null, fileName)] }
    }
    for (const raw of text.split(crlf ? '\r\n' : '\n')) {
      const current = lineNumber++
      const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw
      if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) continue
      const row = line.split(delimiter)
      if (line.length > MAX_CELL_CHARS) {
        const field = row.findIndex((f) => f.length > MAX_CELL_CHARS)
        if (field !== -1 || line.length > MAX_RECORD_CHARS) {
          const found = { line: current, field: Math.max(0, field), record: field === -1, start: 0 }
          const cellText = row[found.field] ?? line
          return {
            headers: headers ?? [],
            rowsTotal,
            issues: [oversizedIssue(found, cellText, headers, fileName)],
          }
        }
      }
      if (preamble > 0) {
        preamble--
        continue
      }
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
export function whitespaceStream(
  text: string,
  hasHeader: boolean,
  fileName: string,
  sampleSize = 2000,
): TableStream {
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
      if (trimmed.includes('\u0000')) return { rowsTotal, issues: [binaryIssue(i + 1, null, fileName)] }
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
