import Papa from 'papaparse'

/**
 * Cells a spreadsheet would run as a formula ("=HYPERLINK(…)", "@SUM", "+A1") get a leading
 * apostrophe. Numbers and phone numbers ("-12,50", "+49 171 2345678") stay as they are.
 */
const FORMULA = /^(?:[=@\t\r]|[+-](?![\d\s.,()/-]*$))/

/** A CSV file for people: UTF-8 with BOM (Excel shows umlauts), CRLF, formulas defused. */
export function toCsv(headers: string[], rows: unknown[][], delimiter: string): string {
  return `\ufeff${Papa.unparse({ fields: headers, data: rows }, { delimiter, newline: '\r\n', escapeFormulae: FORMULA })}\r\n`
}
