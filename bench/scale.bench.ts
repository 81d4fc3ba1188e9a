import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Db } from '../src/server/db/database'
import { seededRandom } from '../src/server/features/scoring/simulate'
import { percentile, signIn, startBenchServer } from './bench-server'

/**
 * Issue 16's shape: many customers with few orders each, in the file a shop exports
 * (`customer_number;order_number;date;net_amount`, dd.mm.yyyy, decimal comma). Three modes, each
 * run in its own process by run.ts so every step's peak memory is its own:
 *   make FILE ROWS CUSTOMERS   writes the file (deterministic)
 *   anchor FILE DIR            the sqlite3 shell on the same file: `.import` into a staging table,
 *                              typed tables with unique keys and a customer index, one aggregate
 *                              per customer (the physical floor winback is compared with)
 *   anchor-pg FILE URL         the same with psql on an empty PostgreSQL database: `\copy` into a
 *                              staging table, then set-based inserts
 *   step NAME DB FILE          one step of winback on the database DB (a SQLite file or a
 *                              postgres:// URL): import, reimport, score (the first model run, as a
 *                              person starts it), buy (the day's orders: one customer in a hundred
 *                              buys), then the next night's classify, rescore (as the
 *                              nightly job does: within a week of the fit an update, the customers whose
 *                              purchases changed predicted again with it; refit: the rescore's fit of
 *                              the kept model, weekly or when an update cannot stand in), eligibility (the
 *                              customers due; eligibility-all before it: the first, whole refresh),
 *                              warnings (the early-warning list brought to the new day; warnings-all
 *                              before it: the whole list of the import's day), list;
 *                              night (all of that as the server does it in one process: the
 *                              nightly job, then yesterday's win-back list moved on to the new day);
 *                              lists (the web app's lists under load, from what is stored);
 *                              upload (the file sent to the server as the import page does)
 * Prints JSON: seconds (and the anchor's parts), peak RSS in MiB.
 */
const [mode, ...args] = process.argv.slice(2)
const AS_OF = '2025-12-31'
/** the nightly steps: the night after the import and the first scoring */
const NEXT_DAY = '2026-01-01'

const peakRssMiB = () => process.resourceUsage().maxRSS / 1024

function makeFile(file: string, rows: number, customers: number): void {
  const next = seededRandom(16)
  // each customer buys within a life of their own (first day from 2020 on, an exponential lifetime of
  // two years on average), so the base holds new, active, sleeping and lost customers as a shop's does
  const hash = (c: number, k: number) => {
    let x = Math.imul(c ^ Math.imul(k, 0x9e3779b9), 0x85ebca6b)
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
    return ((x ^ (x >>> 16)) >>> 0) / 4_294_967_296
  }
  const firstDay = Date.UTC(2020, 0, 1) / 86_400_000
  const lastDay = Date.UTC(2025, 11, 31) / 86_400_000
  const out = fs.openSync(file, 'w')
  let block = 'customer_number;order_number;date;net_amount\n'
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(next() * customers)
    const start = firstDay + Math.floor(hash(c, 1) * (lastDay - firstDay))
    const end = Math.min(lastDay, start + 30 + Math.floor(-Math.log(1 - hash(c, 2)) * 730))
    const date = new Date((start + Math.floor(next() * (end - start + 1))) * 86_400_000)
    const cents = 500 + Math.floor(next() * 30_000)
    const day = String(date.getUTCDate()).padStart(2, '0')
    const month = String(date.getUTCMonth() + 1).padStart(2, '0')
    block += `K${1_000_000 + c};B-${i + 1};${day}.${month}.${date.getUTCFullYear()};${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}\n`
    if (block.length > 1 << 20) {
      fs.writeSync(out, block)
      block = ''
    }
  }
  fs.writeSync(out, block)
  fs.closeSync(out)
}

