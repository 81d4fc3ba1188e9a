import type { ColumnMapping, ImportFormat, ImportIssue, ImportKind } from '../../../shared/imports'
import { decodeFile, type TextEncoding } from '../../lib/decode'
import { inEnglish, type ServerText, say } from '../../lib/errors'
import type { FileBytes } from '../../lib/file-bytes'
import { looksWhitespaceSeparated, sniffDelimiter } from '../../lib/sniff'
import type { ChunkReader, RecordCollector } from './collect'
import { cdnowReader, isCdnowHeader } from './formats/cdnow'
import { datevBookingsReader, datevDebtorsReader, datevMissingColumns } from './formats/datev'
import { DATEV_BOOKINGS, DATEV_DEBTORS, type DatevHeader, parseDatevHeader } from './formats/datev-header'
import { genericContractsReader, genericCustomersReader, genericOrdersReader } from './formats/generic'
import { isShopifyOrders, shopifyOrdersReader } from './formats/shopify'
import {
  isVendorFormat,
  recognizeVendor,
  vendorMapping,
  vendorProfile,
  vendorVocabulary,
} from './formats/vendors'
import { isWooCommerceOrders, wooCommerceOrdersReader } from './formats/woocommerce'
import { guessMapping } from './guess-mapping'
import { issueText } from './issue-text'
import type {
  ContractRecord,
  CustomerRecord,
  DocumentColumns,
  ParsedImport,
  RejectedRow,
  Table,
} from './records'
import { csvStream, type TableStream, whitespaceStream } from './tabulate'

export interface ParseImportOptions {
  fileName: string
  /** the file: on disk for a large one, read block by block */
  bytes: FileBytes
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
  stream: TableStream
  /** what the file holds when its format says so (a DATEV file's data category), else the kind asked for */
  kind?: ImportKind
  datev?: DatevHeader
}

/** Decodes and sniffs a file and recognises its format; its rows are read later, chunk by chunk. */
export function readFile(
  options: Pick<ParseImportOptions, 'fileName' | 'bytes' | 'format' | 'encoding'>,
): ReadFile {
  const file = decodeFile(options.bytes, options.encoding ?? 'auto')
  const { head, encoding } = file
  const newline = head.indexOf('\n')
  const firstLine = head.slice(0, newline === -1 ? head.length : newline)
  const whitespace = looksWhitespaceSeparated(head)
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
      stream: whitespaceStream(file.text(), isCdnowHeader(firstLine), options.fileName),
    }
  }
  const datev = options.format === 'auto' || options.format === 'datev' ? parseDatevHeader(firstLine) : null
  if (datev) {
    return {
      format: 'datev',
      encoding,
      delimiter: ';',
      stream: csvStream(file, ';', options.fileName, { preambleLines: 1 }),
      kind: datev.category === DATEV_DEBTORS ? 'customers' : 'orders',
      datev,
    }
  }
  const delimiter = sniffDelimiter(head)
  const stream = csvStream(file, delimiter, options.fileName)
  let format: ImportFormat = options.format === 'auto' ? 'generic' : options.format
  if (options.format === 'auto') {
    if (isShopifyOrders(stream.headers)) format = 'shopify'
    else if (isWooCommerceOrders(stream.headers)) format = 'woocommerce'
    else format = recognizeVendor(stream.headers)?.format ?? 'generic'
  }
  return { format, encoding, delimiter, stream }
}

function fileIssue(
  fileName: string,
  code: ImportIssue['code'],
  text: ServerText,
  column: string | null = null,
): ImportIssue {
  return { severity: 'error', code, file: fileName, line: 0, column, value: null, ...issueText(text) }
}

/** The fields a generic file must have mapped. */
export function missingRequiredFields(mapping: ColumnMapping, kind: ImportKind): string[] {
  const missing: string[] = []
  if (mapping.customerNumber === undefined && mapping.email === undefined) missing.push('customerNumber')
  if (kind === 'orders') {
    if (mapping.date === undefined) missing.push('date')
    if (mapping.netAmount === undefined && mapping.grossAmount === undefined) missing.push('netAmount')
  }
  if (kind === 'contracts') {
    if (mapping.contractNumber === undefined) missing.push('contractNumber')
    if (mapping.startDate === undefined) missing.push('startDate')
  }
  return missing
}

export interface ParsedChunk {
  /** where the documents come from: the given source, else the detected format */
  source: string
  customers: CustomerRecord[]
  /** the customer numbers indexed for the first time in this chunk (see RecordBatch) */
  customerNumbers: string[]
  /** the documents as columns: cheap to hand from the parse worker to the writer */
  documents: DocumentColumns
  contracts: ContractRecord[]
  issues: ImportIssue[]
  rejected: RejectedRow[]
  /** how far through the file (characters), for progress */
  position: number
  length: number
}

export type ParseSummary = Omit<ParsedImport, 'customers' | 'documents' | 'contracts' | 'rejected'> & {
  rejectedCount: number
}

/** Rows read between two hand-overs of records to the writer. */
const ROWS_PER_HANDOVER = 50_000

interface ParseRun {
  summary: ParseSummary
  collector: RecordCollector | null
}

