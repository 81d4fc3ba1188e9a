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

type PreviewOptions = {
  fileName: string
  bytes: FileBytes
  format: ImportFormat | 'auto'
  kind: ImportKind
  mapping?: ColumnMapping
}

/** What a file is, as its run stores it: the parts of the preview that need only the file's head. */
export type DetectedImport = Pick<PreviewResult, 'format' | 'kind' | 'encoding' | 'delimiter'>

/**
 * The format, kind, encoding and delimiter the preview shows, without its pass over the whole file
 * (counting the rows of 365 MB takes 4 s): the upload stores them on its run, whose preview follows.
 */
export function detectImport(options: PreviewOptions): DetectedImport {
  const { file, parsed } = readHead(options)
  return { format: file.format, kind: parsed.kind, encoding: file.encoding, delimiter: file.delimiter }
}

/** What the upload page shows before importing: the detected format, a guessed mapping, sample rows and early problems. */
export function previewImport(options: PreviewOptions): PreviewResult {
  const { file, mapping, parsed } = readHead(options)
  return {
    format: file.format,
    kind: parsed.kind,
    encoding: file.encoding,
    delimiter: file.delimiter,
    headers: file.stream.headers,
    mapping,
    sampleRows: file.stream.sample.rows.slice(0, 8),
    rowsTotal: file.stream.forEachChunk(() => undefined).rowsTotal,
    issues: parsed.issues.slice(0, 50),
  }
}

/** The file read from its head, its mapping and its first rows parsed. */
function readHead(options: PreviewOptions) {
  const file = readFile(options)
  const generic = file.format === 'generic'
  const mapping = options.mapping ?? (generic ? guessMapping(file.stream.headers, options.kind).mapping : {})
  // a known format maps its own columns
  const parsed = parseImport({
    ...options,
    format: file.format,
    mapping: generic ? mapping : undefined,
    limitRows: PREVIEW_ROWS,
  })
  return { file, mapping, parsed }
}
