import type { Config } from '../config'
import type { Db } from '../db/database'
import type { SessionStore, SessionUser } from '../features/users/session.service'
import type { JobQueue } from '../jobs/job-queue'
import type { Logger } from '../logger'

/** What every route can reach: built once in main.ts (or a test) and handed to createApp. */
export interface AppDeps {
  db: Db
  config: Config
  logger: Logger
  clock: () => Date
  sessions: SessionStore
  /** the durable queue: imports, classification, scoring, sending run there */
  jobs: JobQueue
  /** a second connection for GET requests (SQLite), so reading never waits for a long write */
  readDb?: Db
  /** brings classification and scores up to date in the background (after a settings change) */
  refreshDerived?: () => void
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    /** the writing connection, also for a GET that records something (the day's picks) */
    writeDb: Db
    user: SessionUser
  }
}
