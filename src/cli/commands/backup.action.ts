import type { Command } from 'commander'
import { databaseConfigFrom, loadConfig } from '../../server/config'
import { backupDatabase, restoreDatabase } from '../../server/db/backup'
import type { GlobalOptions } from '../context'

function databaseOf(options: GlobalOptions) {
  const base = loadConfig()
  return options.db ? databaseConfigFrom(options.db, base.dataDir) : base.database
}

export const backup = async (file: string, _options: unknown, command: Command) => {
  const { bytes } = await backupDatabase(databaseOf(command.optsWithGlobals<GlobalOptions>()), file)
  process.stdout.write(`backup written: ${file} (${bytes} bytes)\n`)
}

export const restore = async (file: string, options: { yes?: boolean }, command: Command) => {
  if (!options.yes) throw new Error('restore replaces the whole database: confirm with --yes')
  await restoreDatabase(databaseOf(command.optsWithGlobals<GlobalOptions>()), file)
  process.stdout.write(`database restored from ${file}\n`)
}
