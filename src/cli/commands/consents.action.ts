import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { importContactCsv } from '../../server/features/contact/import-contact-csv'
import { isAppError } from '../../server/lib/errors'
import type { ImportIssue } from '../../shared/imports'
import { cliTranslator } from '../cli-text'
import { type GlobalOptions, withContext } from '../context'
import { describeError, issueReason } from '../describe-error'

export const runConsents = async (file: string, options: { json?: boolean }, command: Command) => {
  const bytes = fs.readFileSync(file)
  await withContext(command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
    const actor = { userId: null, now: new Date().toISOString(), today: ctx.today }
    try {
      const result = await importContactCsv(ctx.db.kysely, path.basename(file), bytes, actor)
      if (options.json)
        process.stdout.write(`${JSON.stringify({ status: 'succeeded', ...result }, null, 2)}\n`)
      else process.stdout.write(`${cliTranslator(ctx.locale)('cli.consents.succeeded', { ...result })}\n`)
    } catch (error) {
      if (!isAppError(error) || error.code !== 'import_rejected') throw error
      const issues = (error.details ?? []) as ImportIssue[]
      if (options.json) process.stdout.write(`${JSON.stringify({ status: 'rejected', issues }, null, 2)}\n`)
      else {
        process.stdout.write(
          `${cliTranslator(ctx.locale)('cli.consents.rejected', { message: describeError(error, ctx.locale) })}\n`,
        )
        for (const i of issues)
          process.stdout.write(
            `${i.file}:${i.line}${i.column ? ` ${i.column}` : ''}${i.value !== null ? ` "${i.value}"` : ''}: ${issueReason(i, ctx.locale)}\n`,
          )
      }
      process.exitCode = 1
    }
  })
}
