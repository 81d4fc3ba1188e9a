import Papa from 'papaparse'
import type { Locale } from '../../../shared/i18n/format'
import { inLanguage } from '../../lib/errors'
import type { RejectedRow } from './records'

/**
 * The rejected rows of a file as CSV (UTF-8 with BOM, so Excel opens umlauts correctly), with the
 * original columns followed by the line number and the reasons in the language of the person who
 * imported it (the column names in both: the file goes back into an import once corrected).
 */
export function rejectedRowsCsv(
  headers: readonly string[],
  rows: readonly RejectedRow[],
  delimiter: string | null,
  locale: Locale,
): string {
  const data = rows.map((r) => [
    ...r.cells,
    String(r.line),
    r.reasons.map((x) => inLanguage(x, locale)).join('; '),
  ])
  const fields = [...headers, 'Zeile / line', 'Fehler / error']
  return `\ufeff${Papa.unparse({ fields, data }, { delimiter: delimiter ?? ';', newline: '\r\n' })}\r\n`
}
