import { parentPort, workerData } from 'node:worker_threads'
import type { DatabaseConfig } from '../../config'
import { openDatabase } from '../../db/database'
import { type ImportFileOptions, importFile } from './import-file'

/** What the server hands the worker: the import's options without the database and clock. */
export type WorkerImportOptions = Omit<ImportFileOptions, 'db' | 'clock' | 'onProgress'> & {
  database: DatabaseConfig
}

export type ImportWorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; outcome: Awaited<ReturnType<typeof importFile>> }
  | { type: 'error'; message: string }

const { database, ...options } = workerData as WorkerImportOptions
const post = (message: ImportWorkerMessage) => parentPort!.postMessage(message)
// its own connection: the server's keeps answering requests while this one writes
const db = openDatabase(database)
try {
  const outcome = await importFile({
    ...options,
    db,
    onProgress: (p) => post({ type: 'progress', ...p }),
  })
  post({ type: 'done', outcome })
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
} finally {
  await db.close()
}
