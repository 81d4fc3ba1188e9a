import { Command } from 'commander'
import { boundHeapGrowth } from '../server/lib/heap-growth'
import { registerBackup } from './commands/backup'
import { registerClassify } from './commands/classify'
import { registerConsents } from './commands/consents'
import { registerCustomers } from './commands/customers'
import { registerDemo } from './commands/demo'
import { registerImport } from './commands/import'
import { registerLetters } from './commands/letters'
import { registerReport } from './commands/report'
import { registerScore } from './commands/score'
import { registerSend } from './commands/send'
import { registerServe } from './commands/serve'
import { registerUsers } from './commands/users'
import { registerWorklist } from './commands/worklist'

/** The `winback` command: the same services as the web app, for scripts and large files. */
export function buildProgram(): Command {
  const program = new Command()
    .name('winback')
    .description('winback: find, explain and win back lost customers')
    .option(
      '--db <url>',
      'database: postgres://… or a SQLite file (default: DATABASE_URL, else ./data/winback.sqlite)',
    )
    .option('--lang <lang>', 'de | en for texts and CSV', 'de')
    .showHelpAfterError()
  registerImport(program)
  registerConsents(program)
  registerClassify(program)
  registerCustomers(program)
  registerScore(program)
  registerServe(program)
  registerUsers(program)
  registerDemo(program)
  registerBackup(program)
  registerWorklist(program)
  registerReport(program)
  registerSend(program)
  registerLetters(program)
  return program
}

// `winback customers --csv | head` closes the pipe early: that is not an error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

boundHeapGrowth()
const program = buildProgram()
program.parseAsync(process.argv).catch(async (error: unknown) => {
  // the catalogues load only when there is something to say, not at every start
  const { describeError } = await import('./describe-error')
  process.stderr.write(`winback: ${describeError(error, program.opts().lang === 'en' ? 'en' : 'de')}\n`)
  process.exitCode = 2
})
