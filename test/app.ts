import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Config, loadConfig } from '../src/server/config'
import type { Dialect } from '../src/server/db/database'
import { createUser } from '../src/server/features/users/create-user'
import { createSessionStore } from '../src/server/features/users/session.service'
import { createApp } from '../src/server/http/app'
import type { AppDeps } from '../src/server/http/app-env'
import { createJobQueue } from '../src/server/jobs/job-queue'
import { createLogger } from '../src/server/logger'
import { createTestDb, type TestDb } from './databases'

export const TEST_NOW = new Date('2026-06-30T10:00:00Z')
export const PASSWORD = 'correct horse battery'

export interface TestApp {
  app: ReturnType<typeof createApp>
  db: TestDb
  deps: AppDeps
  users: { admin: number; manager: number; rep1: number; rep2: number }
  /** signs in and returns the Cookie header value */
  login(email: string, password?: string): Promise<string>
  /** GET with the session cookie */
  get(cookie: string, path: string): Promise<Response>
  /** a JSON body sent with the session cookie (POST unless told) */
  send(cookie: string, path: string, body: unknown, method?: string): Promise<Response>
  destroy(): Promise<void>
}

/** The app in-process over a fresh database, with an admin, a manager and two reps. */
export async function createTestApp(
  dialect: Dialect,
  overrides: Partial<Config> = {},
  options: { sqliteFile?: string; writeWaitMs?: number } = {},
): Promise<TestApp> {
  const db = await createTestDb(dialect, options)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-test-'))
  const config = loadConfig(
    {
      WINBACK_DATA_DIR: dataDir,
      WINBACK_LOG_LEVEL: 'silent',
      WINBACK_WEB_DIR: path.join(dataDir, 'web'),
    },
    overrides,
  )
  const clock = () => TEST_NOW
  const logger = createLogger('silent')
  const deps: AppDeps = {
    db,
    config,
    logger,
    clock,
    sessions: createSessionStore(db, clock),
    // no background loops: a test runs the queued jobs with deps.jobs.idle()
    jobs: createJobQueue({ db, config, clock, logger }, { background: false }),
  }
  const now = TEST_NOW.toISOString()
  const make = (email: string, name: string, role: 'admin' | 'manager' | 'rep') =>
    createUser({ db, email, name, role, password: PASSWORD, now })
  const users = {
    admin: await make('admin@example.com', 'Ada Admin', 'admin'),
    manager: await make('manager@example.com', 'Max Manager', 'manager'),
    rep1: await make('rep1@example.com', 'Rita Rep', 'rep'),
    rep2: await make('rep2@example.com', 'Rolf Rep', 'rep'),
  }
  const app = createApp(deps)
  return {
    app,
    db,
    deps,
    users,
    async login(email, password = PASSWORD) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      })
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
      const cookie = res.headers.get('set-cookie')!
      return cookie.split(';')[0]!
    },
    get: async (cookie, path) => app.request(path, { headers: { cookie } }),
    send: async (cookie, path, body, method = 'POST') =>
      app.request(path, {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    async destroy() {
      await deps.jobs.idle()
      await deps.jobs.stop()
      await db.destroy()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
