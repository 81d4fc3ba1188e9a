// The server and CLI as JavaScript (dist/server/<fingerprint>/): esbuild bundles our TypeScript,
// packages stay in node_modules. Built when missing or older than the sources, by `npm test`, and by
// bin/winback.js at its first start after a change (about a second), so `npx winback …` and
// `npm start` work from a fresh clone and start without compiling TypeScript on every call.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const outRoot = path.join(root, 'dist/server')
const sources = ['src/server', 'src/cli', 'src/shared', 'package-lock.json', 'scripts/build-server.mjs']
/** Builds of other fingerprints kept beside the newest: a running server may still load from one. */
const KEEP = 3

function walk(entry, into) {
  const full = path.join(root, entry)
  let stat
  try {
    stat = fs.statSync(full)
  } catch {
    return
  }
  if (stat.isDirectory()) {
    for (const child of fs.readdirSync(full)) walk(path.join(entry, child), into)
  } else if (!/\.test\.ts$/.test(entry)) into.push(`${entry}:${stat.size}:${stat.mtimeMs}`)
}

/** Names the sources as they are now: a change of any file (its size or time) gives a new one. */
export function sourceFingerprint() {
  const files = []
  for (const entry of sources) walk(entry, files)
  return crypto.createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16)
}

/** The built CLI's entry for the sources as they are, built first if needed. */
export async function ensureServerBuild({ quiet = false } = {}) {
  const fingerprint = sourceFingerprint()
  const dir = path.join(outRoot, fingerprint)
  if (!fs.existsSync(path.join(dir, 'cli.js'))) {
    if (!quiet) process.stderr.write('winback: building the server and CLI …\n')
    const tmp = `${dir}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`
    const { build } = await import('esbuild')
    await build({
      absWorkingDir: root,
      entryPoints: {
        cli: 'src/cli/main.ts',
        'import-worker': 'src/server/features/imports/import-worker.ts',
        'parse-worker': 'src/server/features/imports/parse-worker.ts',
        'classify-worker': 'src/server/features/lifecycle/classify-worker.ts',
      },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      define: { __WINBACK_BUILT__: 'true' },
      logLevel: 'warning',
    })
    // whole or not at all: another process building the same sources at once keeps its own
    try {
      fs.renameSync(tmp, dir)
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true })
    }
    pruneOldBuilds(fingerprint)
  }
  return path.join(dir, 'cli.js')
}

function pruneOldBuilds(current) {
  const builds = fs
    .readdirSync(outRoot)
    .filter((name) => name !== current && /^[0-9a-f]{16}$/.test(name))
    .map((name) => ({ name, at: fs.statSync(path.join(outRoot, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at)
  for (const old of builds.slice(KEEP - 1))
    fs.rmSync(path.join(outRoot, old.name), { recursive: true, force: true })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const entry = await ensureServerBuild({ quiet: true })
  console.log(`built ${path.relative(root, entry)}`)
}
