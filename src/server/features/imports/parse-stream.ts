import { Worker } from 'node:worker_threads'
import { isOnDisk, sizeOf } from '../../lib/file-bytes'
import {
  type ParsedChunk,
  type ParseImportOptions,
  type ParseSummary,
  parseImportChunked,
} from './parse-import'
import type { ParseWorkerInput } from './parse-worker'
import {
  bundledParseWorker,
  parseWorkerOptions,
  prepareParseWorker,
  takePreparedParseWorker,
} from './parse-worker-bundle'

/** Files smaller than this are read on the main thread: starting a worker costs more than it saves. */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024

type WorkerMessage =
  | { type: 'chunk'; chunk: ParsedChunk }
  | { type: 'done'; summary: ParseSummary }
  | { type: 'error'; message: string }

/** A file being read: its chunks are handed out with `consume`. */
export interface StreamedParse {
  /**
   * Hands each chunk to `onChunk`, one after the other in file order, never two at a time, and
   * resolves with the summary once the last one is handled.
   */
  consume(onChunk: (chunk: ParsedChunk) => Promise<void>): Promise<ParseSummary>
  /** Stops reading (when the import ends before consuming, or fails). */
  cancel(): void
  /**
   * where the file is read: on this thread, or in a worker started ahead (from the bundle), started
   * now from the bundle, or started now from TypeScript
   */
  readonly reader: 'this thread' | 'prepared worker' | 'bundled worker' | 'typescript worker'
}

/**
 * Starts reading a file. Large files are read in a worker thread, which starts at once: chunks read
 * before `consume` is called wait for it, and reading the next chunk overlaps with writing the last.
 */
export function startParse(options: ParseImportOptions): StreamedParse {
  if (sizeOf(options.bytes) < WORKER_THRESHOLD_BYTES) {
    return {
      async consume(onChunk) {
        const chunks: ParsedChunk[] = []
        const summary = parseImportChunked(options, (chunk) => chunks.push(chunk))
        for (const chunk of chunks) await onChunk(chunk)
        return summary
      },
      cancel() {},
      reader: 'this thread',
    }
  }
  const { fileName, bytes, format, kind, encoding, mapping, source, vatPercent, defaultCurrency } = options
  // a file on disk is read there block by block; bytes in memory are shared (copied once): cloning
  // a file of many megabytes into the worker would cost longer
  const shared = isOnDisk(bytes) ? bytes : copyToShared(bytes)
  const written = new Int32Array(new SharedArrayBuffer(4))
  const workerData: ParseWorkerInput = {
    written,
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
  const { worker, reader } = startWorker(workerData)
  const early: (WorkerMessage | { type: 'failed'; error: unknown })[] = []
  let deliver = (message: (typeof early)[number]) => void early.push(message)
  // a worker that ends without saying it is done (cancelled, or killed) ends the reading
  let done = false
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'done') done = true
    deliver(message)
  })
  worker.on('error', (error) => deliver({ type: 'failed', error }))
  worker.on('exit', () => {
    if (!done)
      deliver({ type: 'failed', error: new Error('The file reader stopped before the end of the file') })
  })
  return {
    consume(onChunk) {
      return new Promise<ParseSummary>((resolve, reject) => {
        let queue = Promise.resolve()
        let failed = false
        const fail = (error: unknown) => {
          if (failed) return
          failed = true
          void worker.terminate()
          deliver = ignore
          reject(error)
        }
        deliver = (message) => {
          if (message.type === 'chunk')
            queue = queue
              .then(async () => {
                if (failed) return
                await onChunk(message.chunk)
                // the worker reads on once the chunks ahead of the writer are fewer than CHUNKS_AHEAD
                Atomics.add(written, 0, 1)
                Atomics.notify(written, 0)
              })
              .catch(fail)
          else if (message.type === 'done') {
            queue.then(() => {
              void worker.terminate()
              // the writer (onChunk's closure) is let go: the import's derivation runs on after this
              deliver = ignore
              if (!failed) resolve(message.summary)
            }, fail)
          } else if (message.type === 'error') fail(new Error(message.message))
          else fail(message.error)
        }
        for (const message of early.splice(0)) deliver(message)
      })
    },
    cancel() {
      void worker.terminate()
    },
    reader,
  }
}

const ignore = (): undefined => undefined

/** A worker started ahead if there is one, else a new one from the bundle or from TypeScript. */
function startWorker(options: ParseWorkerInput): { worker: Worker; reader: StreamedParse['reader'] } {
  const prepared = takePreparedParseWorker()
  if (prepared) {
    prepared.postMessage(options)
    return { worker: prepared, reader: 'prepared worker' }
  }
  const bundle = bundledParseWorker()
  // the next import gets the bundle if this one cannot have it yet
  if (bundle === null) void prepareParseWorker()
  const worker = new Worker(bundle ?? new URL('./parse-worker-entry.mjs', import.meta.url), {
    ...parseWorkerOptions,
    eval: typeof bundle === 'string',
    workerData: options,
  })
  return { worker, reader: bundle === null ? 'typescript worker' : 'bundled worker' }
}

function copyToShared(bytes: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength))
  shared.set(bytes)
  return shared
}
