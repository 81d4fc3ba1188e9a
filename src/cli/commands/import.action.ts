import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { importFile } from '../../server/features/imports/import-file'
import { prepareParseWorker } from '../../server/features/imports/parse-worker-bundle'
import { readImportFile } from '../../server/features/imports/read-import-file'
import { type ImportKind, importFormats, importKinds } from '../../shared/imports'
import { type GlobalOptions, withContext } from '../context'
import { createProgress } from '../progress'

interface ImportOptions {
  format: string
  kind: string
  skipInvalid?: boolean
  source?: string
  encoding?: string
  json?: boolean
  progress: boolean
}

function printSummary(outcome: Awaited<ReturnType<typeof importFile>>, rejectedFile: string | null): void {
  const out = process.stdout
  out.write(
    `${outcome.status.toUpperCase()}: ${outcome.format}, ${outcome.encoding}, ${outcome.rowsTotal} rows\n`,
  )
  if (outcome.message) out.write(`${outcome.message}\n`)
  if (outcome.status === 'succeeded') {
    out.write(
      `customers: ${outcome.customersCreated} created, ${outcome.customersUpdated} updated\n` +
        (outcome.kind === 'contracts'
          ? `contracts: ${outcome.contractsCreated} created, ${outcome.contractsUpdated} updated, ${outcome.contractsUnchanged} unchanged\n`
          : `documents: ${outcome.documentsCreated} created, ${outcome.documentsUpdated} updated, ${outcome.documentsUnchanged} unchanged\n`),
    )
  }
  for (const note of outcome.notes) out.write(`note: ${note}\n`)
  const shown = outcome.issues.slice(0, 50)
  for (const i of shown) {
    const where = i.line > 0 ? `${i.file}:${i.line}` : i.file
    out.write(
      `${i.severity}: ${where}${i.column ? ` [${i.column}]` : ''}${i.value !== null ? ` "${i.value}"` : ''}: ${i.reason}\n`,
    )
  }
  if (outcome.issues.length > shown.length) out.write(`… and ${outcome.issues.length - shown.length} more\n`)
  if (rejectedFile) out.write(`rejected rows written to ${rejectedFile}\n`)
}

export const runImport = async (file: string, options: ImportOptions, command: Command) => {
  if (!['auto', ...importFormats].includes(options.format))
    throw new Error(`Unknown format ${options.format}`)
  if (!(importKinds as readonly string[]).includes(options.kind))
    throw new Error(`Unknown kind ${options.kind}`)
  // the parse worker is bundled while the file is read
  const prepared = prepareParseWorker()
  const bytes = await readImportFile(file)
  await prepared
  const progress = createProgress(options.progress)
  const outcome = await withContext(command.optsWithGlobals<GlobalOptions>(), (ctx) =>
    importFile({
      db: ctx.db,
      fileName: path.basename(file),
      bytes,
      format: options.format as 'auto',
      kind: options.kind as ImportKind,
      encoding: options.encoding as 'auto',
      source: options.source,
      skipInvalid: options.skipInvalid === true,
      userId: null,
      asOf: ctx.today,
      onProgress: (p) =>
        progress.update(p.phase, p.phase === 'reading' ? 0 : p.done, p.phase === 'reading' ? 1 : p.total),
    }),
  )
  progress.stop()
  let rejectedFile: string | null = null
  if (outcome.rejectedCsv) {
    rejectedFile = `${file}.rejected.csv`
    fs.writeFileSync(rejectedFile, outcome.rejectedCsv)
  }
  if (options.json) {
    const { rejectedCsv, ...rest } = outcome
    process.stdout.write(`${JSON.stringify({ ...rest, rejectedFile }, null, 2)}\n`)
  } else {
    printSummary(outcome, rejectedFile)
  }
  if (outcome.status !== 'succeeded') process.exitCode = 1
}
