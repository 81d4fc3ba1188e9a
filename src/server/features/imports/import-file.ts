import { createHash } from 'node:crypto'
import type {
  ColumnMapping,
  ImportFormat,
  ImportIssue,
  ImportKind,
  ImportRunStatus,
} from '../../../shared/imports'
import type { Db } from '../../db/database'
import type { IsoDate } from '../../lib/dates'
import { findCustomerIdsByNumbers } from '../customers/customer.repository'
import { classifyCustomers } from '../lifecycle/classify-customers'
import type { TextEncoding } from './decode'
import { insertImportRun, updateImportRun } from './import-run.repository'
import { parseImport } from './parse-import'
import { rejectedRowsCsv } from './rejected-csv'
import { writeImport } from './write-import'

export type ImportPhase = 'reading' | 'customers' | 'documents' | 'classifying' | 'done'

export interface ImportProgress {
  phase: ImportPhase
  done: number
  total: number
}

export interface ImportFileOptions {
  db: Db
  fileName: string
  bytes: Uint8Array
  format: ImportFormat | 'auto'
  kind: ImportKind
  mapping?: ColumnMapping
  encoding?: TextEncoding
  source?: string
  vatPercent?: number
  /** import the valid rows and report the rejected ones, instead of rejecting the whole file */
  skipInvalid: boolean
  userId: number | null
  /** the date the lifecycle is classified as of, after the import */
  asOf: IsoDate
  clock?: () => Date
  /** a run created earlier (web upload); a new one is created when absent */
  runId?: number
  onProgress?: (progress: ImportProgress) => void
}

export interface ImportOutcome {
  runId: number
  status: ImportRunStatus
  format: ImportFormat
  encoding: string
  delimiter: string | null
  rowsTotal: number
  rowsValid: number
  rowsRejected: number
  customersCreated: number
  customersUpdated: number
  documentsCreated: number
  documentsUpdated: number
  documentsUnchanged: number
  issues: ImportIssue[]
  notes: string[]
  /** CSV of the rejected rows when invalid rows were skipped */
  rejectedCsv: string | null
  message: string | null
}

const MAX_STORED_ISSUES = 1000

export function fileHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * One import, used by the CLI and the web upload: read and check the whole file, then write it in
 * one transaction, then classify the customers it touched. A file with invalid rows is rejected
 * whole unless `skipInvalid`; a failure leaves nothing written and the run can simply be repeated.
 */
export async function importFile(options: ImportFileOptions): Promise<ImportOutcome> {
  const { db } = options
  const clock = options.clock ?? (() => new Date())
  const now = () => clock().toISOString()
  const runId =
    options.runId ??
    (await insertImportRun(db.kysely, {
      file_name: options.fileName,
      file_hash: fileHash(options.bytes),
      file_size: options.bytes.byteLength,
      format: options.format === 'auto' ? 'generic' : options.format,
      kind: options.kind,
      source: options.source ?? (options.format === 'auto' ? 'generic' : options.format),
      status: 'pending',
      options: JSON.stringify({ mapping: options.mapping ?? null, skipInvalid: options.skipInvalid }),
      issues: '[]',
      created_at: now(),
      user_id: options.userId,
    }))
  await updateImportRun(db.kysely, runId, { status: 'running' })
  options.onProgress?.({ phase: 'reading', done: 0, total: options.bytes.byteLength })

  const parsed = parseImport(options)
  const source = options.source ?? parsed.format
  const errors = parsed.issues.filter((i) => i.severity === 'error')
  const base = {
    runId,
    format: parsed.format,
    encoding: parsed.encoding,
    delimiter: parsed.delimiter,
    rowsTotal: parsed.rowsTotal,
    rowsValid: parsed.rowsValid,
    rowsRejected: parsed.rejected.length,
    customersCreated: 0,
    customersUpdated: 0,
    documentsCreated: 0,
    documentsUpdated: 0,
    documentsUnchanged: 0,
    notes: parsed.notes,
    rejectedCsv: null,
  }
  const fileLevel = errors.some((e) => e.line === 0 || e.code === 'malformed_csv')
  const runFields = {
    format: parsed.format,
    source,
    encoding: parsed.encoding,
    delimiter: parsed.delimiter,
    rows_total: parsed.rowsTotal,
    rows_valid: parsed.rowsValid,
    rows_rejected: parsed.rejected.length,
  }
  if (errors.length > 0 && (fileLevel || !options.skipInvalid || parsed.rowsValid === 0)) {
    const message = fileLevel
      ? 'The file cannot be read as it is; nothing was imported'
      : `${parsed.rejected.length} of ${parsed.rowsTotal} rows are invalid; nothing was imported`
    await updateImportRun(db.kysely, runId, {
      ...runFields,
      status: 'rejected',
      issues: JSON.stringify(parsed.issues.slice(0, MAX_STORED_ISSUES)),
      message,
      finished_at: now(),
    })
    return { ...base, status: 'rejected', issues: parsed.issues, message }
  }
  const rejectedCsv =
    parsed.rejected.length > 0 ? rejectedRowsCsv(parsed.headers, parsed.rejected, parsed.delimiter) : null
  try {
    const result = await writeImport({
      db,
      fileName: options.fileName,
      customers: parsed.customers,
      documents: parsed.documents,
      source,
      importRunId: runId,
      now: now(),
      onProgress: (phase, done, total) => options.onProgress?.({ phase, done, total }),
    })
    const issues = [...parsed.issues, ...result.warnings]
    await updateImportRun(db.kysely, runId, {
      ...runFields,
      status: 'succeeded',
      customers_created: result.customersCreated,
      customers_updated: result.customersUpdated,
      documents_created: result.documentsCreated,
      documents_updated: result.documentsUpdated,
      documents_unchanged: result.documentsUnchanged,
      issues: JSON.stringify(issues.slice(0, MAX_STORED_ISSUES)),
      rejected_csv: rejectedCsv,
      message: null,
      finished_at: now(),
    })
    const touched = await findCustomerIdsByNumbers(db.kysely, [
      ...new Set([
        ...parsed.customers.map((c) => c.customerNumber),
        ...parsed.documents.map((d) => d.customerNumber),
      ]),
    ])
    await classifyCustomers({
      db,
      asOf: options.asOf,
      customerIds: [...touched.values()],
      onProgress: (done, total) => options.onProgress?.({ phase: 'classifying', done, total }),
    })
    options.onProgress?.({ phase: 'done', done: 1, total: 1 })
    return { ...base, ...result, status: 'succeeded', issues, rejectedCsv, message: null }
  } catch (error) {
    const message = `Import failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`
    await updateImportRun(db.kysely, runId, { ...runFields, status: 'failed', message, finished_at: now() })
    return { ...base, status: 'failed', issues: parsed.issues, message }
  }
}