/**
 * Reads a whole file through its format's reader. With `onChunk`, the records touched by each chunk
 * of rows are handed over as soon as the chunk is read, so writing can start before reading ends.
 */
function runParse(options: ParseImportOptions, onChunk?: (chunk: ParsedChunk) => void): ParseRun {
  const file = readFile(options)
  const { format, stream } = file
  const source = options.source ?? format
  const kind = file.kind ?? options.kind
  const base = {
    fileName: options.fileName,
    format,
    kind,
    encoding: file.encoding,
    delimiter: file.delimiter,
    headers: stream.headers,
  }
  const reject = (issues: ImportIssue[], rowsTotal = 0): ParseRun => ({
    summary: { ...base, rowsTotal, rowsValid: 0, issues, rejectedCount: 0, notes: [], noteTexts: [] },
    collector: null,
  })
  if (format === 'datev') {
    const header = file.datev
    if (!header || (header.category !== DATEV_BOOKINGS && header.category !== DATEV_DEBTORS))
      return reject([
        fileIssue(
          options.fileName,
          'missing_column',
          header
            ? say('importDatevCategory', { category: header.category, name: header.formatName })
            : say('importNoDatevHeader'),
        ),
      ])
    const missing = datevMissingColumns(stream.headers, header)
    if (missing.length > 0)
      return reject(
        missing.map((name) =>
          fileIssue(
            options.fileName,
            'missing_column',
            say('importDatevColumnMissing', { column: name }),
            name,
          ),
        ),
      )
  } else if (kind !== 'orders' && format !== 'generic') {
    return reject([fileIssue(options.fileName, 'missing_column', say('importOrdersOnly', { format }))])
  }
  let reader: ChunkReader
  if (format === 'cdnow') reader = cdnowReader(options.fileName)
  else if (format === 'datev')
    reader =
      file.datev!.category === DATEV_DEBTORS
        ? datevDebtorsReader(stream.sample, file.datev!, options.fileName)
        : datevBookingsReader(stream.sample, file.datev!, {
            fileName: options.fileName,
            vatPercent: options.vatPercent ?? 19,
          })
  else if (format === 'shopify') reader = shopifyOrdersReader(stream.sample, options.fileName)
  else if (format === 'woocommerce')
    reader = wooCommerceOrdersReader(stream.sample, options.fileName, file.delimiter)
  else {
    const vendor = isVendorFormat(format) ? vendorProfile(format) : null
    const mapping =
      options.mapping ??
      (vendor ? vendorMapping(vendor, stream.headers) : guessMapping(stream.headers, kind).mapping)
    const missing = missingRequiredFields(mapping, kind)
    if (missing.length > 0) {
      return reject(
        missing.map((field) =>
          fileIssue(options.fileName, 'missing_column', say('importFieldNotMapped', { field }), field),
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
      vocabulary: vendor ? vendorVocabulary(vendor, stream.headers, mapping) : undefined,
    }
    reader =
      kind === 'orders'
        ? genericOrdersReader(stream.sample, generic)
        : kind === 'contracts'
          ? genericContractsReader(stream.sample, generic)
          : genericCustomersReader(stream.sample, generic)
  }
  const { collector } = reader
  // records are handed over every ROWS_PER_HANDOVER rows, however the stream cuts its tables
  let unsent = 0
  const handOver = (position: number, length: number) => {
    onChunk?.({ source, ...collector.drain(), position, length })
    unsent = 0
  }
  let last: Table | null = null
  const { rowsTotal, issues } = stream.forEachChunk((table) => {
    reader.read(table)
    last = table
    unsent += table.rows.length
    if (onChunk && unsent >= ROWS_PER_HANDOVER) handOver(table.position ?? 0, table.length ?? 0)
  }, options.limitRows)
  if (onChunk && unsent > 0) handOver(last!.position ?? 0, last!.length ?? 0)
  if (issues.length > 0) return reject(issues, rowsTotal)
  if (rowsTotal === 0) return reject([fileIssue(options.fileName, 'no_rows', say('importNoRows'))])
  return {
    summary: {
      ...base,
      rowsTotal,
      rowsValid: collector.rowsValid,
      issues: collector.issues,
      rejectedCount: collector.rejected.length,
      notes: [...collector.notes.values()].map(inEnglish),
      noteTexts: [...collector.notes.values()],
    },
    collector,
  }
}

/**
 * The pure half of an import: bytes in, customer and document records out, with every problem
 * named by file, line, column, value and reason. Nothing is written here.
 */
export function parseImport(options: ParseImportOptions): ParsedImport {
  const { summary, collector } = runParse(options)
  const { rejectedCount, ...rest } = summary
  return {
    ...rest,
    customers: collector ? collector.customerRecords() : [],
    documents: collector ? [...collector.documents.values()] : [],
    contracts: collector ? [...collector.contracts.values()] : [],
    rejected: collector ? collector.rejected : [],
  }
}

/** The same, handing over each chunk's records as they are read (see import-file.ts). */
export function parseImportChunked(
  options: ParseImportOptions,
  onChunk: (chunk: ParsedChunk) => void,
): ParseSummary {
  return runParse(options, onChunk).summary
}