/** Seconds a database's own shell takes for a script. */
function timed(command: string, args: string[], script: string): number {
  const started = performance.now()
  const result = spawnSync(command, args, { input: script, encoding: 'utf8', maxBuffer: 1 << 24 })
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`)
  return (performance.now() - started) / 1000
}

/** The sqlite3 shell: what the same data cost without winback's checks, history and scores. */
function anchor(file: string, dir: string): Record<string, number> {
  const db = path.join(dir, 'anchor.sqlite')
  fs.rmSync(db, { force: true })
  const shell = (sql: string) => timed('sqlite3', [db], sql)
  const raw = shell(
    `PRAGMA journal_mode = WAL;\nPRAGMA synchronous = NORMAL;\nCREATE TABLE raw(customer_number TEXT, order_number TEXT, date TEXT, net_amount TEXT);\n.mode csv\n.separator ";"\n.import --skip 1 ${file} raw\n`,
  )
  const typed = shell(`PRAGMA synchronous = NORMAL;
CREATE TABLE customers(id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE);
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
  number TEXT NOT NULL UNIQUE, ordered_on TEXT NOT NULL, net_cents INTEGER NOT NULL);
CREATE INDEX orders_customer ON orders(customer_id, ordered_on);
BEGIN;
INSERT INTO customers(number) SELECT DISTINCT customer_number FROM raw;
INSERT INTO orders(customer_id, number, ordered_on, net_cents)
  SELECT c.id, r.order_number, substr(r.date, 7, 4) || '-' || substr(r.date, 4, 2) || '-' || substr(r.date, 1, 2),
    CAST(replace(replace(r.net_amount, '.', ''), ',', '') AS INTEGER)
  FROM raw r JOIN customers c ON c.number = r.customer_number;
COMMIT;
`)
  const aggregate = shell(`CREATE TABLE customer_facts AS
  SELECT customer_id, count(*) AS orders, min(ordered_on) AS first_on, max(ordered_on) AS last_on,
    sum(net_cents) AS net_cents FROM orders GROUP BY customer_id;
`)
  fs.rmSync(db, { force: true })
  fs.rmSync(`${db}-wal`, { force: true })
  fs.rmSync(`${db}-shm`, { force: true })
  return { rawSeconds: raw, typedSeconds: raw + typed + aggregate, aggregateSeconds: aggregate }
}

/** The anchor on PostgreSQL: psql's `\copy` into a staging table, then the same set-based SQL. */
function anchorPostgres(file: string, url: string): Record<string, number> {
  const psql = (sql: string) => timed('psql', ['-q', '-v', 'ON_ERROR_STOP=1', url], sql)
  psql('DROP SCHEMA IF EXISTS anchor CASCADE; CREATE SCHEMA anchor;')
  const raw = psql(`SET search_path = anchor;
CREATE TABLE raw(customer_number text, order_number text, date text, net_amount text);
\\copy raw FROM '${file}' WITH (FORMAT csv, DELIMITER ';', HEADER true)
`)
  const typed = psql(`SET search_path = anchor;
CREATE TABLE customers(id bigserial PRIMARY KEY, number text NOT NULL UNIQUE);
CREATE TABLE orders(id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id),
  number text NOT NULL UNIQUE, ordered_on date NOT NULL, net_cents bigint NOT NULL);
CREATE INDEX orders_customer ON orders(customer_id, ordered_on);
BEGIN;
INSERT INTO customers(number) SELECT DISTINCT customer_number FROM raw;
INSERT INTO orders(customer_id, number, ordered_on, net_cents)
  SELECT c.id, r.order_number, to_date(r.date, 'DD.MM.YYYY'),
    replace(replace(r.net_amount, '.', ''), ',', '')::bigint
  FROM raw r JOIN customers c ON c.number = r.customer_number;
COMMIT;
`)
  const aggregate = psql(`SET search_path = anchor;
CREATE TABLE customer_facts AS
  SELECT customer_id, count(*) AS orders, min(ordered_on) AS first_on, max(ordered_on) AS last_on,
    sum(net_cents) AS net_cents FROM orders GROUP BY customer_id;
