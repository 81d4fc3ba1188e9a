import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/**
 * The parse worker as one script. Started from its TypeScript modules, a worker first loads them
 * through tsx (a third of a second before the first row is read, at every import); bundled once per
 * process with esbuild (in the background, about 50 ms) it starts in milliseconds. The bundle is
 * kept in memory and run with `eval`: nothing is written to disk. Until it is ready, or if it cannot
 * be built, workers load the TypeScript modules themselves.
 */
let building: Promise<string | null> | null = null
let ready: string | null = null

/** Starts bundling the worker (once per process); resolves when done. */
export function prepareParseWorker(): Promise<string | null> {
  building ??= bundleWorker().then(
    (code) => {
      ready = code
      return code
    },
    () => null,
  )
  return building
}

/** The bundled worker's code when it is ready; never waits. */
export function bundledParseWorker(): string | null {
  return ready
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
