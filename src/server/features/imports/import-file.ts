import type { Kysely } from 'kysely'
import type { Locale } from '../../../shared/i18n/format'
import type {
  ColumnMapping,
  ImportFormat,
  ImportIssue,
  ImportKind,
  ImportRunStatus,
} from '../../../shared/imports'
import { withBulkWrite } from '../../db/bulk-write'
import type { Db } from '../../db/database'
import { holdImportLock } from '../../db/erasure-lock'
import type { Database } from '../../db/schema'
import { refreshPlannerStatistics } from '../../db/statistics'
import type { IsoDate } from '../../lib/dates'
import type { TextEncoding } from '../../lib/decode'
import { type ServerText, say, storedText, textOfError } from '../../lib/errors'
import { type FileBytes, sha256Of, sizeOf } from '../../lib/file-bytes'
import { forgetCachedReads } from '../../lib/read-cache'
import { writeAudit } from '../audit/audit'
import { withCustomerIndexesSetAsideIfEmpty } from '../customers/customer.repository'
import { setAsideOrderIndexesByCustomerIfEmpty } from '../orders/order.repository'
import { deriveQueued, queueDerivation } from './derived-data'
import { insertImportRun, updateImportRun } from './import-run.repository'
import type { ParseSummary } from './parse-import'
import { type StreamedParse, startParse } from './parse-stream'
import type { RejectedRow } from './records'
import { rejectedRowsCsv } from './rejected-csv'
import { ImportWriter, type WriteResult } from './write-import'

export type ImportPhase = 'reading' | 'importing' | 'classifying' | 'done'

export interface ImportProgress {
  phase: ImportPhase
  done: number
  total: number
}

export interface ImportFileOptions {
  db: Db
  fileName: string
  /** the file: on disk (`fileOnDisk`) for anything large, so it is never held whole */
  bytes: FileBytes
  format: ImportFormat | 'auto'
  kind: ImportKind
  mapping?: ColumnMapping
  encoding?: TextEncoding
  source?: string
  vatPercent?: number
  /** import the valid rows and report the rejected ones, instead of rejecting the whole file */
  skipInvalid: boolean
  userId: number | null
  /** the language of the person importing: the file of rejected rows gives its reasons in it (German by default) */
  locale?: Locale
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
  kind: ImportKind
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
  contractsCreated: number
  contractsUpdated: number
  contractsUnchanged: number
  issues: ImportIssue[]
  notes: string[]
  noteTexts: ServerText[]
  /** CSV of the rejected rows when invalid rows were skipped */
  rejectedCsv: string | null
  /** why it was rejected or failed, in English and as a key with parameters */
  message: string | null
  messageText: ServerText | null
}

const MAX_STORED_ISSUES = 1000

/** Thrown inside the import transaction to undo everything when the file turns out to be invalid. */
class RejectedFile extends Error {
  constructor(readonly summary: ParseSummary) {
    super('rejected')
  }
}

/**
 * One import, used by the CLI and the web upload. The file is read chunk by chunk (large files in
 * a worker thread) while each chunk's records are written, all in one transaction; when the file
 * has invalid rows the transaction is undone and the file rejected whole, unless `skipInvalid`. A
 * failure leaves nothing written, so a run can simply be repeated. Then the customers it touched
 * are classified. SQLite's WAL is checkpointed once at the end rather than inside each commit, and
 * the connection keeps more pages in its cache meanwhile (withBulkWrite).
 */
export async function importFile(options: ImportFileOptions): Promise<ImportOutcome> {
  // reading starts at once: a large file's worker boots while the run is recorded
  const parse = startParse(options)
  try {
    return await withBulkWrite(options.db, () => runImport(options, parse))
  } finally {
    parse.cancel()
  }
}