`)
  psql('DROP SCHEMA anchor CASCADE;')
  return { rawSeconds: raw, typedSeconds: raw + typed + aggregate, aggregateSeconds: aggregate }
}

async function step(name: string, dbFile: string, file: string): Promise<Record<string, number>> {
  // as the CLI and the server do
  const { boundHeapGrowth } = await import('../src/server/lib/heap-growth')
  boundHeapGrowth()
  const { openDatabase } = await import('../src/server/db/database')
  const { migrateToLatest } = await import('../src/server/db/migrate')
  const db = openDatabase(
    dbFile.startsWith('postgres')
      ? { dialect: 'postgres', url: dbFile }
      : { dialect: 'sqlite', file: dbFile },
  )
  await migrateToLatest(db.kysely)
  const started = performance.now()
  const seconds = () => (performance.now() - started) / 1000
  try {
    if (name === 'import' || name === 'reimport') {
      const { importFile } = await import('../src/server/features/imports/import-file')
      const { fileOnDisk } = await import('../src/server/lib/file-bytes')
      let written = 0
      const outcome = await importFile({
        db,
        fileName: path.basename(file),
        bytes: await fileOnDisk(file),
        format: 'auto',
        kind: 'orders',
        skipInvalid: false,
        userId: null,
        asOf: AS_OF,
        onProgress: (p) => {
          if (p.phase === 'classifying' && written === 0) written = seconds()
        },
      })
      if (outcome.status !== 'succeeded') throw new Error(`import ${outcome.status}: ${outcome.message}`)
      if (name === 'reimport' && (outcome.documentsCreated > 0 || outcome.documentsUpdated > 0))
        throw new Error('the same file again changed documents')
      return { seconds: seconds(), writtenSeconds: written || seconds(), customers: outcome.customersCreated }
    }
    if (name === 'buy') {
      // the day before the night: one customer in a hundred buys once, in the day's orders file
      const { importFile } = await import('../src/server/features/imports/import-file')
      // the numbers makeFile gives (K1000000 + c): every hundredth of the customers there can be
      const customers = Number(
        (
          await db.kysely
            .selectFrom('customers')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
      const buyers = Array.from({ length: Math.ceil(customers / 100) }, (_, i) => `K${1_000_000 + i * 100}`)
      const day = NEXT_DAY.split('-').reverse().join('.')
      const text = `customer_number;order_number;date;net_amount\n${buyers.map((n, i) => `${n};T-${i + 1};${day};${49 + (i % 50)},90`).join('\n')}\n`
      const outcome = await importFile({
        db,
        fileName: 'day.csv',
        bytes: new Uint8Array(Buffer.from(text)),
        format: 'auto',
        kind: 'orders',
        skipInvalid: false,
        userId: null,
        asOf: NEXT_DAY,
      })
      if (outcome.status !== 'succeeded') throw new Error(`import ${outcome.status}: ${outcome.message}`)
      return { seconds: seconds(), customers: buyers.length }
    }
    if (name === 'classify') {
      const { classifyCustomers } = await import('../src/server/features/lifecycle/classify-customers')
      // as the nightly job does: only the customers whose classification can have changed
      const { classified } = await classifyCustomers({ db, asOf: NEXT_DAY, dueOnly: true })
      return { seconds: seconds(), customers: classified }
    }
    if (name === 'score') {
      const { scoreCustomerBase } = await import('../src/server/features/scoring/score-customer-base')
      const run = await scoreCustomerBase({
        db,
        calibrationEnd: AS_OF,
        unit: 'week',
        model: 'auto',
        horizon: 52,
        today: AS_OF,
      })
      return { seconds: seconds(), customers: run.result.customerCount }
    }
    if (name === 'rescore') {
      const { rescore } = await import('../src/server/jobs/nightly')
      const { createLogger } = await import('../src/server/logger')
      await rescore({ db, logger: createLogger('silent'), clock: () => new Date() }, NEXT_DAY, () => {})
      // an update predicts the customers whose purchases changed since the last run; a fit, every one
      const run = await db.kysely
        .selectFrom('model_runs')
        .select(['predicted', 'customers'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      return { seconds: seconds(), customers: run.predicted ?? run.customers }
    }
    if (name === 'refit') {
      const { fitAgain } = await import('../src/server/jobs/nightly')
      const { createLogger } = await import('../src/server/logger')
      // the weekly fit, or a night an update cannot stand in for: the kept model fitted again
      const last = await db.kysely
        .selectFrom('model_runs')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      await fitAgain({ db, logger: createLogger('silent') }, last, NEXT_DAY, () => {})
      return { seconds: seconds() }
    }
    if (name === 'eligibility-all') {
      const { refreshAllEligibility } = await import('../src/server/features/contact/eligibility')
      const refreshed = await refreshAllEligibility(db, AS_OF)
      return { seconds: seconds(), customers: refreshed }
    }
    if (name === 'eligibility') {
      const { refreshDueEligibility } = await import('../src/server/features/contact/eligibility')
      // as the nightly job does: only the customers whose answers can have changed
      const { refreshed } = await refreshDueEligibility(db, NEXT_DAY)
      return { seconds: seconds(), customers: refreshed }
    }
    if (name === 'warnings-all') {
      const { refreshEarlyWarnings } = await import(
        '../src/server/features/prevention/refresh-early-warnings'
      )
      // the whole list, as the server works it out on the day of the import (the night's starts from it)
      const { onList } = await refreshEarlyWarnings({ db, today: AS_OF, now: new Date().toISOString() })
      return { seconds: seconds(), onList }
    }
    if (name === 'warnings') {
      const { refreshEarlyWarningsForNight } = await import(
        '../src/server/features/prevention/refresh-early-warnings'
      )
      // as the nightly job does after the rescore: the list brought to the new day (the customers
      // written or predicted since the last refresh worked out again, or all without one)
      const { onList, worked, customers } = await refreshEarlyWarningsForNight({
        db,
        today: NEXT_DAY,
        now: new Date().toISOString(),
      })
      return { seconds: seconds(), customers, onList, whole: worked === 'whole' ? 1 : 0 }
    }
    if (name === 'list') {
      const { rankWinbackList } = await import('../src/server/features/winback/winback-list')
      // what the web app's list and the Tagesliste compute after a night (pages make their own items)
      const list = await rankWinbackList(db.kysely, { ownerId: null }, NEXT_DAY, {
        status: 'lost',
        sort: 'net_value',
      })
      return { seconds: seconds(), customers: list.entries.length + list.sortedOut.length }
    }
    if (name === 'night') return await measureNight(db)
    if (name === 'lists') return await measureLists(db, dbFile)
    if (name === 'upload') return await measureUpload(db, dbFile, file)
    throw new Error(`unknown step ${name}`)
  } finally {
    await db.close()
  }
}

/**
 * The night as the server has it, in one process: the win-back list of the day before kept (ranked
 * before, not timed), the nightly job (classification of the customers due, the rescore, contact
 * eligibility, win-back attribution, the early warning), then the list of the new day as the web app
 * reads it next: yesterday's moved on, with the customers the job names read again.
 */
async function measureNight(db: Db): Promise<Record<string, number>> {
  const { cachedWinbackList } = await import('../src/server/features/winback/winback-list')
  const { runNightly } = await import('../src/server/jobs/nightly')
  const { forgetAllButPatchable, forgetCachedReads } = await import('../src/server/lib/read-cache')
  const { createLogger } = await import('../src/server/logger')
  const lost = { status: 'lost', sort: 'net_value' } as const
  const kept = performance.now()
  await cachedWinbackList(db.kysely, { ownerId: null }, AS_OF, lost)
  const keptSeconds = (performance.now() - kept) / 1000
  const started = performance.now()
  // the time up to each report counted to the phase reported (a rough split of the night)
  const phases: Record<string, number> = {}
  let last = started
  const report = (phase: string) => {
    const now = performance.now()
    phases[phase] = (phases[phase] ?? 0) + (now - last) / 1000
    last = now
  }
  const { changedCustomers } = await runNightly(
    { db, logger: createLogger('silent'), clock: () => new Date() },
    NEXT_DAY,
    report,
  )
  const nightlySeconds = (performance.now() - started) / 1000
  // as the queue worker does after the job
  if (changedCustomers) forgetAllButPatchable(changedCustomers)
  else forgetCachedReads()
  const listStarted = performance.now()
  const list = await cachedWinbackList(db.kysely, { ownerId: null }, NEXT_DAY, lost)
  const listSeconds = (performance.now() - listStarted) / 1000
  return {
    seconds: nightlySeconds + listSeconds,
    nightlySeconds,
    listSeconds,
    keptListSeconds: keptSeconds,
    changed: changedCustomers?.length ?? -1,
    customers: list.entries.length + list.sortedOut.length,
    ...Object.fromEntries(Object.entries(phases).map(([k, v]) => [`phase ${k}`, v])),
  }
}

/** The server's peak resident memory so far (Linux), in MiB. */
function serverPeakMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024
}

/**
 * The file uploaded through the web app's import page, as the browser sends it (multipart), to
 * the server started on this database: the time until the preview answers, and the server's peak
 * memory before and after (the file itself is sent from disk, never held by this process).
 */
async function measureUpload(db: Db, dbFile: string, file: string): Promise<Record<string, number>> {
  const { createUser } = await import('../src/server/features/users/create-user')
  const email = `upload-${Date.now()}@example.com`
  await createUser({
    db,
    email,
    name: 'Upload',
    role: 'manager',
    password: 'upload-password',
    now: new Date().toISOString(),
  })
  await db.close()
  const { base, server, stop } = await serverOn(dbFile)
  try {
    const cookie = await signIn(base, email, 'upload-password')
    const peakBefore = serverPeakMiB(server.pid!)
    const form = new FormData()
    form.append('kind', 'orders')
    form.append('file', await fs.openAsBlob(file), path.basename(file))
    const started = performance.now()
    const res = await fetch(`${base}/api/imports`, {
      method: 'POST',
      headers: { cookie, origin: base },
      body: form,
      signal: AbortSignal.timeout(600_000),
    })
    const preview = (await res.json()) as { rowsTotal?: number }
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(preview)}`)
    return {
      seconds: (performance.now() - started) / 1000,
      rows: preview.rowsTotal ?? 0,
      serverPeakBeforeMiB: peakBefore,
      serverPeakMiB: serverPeakMiB(server.pid!),
    }
  } finally {
    stop()
  }
}

