import { parentPort, workerData } from 'node:worker_threads'
import { type ParseImportOptions, parseImportChunked } from './parse-import'
import { transferablesOf } from './records'

/** What a parse worker is given: the file, and the count of chunks the main thread has written. */
export interface ParseWorkerInput extends ParseImportOptions {
  /** one Int32 on shared memory: the main thread adds one after writing each chunk */
  written: Int32Array
}

/**
 * Chunks read ahead of the writer at most. Reading is faster than writing: without a bound the
 * whole file's records waited in memory (a 2,000,000-row file peaked at 1.2 GiB, ten million rows
 * ran out of memory); with it, reading the next chunks still overlaps with writing the last.
 */
export const CHUNKS_AHEAD = 2

/**
 * Runs in a worker thread: reads the file and posts the records of each chunk as soon as they are
 * read, so the main thread can write them while the next chunk is being read, and waits while the
 * main thread has CHUNKS_AHEAD chunks still to write. A worker started ahead (without
 * `workerData`) waits for its options as its first message.
 */
function run({ written, ...options }: ParseWorkerInput): void {
  let posted = 0
  try {
    const summary = parseImportChunked(options, (chunk) => {
      // the number columns move to the main thread without being copied
      parentPort!.postMessage({ type: 'chunk', chunk }, transferablesOf(chunk.documents))
      posted++
      for (;;) {
        const seen = Atomics.load(written, 0)
        if (posted - seen <= CHUNKS_AHEAD) break
        // woken by the main thread's notify; the timeout only re-checks
        Atomics.wait(written, 0, seen, 1000)
      }
    })
    parentPort!.postMessage({ type: 'done', summary })
  } catch (error) {
    parentPort!.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    })
  }
}

if (workerData) run(workerData as ParseWorkerInput)
else parentPort!.once('message', (input: ParseWorkerInput) => run(input))
