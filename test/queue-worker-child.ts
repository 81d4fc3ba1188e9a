// A queue worker in a process of its own, for the test that kills it mid-batch (kill -9).
// Arguments: the database config as JSON, the data folder.
import { loadConfig } from '../src/server/config'
import { openDatabase } from '../src/server/db/database'
import { startQueueWorker } from '../src/server/jobs/queue-worker'
import { createLogger } from '../src/server/logger'

const [databaseJson, dataDir] = process.argv.slice(2)
const config = loadConfig({ WINBACK_DATA_DIR: dataDir, WINBACK_LOG_LEVEL: 'silent' })
const db = openDatabase(JSON.parse(databaseJson!))
const worker = startQueueWorker({
  db,
  config,
  clock: () => new Date(),
  logger: createLogger('silent'),
  // a job of a killed worker is taken again after a second and a half
  leaseMs: 1500,
  idleMs: 50,
})
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => db.close())
    .then(() => process.exit(0))
})
process.stdout.write('ready\n')
