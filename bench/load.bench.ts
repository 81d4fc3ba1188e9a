import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { percentile, signIn, startBenchServer } from './bench-server'
import { germanOrdersCsv } from './make-orders-file'

/**
 * The server under load on loopback, with the demo company on SQLite or PostgreSQL: the everyday mix
 * of requests (customer list, search, a customer, the dashboard, the win-back list) from many clients
 * at once, for a fixed time; then again while a large import runs. Usage: load.bench.ts SECONDS
 * CLIENTS [sqlite|postgres] — prints JSON with requests per second and latency percentiles.
 */
const [secondsText, clientsText, dialectText] = process.argv.slice(2)
const dialect = dialectText === 'postgres' ? 'postgres' : 'sqlite'
const seconds = Number(secondsText ?? 15)
const clients = Number(clientsText ?? 20)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-load-'))
const port = 3400 + Math.floor(Math.random() * 400)
const base = `http://127.0.0.1:${port}`

/** A new PostgreSQL database of its own, as the browser tests make one. */
async function postgresUrl(): Promise<string> {
  const adminUrl = process.env.WINBACK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`)
  await client.query(`CREATE DATABASE ${pgName}`)
  await client.end()
  const url = new URL(adminUrl)
  url.pathname = `/${pgName}`
  return url.toString()
}
const pgName = `winback_load_${port}`

const serverEnv = {
  DATABASE_URL: dialect === 'postgres' ? await postgresUrl() : '',
  WINBACK_DATA_DIR: dir,
  WINBACK_DEMO: 'on',
  WINBACK_PORT: String(port),
  WINBACK_LOG_LEVEL: 'silent',
}

interface Measured {
  requests: number
  errors: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  byPath: Record<string, { n: number; p95: number }>
}

/** Many clients, each sending the next request of the mix as soon as the last one is answered. */
async function load(cookie: string, customerIds: number[], forMs: number): Promise<Measured> {
  const mix = (i: number): string => {
    const id = customerIds[i % customerIds.length]!
    switch (i % 6) {
      case 0:
        return '/api/customers?page=1&pageSize=50'
      case 1:
        return `/api/customers?search=${encodeURIComponent(['Müller', 'hotel', 'Café', '100'][i % 4]!)}&pageSize=25`
      case 2:
        return `/api/customers/${id}`
      case 3:
        return '/api/dashboard'
      case 4:
        return '/api/winback?limit=50&sortedOutLimit=0'
      default:
        return `/api/customers/${id}/winback-attempts`
    }
  }
  const latencies: number[] = []
  const byPath = new Map<string, number[]>()
  let errors = 0
  let counter = 0
  const end = performance.now() + forMs
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const url = mix(counter++)
        const started = performance.now()
        try {
          const res = await fetch(`${base}${url}`, {
            headers: { cookie },
            signal: AbortSignal.timeout(30_000),
          })
          await res.arrayBuffer()
          if (res.status !== 200) errors++
        } catch {
          errors++
        }
        const ms = performance.now() - started
        latencies.push(ms)
        const kind = url.split('?')[0]!.replace(/\/\d+/g, '/:id')
        const times = byPath.get(kind)
        if (times) times.push(ms)
        else byPath.set(kind, [ms])
      }
    }),
  )
  const sorted = latencies.sort((a, b) => a - b)
  return {
    requests: sorted.length,
    errors,
    perSecond: Math.round(sorted.length / (forMs / 1000)),
    p50: Math.round(percentile(sorted, 0.5)),
    p95: Math.round(percentile(sorted, 0.95)),
    p99: Math.round(percentile(sorted, 0.99)),
    byPath: Object.fromEntries(
      [...byPath].map(([k, v]) => [
        k,
        {
          n: v.length,
          p95: Math.round(
            percentile(
              v.sort((a, b) => a - b),
              0.95,
            ),
          ),
        },
      ]),
    ),
  }
}

/** Uploads a large orders file and starts its import in the background; resolves when it has finished. */
async function importInBackground(cookie: string): Promise<() => Promise<string>> {
  const form = new FormData()
  form.append('file', new File([Buffer.from(germanOrdersCsv(400_000, 40_000, 3))], 'gross.csv'))
  form.append('kind', 'orders')
  const upload = await fetch(`${base}/api/imports`, {
    method: 'POST',
    headers: { cookie, origin: base },
    body: form,
  })
  const { runId: id } = (await upload.json()) as { runId: number }
  await fetch(`${base}/api/imports/${id}/start`, {
    method: 'POST',
    headers: { cookie, origin: base, 'content-type': 'application/json' },
    body: '{}',
  })
  return async () => {
    for (;;) {
      const run = (await (await fetch(`${base}/api/imports/${id}`, { headers: { cookie } })).json()) as {
        status: string
      }
      if (run.status !== 'running' && run.status !== 'pending') return run.status
      await new Promise((r) => setTimeout(r, 500))
    }
  }
}

let server: ChildProcess | undefined
try {
  server = (await startBenchServer(serverEnv)).server
  const cookie = await signIn(base, 'leitung@winback.demo', 'winback-demo')
  const list = (await (
    await fetch(`${base}/api/customers?pageSize=200`, { headers: { cookie } })
  ).json()) as {
    items: { id: number }[]
  }
  const ids = list.items.map((c) => c.id)
  await load(cookie, ids, 3000) // warm up
  const idle = await load(cookie, ids, seconds * 1000)
  const importStarted = performance.now()
  const finished = await importInBackground(cookie)
  const duringImport = await load(cookie, ids, seconds * 1000)
  const loadEnded = performance.now()
  const importStatus = await finished()
  const importSeconds = Math.round((performance.now() - importStarted) / 100) / 10
  // the second measurement counts only if the import was still running when it ended
  const overlapped = performance.now() - loadEnded > 500
  process.stdout.write(
    `${JSON.stringify({ dialect, clients, seconds, idle, duringImport, importStatus, importSeconds, overlapped })}\n`,
  )
} finally {
  server?.kill('SIGTERM')
  fs.rmSync(dir, { recursive: true, force: true })
  if (dialect === 'postgres') {
    await new Promise((r) => setTimeout(r, 1000))
    const client = new pg.Client({
      connectionString: process.env.WINBACK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    })
    await client.connect()
    await client.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`)
    await client.end()
  }
}
