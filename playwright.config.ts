import { defineConfig } from '@playwright/test'

// Browser tests run the real server (built web app, real database) in Debian's Chromium, once on
// SQLite and once on PostgreSQL. `npm test` builds the web app first.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const dialects = (process.env.WINBACK_TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim())
const servers = [
  { dialect: 'sqlite', port: 3100 },
  { dialect: 'postgres', port: 3101 },
].filter((s) => dialects.includes(s.dialect))

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    viewport: { width: 1366, height: 900 },
    // the company's zone, as the server counts days: a run just before midnight UTC sees the same today
    timezoneId: process.env.WINBACK_TIME_ZONE ?? 'Europe/Berlin',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    acceptDownloads: true,
  },
  projects: servers.map((s) => ({ name: s.dialect, use: { baseURL: `http://127.0.0.1:${s.port}` } })),
  webServer: servers.map((s) => ({
    command: `node e2e/serve.mjs ${s.dialect} ${s.port}`,
    url: `http://127.0.0.1:${s.port}/api/auth/me`,
    // the API answers 401 without a session: that is "up"
    ignoreHTTPSErrors: true,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  })),
})
