import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { runsFromBuild } from '../../lib/built'
import type { ImportOutcome, ImportProgress } from './import-file'
import type { ImportWorkerMessage, WorkerImportOptions } from './import-worker'

/**
 * Runs an import, with its classification afterwards, in a worker thread with its own database
 * connection: writing a large file is long synchronous work for SQLite's driver, and on the
 * server's own thread it would hold up every other request until the end. The worker loads the
 * TypeScript itself (a fraction of a second, small beside an import).
 */
export function importInWorker(
  options: WorkerImportOptions,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportOutcome> {
  return new Promise((resolve, reject) => {
    // from the build, the worker's own built file beside this one; else its TypeScript entry
    const entry = new URL(runsFromBuild ? './import-worker.js' : './import-worker-entry.mjs', import.meta.url)
    const worker = new Worker(fileURLToPath(entry), {
      workerData: options,
      // not the main thread's options: the entry registers TypeScript loading itself
      execArgv: [],
    })
    let settled = false
    worker.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message as ImportProgress)
      else if (message.type === 'done') {
        settled = true
        resolve(message.outcome)
      } else {
        settled = true
        reject(new Error(message.message))
      }
    })
    worker.on('error', (error) => {
      settled = true
      reject(error)
    })
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The import worker stopped (exit code ${code})`))
    })
  })
}
