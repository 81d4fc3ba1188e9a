import { parentPort, workerData } from 'node:worker_threads'
import { type ParseImportOptions, parseImportChunked } from './parse-import'
import { transferablesOf } from './records'

/**
 * Runs in a worker thread: reads the file and posts the records of each chunk as soon as they are
 * read, so the main thread can write them while the next chunk is being read. A worker started
 * ahead (without `workerData`) waits for its options as its first message.
 */
function run(options: ParseImportOptions): void {
  try {
    const summary = parseImportChunked(options, (chunk) =>
      // the number columns move to the main thread without being copied
      parentPort!.postMessage({ type: 'chunk', chunk }, transferablesOf(chunk.documents)),
    )
    parentPort!.postMessage({ type: 'done', summary })
  } catch (error) {
    parentPort!.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    })
  }
}

if (workerData) run(workerData as ParseImportOptions)
else parentPort!.once('message', (options: ParseImportOptions) => run(options))
