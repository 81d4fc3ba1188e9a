import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../src/server/db/database'
import { migrateToLatest } from '../src/server/db/migrate'
import { importFile } from '../src/server/features/imports/import-file'
import { prepareParseWorker } from '../src/server/features/imports/parse-worker-bundle'
import { fileOnDisk } from '../src/server/lib/file-bytes'
import { boundHeapGrowth } from '../src/server/lib/heap-growth'

/**
 * One import benchmark in a fresh process (clean heap, as the CLI runs it): a file written by
 * make-orders-file.ts is imported into a new SQLite database, then imported again.
 * Usage: import.bench.ts FILE ROWS — prints JSON timings.
 */
const [file, rowsText] = process.argv.slice(2)
const rows = Number(rowsText)
// as the CLI does: heaps bounded, the parse worker bundled while the file is read
boundHeapGrowth()
const prepared = prepareParseWorker()
const bytes = await fileOnDisk(file!)
await prepared
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-bench-'))
const db = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'bench.sqlite') })
await migrateToLatest(db.kysely)
let committedAt = 0
const run = () =>
  importFile({
    db,
    fileName: path.basename(file!),
    bytes,
    format: 'auto',
    kind: 'orders',
    skipInvalid: false,
    userId: null,
    asOf: '2025-01-31',
    onProgress: (p) => {
      if (p.phase === 'classifying' && p.done === 0) committedAt = performance.now()
    },
  })
try {
  const started = performance.now()
  const first = await run()
  const classifiedAt = performance.now()
  const imported = committedAt
  if (first.status !== 'succeeded') throw new Error(`bench import ${first.status}: ${first.message}`)
  const again = await run()
  const againAt = performance.now()
  if (again.documentsUnchanged !== first.documentsCreated) throw new Error('re-import changed documents')
  console.log(
    JSON.stringify({
      rows,
      bytes: bytes.size,
      documents: first.documentsCreated,
      customers: first.customersCreated,
      importSeconds: (imported - started) / 1000,
      withClassificationSeconds: (classifiedAt - started) / 1000,
      reimportSeconds: (againAt - classifiedAt) / 1000,
    }),
  )
} finally {
  await db.close()
  fs.rmSync(dir, { recursive: true, force: true })
}