/** The server started on this database with a data directory of its own; `stop` removes both. */
async function serverOn(dbFile: string) {
  const port = 3800 + Math.floor(Math.random() * 100)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-bench-'))
  const { base, server } = await startBenchServer({
    DATABASE_URL: dbFile,
    WINBACK_DATA_DIR: dataDir,
    WINBACK_DEMO: 'off',
    WINBACK_PORT: String(port),
    WINBACK_LOG_LEVEL: 'silent',
  })
  const stop = () => {
    server.kill('SIGTERM')
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  return { base, server, stop }
}

/**
 * Every list the web app shows, from what is stored: the server on this database (the nightly work
 * done first as of the company's today, so the server finds nothing to redo), a manager signed in,
 * each list asked twice to warm it (the first request's time is kept), then LIST_CLIENTS clients
 * for LIST_SECONDS asking the lists in turn; p95 per list. The customer list is asked plain,
 * filtered and sorted (by CLV within a status, by revenue, the lost ones by revenue, by last
 * purchase, by status, by CLV, by city), searched and at a deep page (by number and by name).
 */
async function measureLists(db: Db, dbFile: string): Promise<Record<string, number>> {
  const { runNightly } = await import('../src/server/jobs/nightly')
  const { companyToday } = await import('../src/server/lib/clock')
  const { createUser } = await import('../src/server/features/users/create-user')
  const { createLogger } = await import('../src/server/logger')
  const today = companyToday(() => new Date(), 'Europe/Berlin')
  const nightlyStarted = performance.now()
  await runNightly({ db, logger: createLogger('silent'), clock: () => new Date() }, today, () => {})
  const nightlySeconds = (performance.now() - nightlyStarted) / 1000
  const email = `lists-${Date.now()}@example.com`
  await createUser({
    db,
    email,
    name: 'Lists',
    role: 'manager',
    password: 'lists-password',
    now: new Date().toISOString(),
  })
  const customers = Number(
    (
      await db.kysely
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  // a customer of the win-back list whose assessment a person changes between the lists' requests
  const written = await db.kysely
    .selectFrom('customer_status')
    .select('customer_id')
    .where('status', '=', 'lost')
    .orderBy('customer_id')
    .limit(AFTER_WRITES)
    .execute()
  await db.close()
  const { base, stop } = await serverOn(dbFile)
  try {
    const cookie = await signIn(base, email, 'lists-password')
    const deepPage = Math.max(1, Math.floor(customers / 50 / 2))
    const lists: Record<string, string> = {
      customers: '/api/customers?pageSize=50',
      'customers lost by CLV': '/api/customers?status=lost&sort=clv&dir=desc&pageSize=50',
      'customers searched': '/api/customers?q=K10123&pageSize=25',
      'customers deep page': `/api/customers?page=${deepPage}&pageSize=50`,
      'customers by name, deep page': `/api/customers?sort=name&page=${deepPage}&pageSize=50`,
      'customers by revenue': '/api/customers?sort=revenue12m&dir=desc&pageSize=50',
      'customers by last purchase, oldest first': '/api/customers?sort=lastPurchase&dir=asc&pageSize=50',
      'customers lost by revenue': '/api/customers?status=lost&sort=revenue12m&dir=desc&pageSize=50',
      'customers by status, descending': '/api/customers?sort=status&dir=desc&pageSize=50',
      'customers by CLV, lowest first': '/api/customers?sort=clv&dir=asc&pageSize=50',
      'customers by city, descending': '/api/customers?sort=city&dir=desc&pageSize=50',
      'win-back list': '/api/winback?limit=50&sortedOutLimit=0',
      Tagesliste: '/api/worklist',
      'cause overview': '/api/churn-reasons/overview',
      dashboard: '/api/dashboard',
    }
    const ask = async (url: string) => {
      const started = performance.now()
      const res = await fetch(`${base}${url}`, { headers: { cookie }, signal: AbortSignal.timeout(120_000) })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
      return performance.now() - started
    }
    const first: Record<string, number> = {}
    for (const [name, url] of Object.entries(lists)) first[name] = await ask(url)
    // the Tagesliste's first look of the day chooses, and may hand customers to the user (a write
    // after which every cached list is made again)
    for (const url of Object.values(lists)) await ask(url)
    const times = new Map<string, number[]>(Object.keys(lists).map((k) => [k, []]))
    const entries = Object.entries(lists)
    const end = performance.now() + LIST_SECONDS * 1000
    let next = 0
    await Promise.all(
      Array.from({ length: LIST_CLIENTS }, async () => {
        while (performance.now() < end) {
          const [name, url] = entries[next++ % entries.length]!
          times.get(name)!.push(await ask(url))
        }
      }),
    )
    const result: Record<string, number> = { nightlySeconds, customers }
    for (const [name, list] of times) {
      result[`p95 ${name}`] = percentile(
        list.sort((a, b) => a - b),
        0.95,
      )
      result[`first ${name}`] = first[name]!
    }
    // a call's outcome, a rating, a note: one customer's data written, then the lists asked again
    const afterWrite = new Map<string, number[]>(Object.keys(lists).map((k) => [k, []]))
    for (const [i, { customer_id }] of written.entries()) {
      const res = await fetch(`${base}/api/customers/${customer_id}/winback-assessment`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ ease: 1 + (i % 5) }),
      })
      if (res.status !== 200) throw new Error(`assessment: ${res.status} ${await res.text()}`)
      for (const [name, url] of Object.entries(lists)) afterWrite.get(name)!.push(await ask(url))
    }
    for (const [name, list] of afterWrite) result[`after a write, max ${name}`] = Math.max(...list)
    return result
  } finally {
    stop()
  }
}

/** The bounded load of the lists step: clients at once, for seconds. */
const LIST_CLIENTS = 4
const LIST_SECONDS = 10
/** one customer's data written this many times, each followed by a request of every list */
const AFTER_WRITES = 5

if (mode === 'make') {
  makeFile(args[0]!, Number(args[1]), Number(args[2]))
  console.log(JSON.stringify({ bytes: fs.statSync(args[0]!).size }))
} else if (mode === 'anchor') {
  console.log(JSON.stringify({ ...anchor(path.resolve(args[0]!), args[1]!), peakRssMiB: peakRssMiB() }))
} else if (mode === 'anchor-pg') {
  console.log(
    JSON.stringify({ ...anchorPostgres(path.resolve(args[0]!), args[1]!), peakRssMiB: peakRssMiB() }),
  )
} else if (mode === 'step') {
  const result = await step(args[0]!, args[1]!, args[2]!)
  console.log(JSON.stringify({ ...result, peakRssMiB: peakRssMiB() }))
} else {
  throw new Error('usage: scale.bench.ts make|anchor|step …')
}
