import type { Locale } from '../../../shared/i18n/format'
import type { ColumnMapping } from '../../../shared/imports'
import type { Config } from '../../config'
import type { Db } from '../../db/database'
import { PermanentJobError } from '../../jobs/job-errors'
import { companyToday } from '../../lib/clock'
import { say, storedText, textOfError } from '../../lib/errors'
import { forgetCachedReads } from '../../lib/read-cache'
import type { Logger } from '../../logger'
import { findUserById } from '../users/user.repository'
import { deriveQueued } from './derived-data'
import { type ImportProgress, importFile } from './import-file'
import { importInWorker } from './import-in-worker'
import { findImportRun, updateImportRun } from './import-run.repository'
import { readUpload, removeUpload } from './upload-store'

export interface ImportJobContext {
  db: Db
  config: Pick<Config, 'database' | 'dataDir' | 'timeZone'>
  clock: () => Date
  logger: Logger
  /** the server writes in a worker thread with a connection of its own; tests and the CLI in-process */
  importInWorker?: boolean
}

/**
 * The queued import of an uploaded file (the import_file job). Safe to run again after a crash: an
 * import is one transaction, so a run that was cut off wrote nothing and is simply imported again,
 * and a run that committed only has its classification finished. An error the import itself
 * reports (a rejected or unreadable file) ends the job; only an unexpected one (the worker thread
 * died, the database went away) is thrown to be retried.
 */
export async function runImportJob(
  ctx: ImportJobContext,
  runId: number,
  onProgress: (phase: string, done: number, total: number) => void,
): Promise<void> {
  const run = await findImportRun(ctx.db.kysely, runId)
  if (!run) throw new PermanentJobError(`import run ${runId} does not exist`)
  if (run.status === 'succeeded' || run.status === 'rejected') {
    // committed before the process stopped: what follows from it is finished
    await deriveQueued({ db: ctx.db, onProgress: (done, total) => onProgress('classifying', done, total) })
    forgetCachedReads()
    await removeUpload(ctx.config.dataDir, runId)
    return
  }
  const bytes = await readUpload(ctx.config.dataDir, runId)
  if (!bytes) {
    const gone = storedText(say('uploadGone'))
    await updateImportRun(ctx.db.kysely, runId, {
      status: 'failed',
      message: gone.english,
      message_text: gone.json,
      finished_at: ctx.clock().toISOString(),
    })
    return
  }
  const started = JSON.parse(run.options) as { mapping?: ColumnMapping | null; skipInvalid?: boolean }
  const options = {
    runId,
    fileName: run.file_name,
    bytes,
    format: run.format,
    kind: run.kind,
    mapping: started.mapping ?? undefined,
    skipInvalid: started.skipInvalid ?? false,
    userId: run.user_id,
    // the reasons in the file of rejected rows in the language of the person who imported it
    locale: await localeOf(ctx.db, run.user_id),
    asOf: companyToday(ctx.clock, ctx.config.timeZone),
  }
  const progress = (p: ImportProgress) => onProgress(p.phase, p.done, p.total)
  try {
    const outcome = ctx.importInWorker
      ? await importInWorker({ ...options, database: ctx.config.database }, progress)
      : await importFile({ ...options, db: ctx.db, clock: ctx.clock, onProgress: progress })
    if (outcome.status !== 'failed') await removeUpload(ctx.config.dataDir, runId)
    forgetCachedReads()
    ctx.logger.info({ runId, status: outcome.status, rows: outcome.rowsTotal }, 'import finished')
  } catch (error) {
    // shown on the import page while the queue tries again
    const failed = storedText(say('importFailed', { reason: textOfError(error) }))
    await updateImportRun(ctx.db.kysely, runId, {
      status: 'failed',
      message: failed.english,
      message_text: failed.json,
      finished_at: ctx.clock().toISOString(),
    })
    throw error
  }
}

async function localeOf(db: Db, userId: number | null): Promise<Locale> {
  const user = userId === null ? undefined : await findUserById(db.kysely, userId)
  return user?.locale === 'en' ? 'en' : 'de'
}
