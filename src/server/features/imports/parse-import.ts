import type { ColumnMapping, ImportFormat, ImportIssue, ImportKind } from '../../../shared/imports'
import type { RecordCollector } from './collect'
import { decodeText, type TextEncoding } from './decode'
import { isCdnowHeader, readCdnow } from './formats/cdnow'
import { readGenericCustomers, readGenericOrders } from './formats/generic'
import { isShopifyOrders, readShopifyOrders } from './formats/shopify'
import { isWooCommerceOrders, readWooCommerceOrders } from './formats/woocommerce'
import { guessMapping } from './guess-mapping'
import type { ParsedImport, Table } from './records'
import { looksWhitespaceSeparated, sniffDelimiter } from './sniff'
import { tabulate, tabulateWhitespace } from './tabulate'

export interface ParseImportOptions {
  fileName: string
  bytes: Uint8Array
  format: ImportFormat | 'auto'
  kind: ImportKind
  encoding?: TextEncoding
  /** generic files: the confirmed column mapping; guessed from the headers when absent */
  mapping?: ColumnMapping
  /** names where the documents come from; documents are unique per source and key */
  source?: string
  vatPercent?: number
  defaultCurrency?: string
  /** read only the first rows (for the preview) */
  limitRows?: number
}

export interface ReadFile {
  format: ImportFormat
  encoding: string
  delimiter: string | null
  table: Table
  fileIssues: ImportIssue[]
}

/** Decodes, sniffs and splits a file into rows, and recognises its format. */
export function readFile(
  options: Pick<ParseImportOptions, 'fileName' | 'bytes' | 'format' | 'encoding'>,
): ReadFile {
  const { text, encoding } = decodeText(options.bytes, options.encoding ?? 'auto')
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'))
  const whitespace = looksWhitespaceSeparated(text)
  if (
    options.format === 'cdnow' ||
    (options.format === 'auto' &&
      whitespace &&
      (isCdnowHeader(firstLine) || /^\s*\d+\s+(\d+\s+)?\d{8}\s/.test(firstLine)))
  ) {
    return {
      format: 'cdnow',
      encoding,
      delimiter: null,
      table: tabulateWhitespace(text, isCdnowHeader(firstLine)),
      fileIssues: [],
    }
  }
  const delimiter = sniffDelimiter(text)
  const { table, issues } = tabulate(text, delimiter, options.fileName)
  let format: ImportFormat = options.format === 'auto' ? 'generic' : options.format
  if (options.format === 'auto') {
    if (isShopifyOrders(table.headers)) format = 'shopify'
    else if (isWooCommerceOrders(table.headers)) format = 'woocommerce'
  }
  return { format, encoding, delimiter, table, fileIssues: issues }
}

function fileIssue(
  fileName: string,
  code: ImportIssue['code'],
  reason: string,
  column: string | null = null,
): ImportIssue {
  return { severity: 'error', code, file: fileName, line: 0, column, value: null, reason }
}

/** The fields a generic file must have mapped. */
export function missingRequiredFields(mapping: ColumnMapping, kind: ImportKind): string[] {
  const missing: string[] = []
  if (mapping.customerNumber === undefined && mapping.email === undefined) missing.push('customerNumber')
  if (kind === 'orders') {
    if (mapping.date === undefined) missing.push('date')
    if (mapping.netAmount === undefined && mapping.grossAmount === undefined) missing.push('netAmount')
  }
  return missing
}

/**
 * The pure half of an import: bytes in, customer and document records out, with every problem
 * named by file, line, column, value and reason. Nothing is written here.
 */
export function parseImport(options: ParseImportOptions): ParsedImport {
  const file = readFile(options)
  const { format, table } = file
  if (options.limitRows !== undefined) {
    table.rows = table.rows.slice(0, options.limitRows)
    table.lines = table.lines.slice(0, options.limitRows)
  }
  const source = options.source ?? format
  const base = {
    fileName: options.fileName,
    format,
    kind: options.kind,
    encoding: file.encoding,
    delimiter: file.delimiter,
    headers: table.headers,
    rowsTotal: table.rows.length,
  }
  const reject = (issues: ImportIssue[]): ParsedImport => ({
    ...base,
    rowsValid: 0,
    customers: [],
    documents: [],
    issues,
    rejected: [],
    notes: [],
  })
  if (file.fileIssues.length > 0) return reject(file.fileIssues)
  if (options.kind === 'customers' && format !== 'generic') {
    return reject([
      fileIssue(
        options.fileName,
        'missing_column',
        `A ${format} file holds orders; import it with kind "orders"`,
      ),
    ])
  }
  let collector: RecordCollector
  if (format === 'cdnow') collector = readCdnow(table, options.fileName)
  else if (format === 'shopify') collector = readShopifyOrders(table, options.fileName)
  else if (format === 'woocommerce')
    collector = readWooCommerceOrders(table, options.fileName, file.delimiter)
  else {
    const mapping = options.mapping ?? guessMapping(table.headers, options.kind).mapping
    const missing = missingRequiredFields(mapping, options.kind)
    if (missing.length > 0) {
      return reject(
        missing.map((field) =>
          fileIssue(options.fileName, 'missing_column', `No column is mapped to ${field}`, field),
        ),
      )
    }
    const generic = {
      fileName: options.fileName,
      delimiter: file.delimiter,
      mapping,
      source,
      vatPercent: options.vatPercent ?? 19,
      defaultCurrency: options.defaultCurrency ?? 'EUR',
    }
    collector =
      options.kind === 'orders' ? readGenericOrders(table, generic) : readGenericCustomers(table, generic)
  }
  return {
    ...base,
    rowsValid: collector.rowsValid,
    customers: [...collector.customers.values()],
    documents: [...collector.documents.values()],
    issues: collector.issues,
    rejected: collector.rejected,
    notes: [...collector.notes],
  }
}