async function runImport(options: ImportFileOptions, parse: StreamedParse): Promise<ImportOutcome> {
  const { db } = options
  const clock = options.clock ?? (() => new Date())
  const now = () => clock().toISOString()
  const runId =
    options.runId ??
    (await insertImportRun(db.kysely, {
      file_name: options.fileName,
      file_hash: await sha256Of(options.bytes),
      file_size: sizeOf(options.bytes),
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
  options.onProgress?.({ phase: 'reading', done: 0, total: 1 })

  const rejected: RejectedRow[] = []
  let changed: number[] = []
  let refused: string[] = []
  let report: { issues: ImportIssue[]; rejectedCsv: string | null } = { issues: [], rejectedCsv: null }
  const recordSuccess = async (trx: Kysely<Database>, parsed: ParseSummary, written: WriteResult) => {
    report = {
      issues: [...parsed.issues, ...written.warnings],
      rejectedCsv:
        rejected.length > 0
          ? rejectedRowsCsv(parsed.headers, rejected, parsed.delimiter, options.locale ?? 'de')
          : null,
    }
    const { issues, rejectedCsv } = report
    await updateImportRun(trx, runId, {
      ...runFieldsOf(parsed, options),
      status: 'succeeded',
      customers_created: written.customersCreated,
      customers_updated: written.customersUpdated,
      documents_created: written.documentsCreated,
      documents_updated: written.documentsUpdated,
      documents_unchanged: written.documentsUnchanged,
      contracts_created: written.contractsCreated,
      contracts_updated: written.contractsUpdated,
      contracts_unchanged: written.contractsUnchanged,
      issues: JSON.stringify(issues.slice(0, MAX_STORED_ISSUES)),
      rejected_csv: rejectedCsv,
      message: null,
      finished_at: now(),
    })
    await writeAudit(trx, {
      action: 'import.completed',
      entityType: 'import_run',
      entityId: runId,
      userId: options.userId,
      at: now(),
      details: {
        fileName: options.fileName,
        format: parsed.format,
        customersCreated: written.customersCreated,
        customersUpdated: written.customersUpdated,
        documentsCreated: written.documentsCreated,
        documentsUpdated: written.documentsUpdated,
        rejectedRows: rejected.length,
      },
    })
    if (refused.length > 0)
      await writeAudit(trx, {
        action: 'suppression.matched',
        entityType: 'import_run',
        entityId: runId,
        userId: options.userId,
        at: now(),
        details: { fileName: options.fileName, customerNumbers: refused },
      })
  }
  let summary: ParseSummary | null = null
  let result: WriteResult | null = null
  try {
    ;({ summary, result } = await withCustomerIndexesSetAsideIfFirst(options, now(), () =>
      db.kysely.transaction().execute(async (trx) => {
        await holdImportLock(trx)
        const orderIndexesByCustomer = await setAsideOrderIndexesByCustomerIfEmpty(trx)
        let writer: ImportWriter | null = null
        const parsed = await parse.consume(async (chunk) => {
          writer ??= new ImportWriter(db, trx, {
            fileName: options.fileName,
            source: chunk.source,
            importRunId: runId,
            now: now(),
            orderIndexesByCustomer,
          })
          rejected.push(...chunk.rejected)
          await writer.write(chunk)
          options.onProgress?.({ phase: 'importing', done: chunk.position, total: chunk.length })
        })
        const errors = parsed.issues.filter((i) => i.severity === 'error')
        const fileLevel = errors.some((e) => e.line === 0 || e.code === 'malformed_csv')
        if (errors.length > 0 && (fileLevel || !options.skipInvalid || parsed.rowsValid === 0))
          throw new RejectedFile(parsed)
        await orderIndexesByCustomer?.restore()
        const done = writer as ImportWriter | null
        changed = done ? done.changedCustomerIds() : []
        refused = done ? done.suppressedCustomerNumbers() : []
        const written = done ? done.result() : emptyResult()
        // the run is a success in the same commit as its rows, with the work that follows from them
        await queueDerivation(trx, changed, options.asOf, now())
        await recordSuccess(trx, parsed, written)
        return { summary: parsed, result: written }
      }),
    ))
  } catch (error) {
    const parsed = error instanceof RejectedFile ? error.summary : summary
    const runFields = parsed ? runFieldsOf(parsed, options) : {}
    if (error instanceof RejectedFile) {
      const fileLevel = error.summary.issues.some(
        (e) => e.severity === 'error' && (e.line === 0 || e.code === 'malformed_csv'),
      )
      const empty = error.summary.issues.find((e) => e.code === 'no_rows')
      // the reasons of a file's issues are the server's own texts
      const text: ServerText = empty?.text
        ? (empty.text as ServerText)
        : fileLevel
          ? say('importUnreadable')
          : say('importRowsInvalid', {
              rejected: error.summary.rejectedCount,
              total: error.summary.rowsTotal,
            })
      const stored = storedText(text)
      await updateImportRun(db.kysely, runId, {
        ...runFields,
        status: 'rejected',
        issues: JSON.stringify(error.summary.issues.slice(0, MAX_STORED_ISSUES)),
        message: stored.english,
        message_text: stored.json,
        finished_at: now(),
      })
      return {
        ...outcomeBase(runId, error.summary, emptyResult()),
        status: 'rejected',
        issues: error.summary.issues,
        rejectedCsv: null,
        message: stored.english,
        messageText: text,
      }
    }
    const text = say('importFailed', { reason: textOfError(error) })
    const stored = storedText(text)
    await updateImportRun(db.kysely, runId, {
      ...runFields,
      status: 'failed',
      message: stored.english,
      message_text: stored.json,
      finished_at: now(),
    })
    return {
      ...outcomeBase(runId, summary ?? emptySummary(options), emptyResult()),
      status: 'failed',
      issues: summary?.issues ?? [],
      rejectedCsv: null,
      message: stored.english,
      messageText: text,
    }
  }
  // only customers whose data or documents changed are derived again
  options.onProgress?.({ phase: 'classifying', done: 0, total: changed.length })
  await deriveQueued({
    db,
    onProgress: (done, total) => options.onProgress?.({ phase: 'classifying', done, total }),
  })
  await refreshPlannerStatistics(
    db,
    ['customers', 'orders', 'contracts', 'customer_status', 'contact_eligibility'],
    changed.length,
    { vacuum: ['customers'] },
  )
  forgetCachedReads()
  options.onProgress?.({ phase: 'done', done: 1, total: 1 })
  const { issues, rejectedCsv } = report
  return {
    ...outcomeBase(runId, summary, result),
    status: 'succeeded',
    issues,
    rejectedCsv,
    message: null,
    messageText: null,
  }
}

/** From this size on, a first import sets the customers' read indexes aside (about 25,000 rows). */
const SET_ASIDE_FROM_BYTES = 1 << 20

/** The import's transaction, for a large first import with the customers' read indexes built after it. */
function withCustomerIndexesSetAsideIfFirst<T>(
  options: ImportFileOptions,
  now: string,
  work: () => Promise<T>,
): Promise<T> {
  if (sizeOf(options.bytes) < SET_ASIDE_FROM_BYTES) return work()
  return withCustomerIndexesSetAsideIfEmpty(options.db.kysely, now, work)
}

function emptyResult(): WriteResult {
  return {
    customersCreated: 0,
    customersUpdated: 0,
    documentsCreated: 0,
    documentsUpdated: 0,
    documentsUnchanged: 0,
    contractsCreated: 0,
    contractsUpdated: 0,
    contractsUnchanged: 0,
    warnings: [],
  }
}

function emptySummary(options: ImportFileOptions): ParseSummary {
  return {
    fileName: options.fileName,
    format: options.format === 'auto' ? 'generic' : options.format,
    kind: options.kind,
    encoding: '',
    delimiter: null,
    headers: [],
    rowsTotal: 0,
    rowsValid: 0,
    issues: [],
    rejectedCount: 0,
    notes: [],
    noteTexts: [],
  }
}

function runFieldsOf(summary: ParseSummary, options: ImportFileOptions) {
  return {
    format: summary.format,
    kind: summary.kind,
    source: options.source ?? summary.format,
    encoding: summary.encoding,
    delimiter: summary.delimiter,
    rows_total: summary.rowsTotal,
    rows_valid: summary.rowsValid,
    rows_rejected: summary.rejectedCount,
  }
}

function outcomeBase(runId: number, summary: ParseSummary, result: WriteResult) {
  return {
    runId,
    format: summary.format,
    kind: summary.kind,
    encoding: summary.encoding,
    delimiter: summary.delimiter,
    rowsTotal: summary.rowsTotal,
    rowsValid: summary.rowsValid,
    rowsRejected: summary.rejectedCount,
    customersCreated: result.customersCreated,
    customersUpdated: result.customersUpdated,
    documentsCreated: result.documentsCreated,
    documentsUpdated: result.documentsUpdated,
    documentsUnchanged: result.documentsUnchanged,
    contractsCreated: result.contractsCreated,
    contractsUpdated: result.contractsUpdated,
    contractsUnchanged: result.contractsUnchanged,
    notes: summary.notes,
    noteTexts: summary.noteTexts,
  }
}
