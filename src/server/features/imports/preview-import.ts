import type { ColumnMapping, ImportFormat, ImportIssue, ImportKind } from '../../../shared/imports'
import type { FileBytes } from '../../lib/file-bytes'
import { guessMapping } from './guess-mapping'
import { parseImport, readFile } from './parse-import'

export interface PreviewResult {
  format: ImportFormat
  /** what the file holds: the kind asked for, unless the format says otherwise (DATEV's categories) */
  kind: ImportKind
  encoding: string
  delimiter: string | null
  headers: string[]
  mapping: ColumnMapping
  sampleRows: string[][]
  rowsTotal: number
  issues: ImportIssue[]
}

const PREVIEW_ROWS = 1000

/** What the upload page shows before importing: the detected format, a guessed mapping, sample rows and early problems. */
export function previewImport(options: {
  fileName: string
  bytes: FileBytes
  format: ImportFormat | 'auto'
  kind: ImportKind
  mapping?: ColumnMapping
}): PreviewResult {
  const file = readFile(options)
  const { headers, sample } = file.stream
  const generic = file.format === 'generic'
  const mapping = options.mapping ?? (generic ? guessMapping(headers, options.kind).mapping : {})
  // a known format maps its own columns
  const parsed = parseImport({
    ...options,
    format: file.format,
    mapping: generic ? mapping : undefined,
    limitRows: PREVIEW_ROWS,
  })
  return {
    format: file.format,
    kind: parsed.kind,
    encoding: file.encoding,
    delimiter: file.delimiter,
    headers,
    mapping,
    sampleRows: sample.rows.slice(0, 8),
    rowsTotal: file.stream.forEachChunk(() => undefined).rowsTotal,
    issues: parsed.issues.slice(0, 50),
  }
}
