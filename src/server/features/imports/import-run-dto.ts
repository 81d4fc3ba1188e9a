import type { ImportRunDto } from '../../../shared/api/imports'
import type { JobDto } from '../../../shared/api/jobs'
import { parseServerText } from '../../../shared/i18n/server-text'
import type { ImportRunRow } from './import-run.table'

export function toImportRunDto(run: ImportRunRow, job: JobDto | undefined): ImportRunDto {
  return {
    id: run.id,
    fileName: run.file_name,
    format: run.format,
    kind: run.kind,
    status: run.status,
    encoding: run.encoding,
    rowsTotal: run.rows_total,
    rowsValid: run.rows_valid,
    rowsRejected: run.rows_rejected,
    customersCreated: run.customers_created,
    customersUpdated: run.customers_updated,
    documentsCreated: run.documents_created,
    documentsUpdated: run.documents_updated,
    documentsUnchanged: run.documents_unchanged,
    contractsCreated: run.contracts_created,
    contractsUpdated: run.contracts_updated,
    contractsUnchanged: run.contracts_unchanged,
    message: run.message,
    messageText: parseServerText(run.message_text),
    createdAt: run.created_at,
    finishedAt: run.finished_at,
    hasRejectedCsv: run.rejected_csv !== null,
    issues: JSON.parse(run.issues).slice(0, 200),
    progress:
      job && (job.status === 'running' || job.status === 'queued')
        ? { phase: job.phase, done: job.done, total: job.total }
        : null,
  }
}
