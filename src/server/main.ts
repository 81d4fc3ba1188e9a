import { serve } from '@hono/node-server'
import { bootstrap } from './bootstrap'
import type { Config } from './config'
import { openDatabase, openReadConnection } from './db/database'
import { migrateToLatest } from './db/migrate'
import { failInterruptedRuns } from './features/imports/import-run.repository'
import { prepareParseWorker } from './features/imports/parse-worker-bundle'
import { createSessionStore } from './features/users/session.service'
import { createApp } from './http/app'
import { scheduleBounceChecks } from './jobs/bounce-schedule'
import { createJobQueue } from './jobs/job-queue'
import { keepWinbackListWarm } from './jobs/list-warmer'
import { scheduleNightlyClassification } from './jobs/nightly'
import { companyToday } from './lib/clock'
import { boundHeapGrowth } from './lib/heap-growth'
import { createLogger } from './logger'

export interface RunningServer {
  url: string
  close(): Promise<void>
}

/** Composition root: config → database → migrations → first-start data → HTTP server, nightly job, job queue. */
export async function startServer(config: Config): Promise<RunningServer> {
  boundHeapGrowth()
  const logger = createLogger(config.logLevel)
  // in the background: large imports then start their reader at once
  void prepareParseWorker()
  const clock = () => new Date()
  const db = openDatabase(config.database)
  await migrateToLatest(db.kysely)
  const now = clock().toISOString()
  const interrupted = await failInterruptedRuns(db.kysely, now)
  if (interrupted > 0)
    logger.warn(
      { interrupted },
      'imports left running without a queued job were marked failed; they can be started again',
    )
  const today = () => companyToday(clock, config.timeZone)
  const hint = await bootstrap({ db, config, logger, today: today(), now })
  // the durable queue: imports, nightly work, scoring, e-mails; survives restarts
  const readDb = openReadConnection(config.database)
  const jobs = createJobQueue(
    { db, config, clock, logger, importInWorker: true, listsReadFrom: (readDb ?? db).kysely },
    { background: true },
  )
  const nightly = scheduleNightlyClassification({ db, jobs, logger, today })
  const bounceChecks = scheduleBounceChecks({ db, jobs, logger, clock })
  const warmList = keepWinbackListWarm({ db: (readDb ?? db).kysely, today, logger })
  const app = createApp({
    db,
    readDb,
    config,
    logger,
    clock,
    sessions: createSessionStore(db, clock),
    jobs,
    refreshDerived: nightly.checkNow,
  })

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
  })
  // a client that sends its headers or body too slowly (or promises more than it sends) is cut off
  // instead of holding a connection and its buffers open
  const http = server as unknown as { headersTimeout: number; requestTimeout: number }
  http.headersTimeout = 30_000
  http.requestTimeout = 5 * 60_000
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  printWelcome(url, config, hint)
  return {
    url,
    async close() {
      nightly.stop()
      bounceChecks.stop()
      await warmList.stop()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await jobs.stop()
      await readDb?.close()
      await db.close()
    },
  }
}

function printWelcome(url: string, config: Config, hint: Awaited<ReturnType<typeof bootstrap>>): void {
  const lines = [
    ``,
    `  winback läuft / is running:  ${url}`,
    `  Datenbank / database:        ${config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL'}`,
  ]
  if (hint.demo) {
    lines.push(`  Demo-Firma geladen / demo company loaded. Anmelden / sign in:`)
    for (const u of hint.demo) lines.push(`    ${u.email.padEnd(28)} Passwort: ${u.password}`)
  }
  if (hint.firstAdmin) {
    lines.push(`  Erster Administrator / first admin (Passwort wird nur jetzt angezeigt / shown only now):`)
    lines.push(`    ${hint.firstAdmin.email}   Passwort: ${hint.firstAdmin.password}`)
  }
  lines.push('')
  process.stdout.write(`${lines.join('\n')}\n`)
}
