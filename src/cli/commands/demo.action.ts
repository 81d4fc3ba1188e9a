import type { Command } from 'commander'
import { loadDemoCompany } from '../../server/features/demo/load-demo-company'
import { countUsers } from '../../server/features/users/user.repository'
import { isIsoDate } from '../../server/lib/dates'
import { cliTranslator } from '../cli-text'
import { type GlobalOptions, withContext } from '../context'
import { createProgress } from '../progress'

export const runDemo = async (options: { asOf?: string; progress: boolean }, command: Command) => {
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) throw new Error(`--as-of must be YYYY-MM-DD`)
  await withContext(command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
    if ((await countUsers(ctx.db.kysely)) > 0)
      throw new Error('The database is not empty; the demo company goes into an empty one only')
    const progress = createProgress(options.progress, ctx.locale)
    const result = await loadDemoCompany({
      db: ctx.db,
      today: options.asOf ?? ctx.today,
      now: new Date().toISOString(),
      onProgress: progress.update,
    })
    progress.stop()
    process.stdout.write(
      `${cliTranslator(ctx.locale)('cli.demo.loaded', {
        customers: result.customers,
        documents: result.documents,
        users: result.users.join(', '),
      })}\n`,
    )
  })
}
