import Papa from 'papaparse'
import type { RejectedRow } from './records'

/**
 * The rejected rows of a file as CSV (UTF-8 with BOM, so Excel opens umlauts correctly), with the
 * original columns followed by the line number and the reasons.
 */
export function rejectedRowsCsv(
  headers: readonly string[],
  rows: readonly RejectedRow[],
  delimiter: string | null,
): string {
  const data = rows.map((r) => [...r.cells, String(r.line), r.reasons.join('; ')])
  const fields = [...headers, 'Zeile / line', 'Fehler / error']
  return `\ufeff${Papa.unparse({ fields, data }, { delimiter: delimiter ?? ';', newline: '\r\n' })}\r\n`
}
