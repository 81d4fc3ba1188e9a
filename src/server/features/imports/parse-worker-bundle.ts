import { fileURLToPath } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'
import { build } from 'esbuild'
import { runsFromBuild } from '../../lib/built'

/**
 * The parse worker as one script. Started from its TypeScript modules, a worker first loads them
 * through tsx (a third of a second before the first row is read, at every import); bundled once per
 * process with esbuild (in the background, about 50 ms) it starts in milliseconds. The bundle is
 * kept in memory and run with `eval`: nothing is written to disk. Until it is ready, or if it cannot
 * be built, workers load the TypeScript modules themselves.
 *
 * A process that prepares the worker (the server at start, the CLI while it reads the file) also
 * keeps one worker started ahead, waiting for its file: a new thread takes a tenth of a second to
 * boot, which would otherwise come before the first row of every import.
 */
/** The worker's code to eval (bundled here from TypeScript), or its built file (dist/server) */
type WorkerSource = string | URL

let building: Promise<WorkerSource | null> | null = null
let ready: WorkerSource | null = null
let spare: Worker | null = null

/** How every parse worker runs. */
export const parseWorkerOptions = {
  // a young generation of 16 MB: with 96 MB a file limited by its reading was 5 % faster, but one
  // limited by its writing (10,000,000 rows) was not, and the 80 MB more counted at its peak
  // (1,151 against 1,057 MiB)
  resourceLimits: { maxYoungGenerationSizeMb: 16 },
  // not the main thread's options: the TypeScript entry loads TypeScript itself
  execArgv: [],
} satisfies WorkerOptions

/** Starts bundling the worker (once per process) and a worker ahead; resolves when bundled. */
export function prepareParseWorker(): Promise<WorkerSource | null> {
  building ??= (
    runsFromBuild ? Promise.resolve(new URL('./parse-worker.js', import.meta.url)) : bundleWorker()
  ).then(
    (code) => {
      ready = code
      return code
    },
    () => null,
  )
  return building.then((code) => {
    if (code !== null) startSpare(code)
    return code
  })
}

/** The bundled worker's code (or built file) when it is ready; never waits. */
export function bundledParseWorker(): WorkerSource | null {
  return ready
}

/** Whether a worker started ahead is waiting. */
export function hasPreparedParseWorker(): boolean {
  return spare !== null
}

/**
 * The worker started ahead, if there is one: it waits for its options as its first message.
 * Another is started ahead once this one has ended.
 */
export function takePreparedParseWorker(): Worker | null {
  const worker = spare
  if (worker === null) return null
  spare = null
  worker.removeAllListeners()
  worker.ref()
  worker.once('exit', () => {
    if (ready !== null) startSpare(ready)
  })
  return worker
}

function startSpare(source: WorkerSource): void {
  if (spare !== null) return
  const worker = new Worker(source, {
    ...parseWorkerOptions,
    eval: typeof source === 'string',
    workerData: null,
  })
  // waiting, it must not keep the process alive
  worker.unref()
  // a spare that fails is replaced by a worker started when needed
  worker.on('error', () => undefined)
  worker.once('exit', () => {
    if (spare === worker) spare = null
  })
  spare = worker
}

async function bundleWorker(): Promise<string> {
  const entry = fileURLToPath(new URL('./parse-worker.ts', import.meta.url))
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    // packages (iconv-lite, Papa Parse) are required from node_modules as usual, not copied in
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  })
  // an eval'd worker resolves require() from the working directory: resolve from here instead
  return `(function (require) {\n${result.outputFiles[0]!.text}\n})(require('node:module').createRequire(${JSON.stringify(entry)}))`
}
