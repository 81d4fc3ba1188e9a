import type { Command } from 'commander'
import { databaseConfigFrom, loadConfig } from '../../server/config'
import { startServer } from '../../server/main'
import type { GlobalOptions } from '../context'

export const runServe = async (options: { port?: string; host?: string }, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>()
  const base = loadConfig()
  const config = loadConfig(process.env, {
    ...(globals.db && { database: databaseConfigFrom(globals.db, base.dataDir) }),
    ...(options.port && { port: Number(options.port) }),
    ...(options.host && { host: options.host }),
  })
  const server = await startServer(config)
  const stop = () => {
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
