import { Worker } from 'node:worker_threads'
import {
  type ParsedChunk,
  type ParseImportOptions,
  type ParseSummary,
  parseImportChunked,
} from './parse-import'

/** Files smaller than this are read on the main thread: starting a worker costs more than it saves. */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024

/**
 * Reads a file chunk by chunk and hands each chunk to `onChunk`, one after the other, never two at a
 * time. Large files are read in a worker thread, so reading the next chunk overlaps with writing the
 * last one; the chunks arrive in file order either way.
 */
export async function streamParse(
  options: ParseImportOptions,
  onChunk: (chunk: ParsedChunk) => Promise<void>,
): Promise<ParseSummary> {
  if (options.bytes.byteLength < WORKER_THRESHOLD_BYTES) {
    const chunks: ParsedChunk[] = []
    const summary = parseImportChunked(options, (chunk) => chunks.push(chunk))
    for (const chunk of chunks) await onChunk(chunk)
    return summary
  }
  const { fileName, bytes, format, kind, encoding, mapping, source, vatPercent, defaultCurrency } = options
  // shared memory (readImportFile reads a file into it; other bytes are copied once): cloning a
  // file of many megabytes into the worker would cost longer
  const shared = bytes.buffer instanceof SharedArrayBuffer ? bytes : copyToShared(bytes)
  const workerData: ParseImportOptions = {
    fileName,
    bytes: shared,
    format,
    kind,
    encoding,
    mapping,
    source,
    vatPercent,
    defaultCurrency,
  }
  // a larger young generation: parsing makes many short-lived strings
  const worker = new Worker(new URL('./parse-worker-entry.mjs', import.meta.url), {
    workerData,
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
    // not the main thread's options: the entry loads TypeScript itself
    execArgv: [],
  })
  return new Promise<ParseSummary>((resolve, reject) => {
    let queue = Promise.resolve()
    let failed = false
    const fail = (error: unknown) => {
      if (failed) return
      failed = true
      void worker.terminate()
      reject(error)
    }
    worker.on(
      'message',
      (
        message:
          | { type: 'chunk'; chunk: ParsedChunk }
          | { type: 'done'; summary: ParseSummary }
          | { type: 'error'; message: string },
      ) => {
        if (message.type === 'chunk')
          queue = queue.then(() => (failed ? undefined : onChunk(message.chunk))).catch(fail)
        else if (message.type === 'done') {
          queue.then(() => {
            void worker.terminate()
            if (!failed) resolve(message.summary)
          }, fail)
        } else fail(new Error(message.message))
      },
    )
    worker.on('error', fail)
  })
}

function copyToShared(bytes: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength))
  shared.set(bytes)
  return shared
}
