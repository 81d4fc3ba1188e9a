import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { importFile } from '../../server/features/imports/import-file'
import { prepareParseWorker } from '../../server/features/imports/parse-worker-bundle'
import { fileOnDisk } from '../../server/lib/file-bytes'
import type { Locale } from '../../shared/i18n/format'
import { sayServerText } from '../../shared/i18n/server-text'
import { type ImportKind, importFormats, importKinds } from '../../shared/imports'
import { cliTranslator } from '../cli-text'
import { type GlobalOptions, withContext } from '../context'
import { issueReason } from '../describe-error'
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

function printSummary(
  outcome: Awaited<ReturnType<typeof importFile>>,
  rejectedFile: string | null,
  locale: Locale,
): void {
  const out = process.stdout
  const say = cliTranslator(locale)
  out.write(
    `${say('cli.import.head', {
      status: say(`cli.import.status.${outcome.status}`),
      format: outcome.format,
      encoding: outcome.encoding,
      rows: outcome.rowsTotal,
    })}\n`,
  )
  if (outcome.messageText) out.write(`${sayServerText(say, outcome.messageText)}\n`)
  if (outcome.status === 'succeeded') {
    out.write(
      `${say('cli.import.customers', { created: outcome.customersCreated, updated: outcome.customersUpdated })}\n`,
    )
    out.write(
      `${
        outcome.kind === 'contracts'
          ? say('cli.import.contracts', {
              created: outcome.contractsCreated,
              updated: outcome.contractsUpdated,
              unchanged: outcome.contractsUnchanged,
            })
          : say('cli.import.documents', {
              created: outcome.documentsCreated,
              updated: outcome.documentsUpdated,
              unchanged: outcome.documentsUnchanged,
            })
      }\n`,
    )
  }
  for (const text of outcome.noteTexts)
    out.write(`${say('cli.import.note', { note: sayServerText(say, text) })}\n`)
  const shown = outcome.issues.slice(0, 50)
  for (const i of shown) {
    const where = i.line > 0 ? `${i.file}:${i.line}` : i.file
    out.write(
      `${say(`cli.import.${i.severity}`)}: ${where}${i.column ? ` [${i.column}]` : ''}${i.value !== null ? ` "${i.value}"` : ''}: ${issueReason(i, locale)}\n`,
    )
  }
  if (outcome.issues.length > shown.length)
    out.write(`${say('cli.import.more', { count: outcome.issues.length - shown.length })}\n`)
  if (rejectedFile) out.write(`${say('cli.import.rejectedFile', { file: rejectedFile })}\n`)
}

export const runImport = async (file: string, options: ImportOptions, command: Command) => {
  if (!['auto', ...importFormats].includes(options.format))
    throw new Error(`Unknown format ${options.format}`)
  if (!(importKinds as readonly string[]).includes(options.kind))
    throw new Error(`Unknown kind ${options.kind}`)
  // the parse worker is bundled while the file is read
  const prepared = prepareParseWorker()
  const bytes = await fileOnDisk(file)
  await prepared
  const locale: Locale = command.optsWithGlobals<GlobalOptions>().lang === 'en' ? 'en' : 'de'
  const progress = createProgress(options.progress, locale)
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
      locale,
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
    printSummary(outcome, rejectedFile, locale)
  }
  if (outcome.status !== 'succeeded') process.exitCode = 1
}
