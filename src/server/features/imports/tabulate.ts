import Papa from 'papaparse'
import type { ImportIssue } from '../../../shared/imports'
import type { Table } from './records'

/**
 * Splits CSV text into rows with Papa Parse (chosen over csv-parse for speed, see ARCHITECTURE.md),
 * keeping the file line of every row for error reports. Empty lines are skipped; a broken quote is a
 * file-level issue because nothing after it can be trusted.
 */
export function tabulate(
  text: string,
  delimiter: string,
  fileName: string,
  hasHeader = true,
): { table: Table; issues: ImportIssue[] } {
  const result = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, newline: undefined })
  const issues: ImportIssue[] = []
  const data = result.data
  const lineOf: number[] = new Array(data.length)
  let line = 1
  for (let i = 0; i < data.length; i++) {
    lineOf[i] = line
    let extra = 0
    for (const field of data[i]!) {
      if (field.length > 0 && field.includes('\n')) extra += field.split('\n').length - 1
    }
    line += 1 + extra
  }
  for (const error of result.errors) {
    if (error.type !== 'Quotes') continue
    const row = error.row ?? 0
    issues.push({
      severity: 'error',
      code: 'malformed_csv',
      file: fileName,
      line: lineOf[row] ?? line,
      column: null,
      value: null,
      reason: `Malformed CSV: ${error.message}`,
    })
  }
  const rows: string[][] = []
  const lines: number[] = []
  let headers: string[] = []
  let headerSeen = !hasHeader
  for (let i = 0; i < data.length; i++) {
    const row = data[i]!
    if (row.length === 1 && row[0]!.trim() === '') continue
    if (!headerSeen) {
      headers = row.map((h) => h.trim())
      headerSeen = true
      continue
    }
    rows.push(row)
    lines.push(lineOf[i]!)
  }
  return { table: { headers, rows, lines }, issues }
}

/** Whitespace-separated text (CDNOW): one record per line, fields split on runs of spaces. */
export function tabulateWhitespace(text: string, hasHeader: boolean): Table {
  const rows: string[][] = []
  const lines: number[] = []
  let headers: string[] = []
  const all = text.split(/\r?\n/)
  let headerSeen = !hasHeader
  for (let i = 0; i < all.length; i++) {
    const trimmed = all[i]!.trim()
    if (trimmed === '') continue
    const fields = trimmed.split(/\s+/)
    if (!headerSeen) {
      headers = fields
      headerSeen = true
      continue
    }
    rows.push(fields)
    lines.push(i + 1)
  }
  return { headers, rows, lines }
}
