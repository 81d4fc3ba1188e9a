import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { chromium } from '@playwright/test'

/**
 * A cold open of the customer list in Chromium, as a manager of the demo company sees it on
 * loopback: from navigation to the first row of the table, with an empty browser cache, and the
 * JavaScript and CSS the browser transferred for it (compressed bytes). Prints JSON with the median
 * of the runs. Argument: runs (default 5), and a web build to serve (default dist/web).
 */
const root = path.resolve(import.meta.dirname, '..')
const runs = Number(process.argv[2] ?? 5)
const webDir = path.resolve(process.argv[3] ?? 'dist/web')
const port = 3190

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, [path.join(root, 'e2e/serve.mjs'), 'sqlite', String(port)], {
    cwd: root,
    env: { ...process.env, WINBACK_WEB_DIR: webDir, WINBACK_LOG_LEVEL: 'error' },
    stdio: 'ignore',
  })
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/api/auth/me`).then(
      () => true,
      () => false,
    )
    if (up) return server
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the server did not start')
}

const server = await startServer()
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
})
try {
  const times: number[] = []
  let transferred = 0
  for (let i = 0; i < runs; i++) {
    // a new context: no cache, a fresh sign-in
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` })
    const login = await context.request.post('/api/auth/login', {
      data: { email: 'leitung@winback.demo', password: 'winback-demo' },
    })
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`)
    const page = await context.newPage()
    let bytes = 0
    page.on('response', async (response) => {
      if (!/\.(js|css)$/.test(new URL(response.url()).pathname)) return
      const size = await response
        .request()
        .sizes()
        .catch(() => null)
      bytes += size?.responseBodySize ?? 0
    })
    const started = Date.now()
    await page.goto('/customers')
    await page.locator('table tbody tr').first().waitFor({ state: 'visible', timeout: 30_000 })
    times.push((Date.now() - started) / 1000)
    await page.waitForLoadState('networkidle')
    transferred = bytes
    await context.close()
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!
  console.log(JSON.stringify({ firstRowSeconds: median, transferredKb: Math.round(transferred / 1024) }))
} finally {
  await browser.close()
  server.kill('SIGTERM')
}
