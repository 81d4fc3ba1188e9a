import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type BenchResult, meetsTarget } from './result'

/**
 * `npm run bench`: every benchmark, each in a fresh Node process, the median of three runs, printed
 * as a Markdown table for docs/benchmarks.md. Exits non-zero when a result misses its target.
 */
const root = path.resolve(import.meta.dirname, '..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-bench-'))
const tsx = ['--import', 'tsx']

function node(args: string[]): string {
  const result = spawnSync(process.execPath, [...tsx, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`)
  return result.stdout
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

interface ImportTiming {
  rows: number
  bytes: number
  documents: number
  customers: number
  importSeconds: number
  withClassificationSeconds: number
  reimportSeconds: number
}

function benchImport(
  rows: number,
  customers: number,
  maxLines: number,
  runs: number,
  shape: 'orders' | 'datev' = 'orders',
): BenchResult[] {
  const file = path.join(tmp, `${shape}-${rows}-${maxLines}.csv`)
  if (shape === 'datev') node(['bench/make-datev-file.ts', file, String(rows), String(customers)])
  else node(['bench/make-orders-file.ts', file, String(rows), String(customers), String(maxLines)])
  const timings: ImportTiming[] = []
  for (let i = 0; i < runs; i++)
    timings.push(JSON.parse(node(['bench/import.bench.ts', file, String(rows)])) as ImportTiming)
  const t = timings[0]!
  const what =
    shape === 'datev'
      ? `DATEV Buchungsstapel: ${t.documents.toLocaleString('en')} invoices and credit notes, payments and expenses skipped`
      : maxLines === 1
        ? 'one document per row'
        : `positions of ${t.documents.toLocaleString('en')} documents`
  const size = `${(t.bytes / 1e6).toFixed(0)} MB Windows-1252, ${t.customers.toLocaleString('en')} customers`
  const importSeconds = median(timings.map((x) => x.importSeconds))
  const allSeconds = median(timings.map((x) => x.withClassificationSeconds))
  const againSeconds = median(timings.map((x) => x.reimportSeconds))
  return [
    {
      name: `import ${rows.toLocaleString('en')} ${shape === 'datev' ? 'DATEV' : 'German CSV'} rows (${what}; ${size}) into SQLite: read, check, write, commit`,
      value: Math.round(rows / importSeconds),
      unit: 'rows/s',
      ...(maxLines > 1 && { target: 200_000 }),
      higherIsBetter: true,
      detail: `${importSeconds.toFixed(2)} s`,
    },
    {
      name: '… and then classifying its customers with their monthly history',
      value: Math.round(rows / allSeconds),
      unit: 'rows/s',
      higherIsBetter: true,
      detail: `${allSeconds.toFixed(2)} s in all`,
    },
    {
      name: '… the same file again (idempotent: every document compared, nothing written)',
      value: Math.round(rows / againSeconds),
      unit: 'rows/s',
      higherIsBetter: true,
      detail: `${againSeconds.toFixed(2)} s`,
    },
  ]
}

interface ScoringTiming {
  customers: number
  groups: number
  groupSeconds: number
  fits: Record<string, { seconds: number; params: Record<string, number>; converged: boolean }>
  predictSeconds: number
  peakRssMiB: number
}

function benchScoring(customers: number, runs: number): BenchResult[] {
  const timings: ScoringTiming[] = []
  for (let i = 0; i < runs; i++)
    timings.push(JSON.parse(node(['bench/scoring.bench.ts', String(customers)])) as ScoringTiming)
  const t = timings[0]!
  const base = `${customers.toLocaleString('en')} simulated customers (${t.groups.toLocaleString('en')} distinct (x, t_x, T))`
  const params = (model: string) =>
    Object.entries(t.fits[model]!.params)
      .map(([k, v]) => `${k} ${v.toPrecision(3)}`)
      .join(', ')
  const fitResult = (model: string, label: string, target?: number): BenchResult => ({
    name: `${label} fit on ${base}`,
    value: Number(median(timings.map((x) => x.fits[model]!.seconds)).toFixed(2)),
    unit: 's',
    ...(target !== undefined && { target }),
    higherIsBetter: false,
    detail: params(model),
  })
  return [
    {
      name: `grouping ${base}`,
      value: Number(median(timings.map((x) => x.groupSeconds)).toFixed(2)),
      unit: 's',
      higherIsBetter: false,
    },
    fitResult('bgnbd', 'BG/NBD', 1.5),
    fitResult('pnbd', 'Pareto/NBD', 5),
    fitResult('mbgnbd', 'MBG/NBD'),
    {
      name: `all predictions (P(alive), expected purchases in 52 weeks, spend, 12-month CLV) for ${customers.toLocaleString('en')} customers`,
      value: Number(median(timings.map((x) => x.predictSeconds)).toFixed(2)),
      unit: 's',
      target: 5,
      higherIsBetter: false,
    },
    {
      name: 'peak memory of the scoring process (simulation, grouping, three fits, predictions)',
      value: Math.round(Math.max(...timings.map((x) => x.peakRssMiB))),
      unit: 'MiB',
      target: 1024,
      higherIsBetter: false,
    },
  ]
}

interface ContactTiming {
  customers: number
  consents: number
  suppressed: number
  refreshSeconds: number
  loadSeconds: number
  decisions: number
  decideSeconds: number
}

function benchContact(customers: number, runs: number): BenchResult[] {
  const timings: ContactTiming[] = []
  for (let i = 0; i < runs; i++)
    timings.push(JSON.parse(node(['bench/contact.bench.ts', String(customers)])) as ContactTiming)
  const t = timings[0]!
  const refresh = median(timings.map((x) => x.refreshSeconds))
  const decide = median(timings.map((x) => x.decideSeconds))
  return [
    {
      name: `contact eligibility of ${customers.toLocaleString('en')} customers on 4 channels, refreshed in SQLite (${t.consents.toLocaleString('en')} consents, ${t.suppressed.toLocaleString('en')} on the suppression list): load, decide, replace`,
      value: Math.round(customers / refresh),
      unit: 'customers/s',
      higherIsBetter: true,
      detail: `${refresh.toFixed(2)} s`,
    },
    {
      name: `… the pure engine alone (${t.decisions.toLocaleString('en')} decisions)`,
      value: Math.round(t.decisions / decide),
      unit: 'decisions/s',
      higherIsBetter: true,
      detail: `${decide.toFixed(2)} s; loading the facts ${median(timings.map((x) => x.loadSeconds)).toFixed(2)} s`,
    },
  ]
}

interface FaultRounds {
  dialect: string
  fullImportMs: number
  rounds: { killAfterMs: number; phase: string; equal: boolean }[]
}

function benchFault(rounds: number): BenchResult[] {
  return (['sqlite', 'postgres'] as const).map((dialect) => {
    const r = JSON.parse(node(['bench/fault.bench.ts', dialect, String(rounds)])) as FaultRounds
    const phases = new Map<string, number>()
    for (const x of r.rounds) phases.set(x.phase, (phases.get(x.phase) ?? 0) + 1)
    return {
      name: `kill -9 at ${rounds} random points of a CLI import of 150,000 rows into ${dialect} (full run ${(r.fullImportMs / 1000).toFixed(1)} s), then restart and retry: equal to a clean import`,
      value: r.rounds.filter((x) => x.equal).length,
      unit: `of ${rounds}`,
      target: rounds,
      higherIsBetter: true,
      detail: [...phases].map(([phase, n]) => `${n} × ${phase}`).join('; '),
    }
  })
}

interface LoadWindow {
  requests: number
  errors: number
  perSecond: number
  p50: number
  p95: number
  p99: number
}

function benchLoad(seconds: number, clients: number, dialect: 'sqlite' | 'postgres'): BenchResult[] {
  const r = JSON.parse(node(['bench/load.bench.ts', String(seconds), String(clients), dialect])) as {
    idle: LoadWindow
    duringImport: LoadWindow
    importSeconds: number
    importStatus: string
  }
  const mix = `the everyday mix (customer list, search, a customer, its attempts, dashboard, win-back list) from ${clients} clients for ${seconds} s, demo company on ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`
  const detail = (w: LoadWindow) =>
    `p50 ${w.p50} ms, p99 ${w.p99} ms, ${w.requests.toLocaleString('en')} requests, ${w.errors} errors`
  return [
    {
      name: `requests per second: ${mix}`,
      value: r.idle.perSecond,
      unit: 'req/s',
      target: 200,
      higherIsBetter: true,
      detail: detail(r.idle),
    },
    { name: '… their 95th percentile', value: r.idle.p95, unit: 'ms', target: 200, higherIsBetter: false },
    {
      name: `… the same while a 400,000-row import runs in the background (it took ${r.importSeconds} s, ${r.importStatus}): 95th percentile`,
      value: r.duringImport.p95,
      unit: 'ms',
      target: 500,
      higherIsBetter: false,
      detail: `${r.duringImport.perSecond} req/s, ${detail(r.duringImport)}`,
    },
    {
      name: '… errors in both runs',
      value: r.idle.errors + r.duringImport.errors,
      unit: 'errors',
      target: 0,
      higherIsBetter: false,
    },
  ]
}

interface CliTiming {
  helpSeconds: number
  scoreSeconds: number
  helpFromSourceSeconds: number
  scoreFromSourceSeconds: number
}

function benchCliStart(runs: number): BenchResult[] {
  const t = JSON.parse(node(['bench/cli-start.bench.ts', String(runs)])) as CliTiming
  return [
    {
      name: '`winback --help` from the build',
      value: Number(t.helpSeconds.toFixed(2)),
      unit: 's',
      target: 1,
      higherIsBetter: false,
      detail: `from the TypeScript sources ${t.helpFromSourceSeconds.toFixed(2)} s`,
    },
    {
      name: '`winback score --transactions` of 200 customers from the build',
      value: Number(t.scoreSeconds.toFixed(2)),
      unit: 's',
      target: 1,
      higherIsBetter: false,
      detail: `from the TypeScript sources ${t.scoreFromSourceSeconds.toFixed(2)} s`,
    },
  ]
}

function benchPageLoad(runs: number): BenchResult[] {
  const t = JSON.parse(node(['bench/page-load.bench.ts', String(runs)])) as {
    firstRowSeconds: number
    transferredKb: number
  }
  return [
    {
      name: 'cold open of the customer list in Chromium (demo company, loopback): navigation to the first row',
      value: Number(t.firstRowSeconds.toFixed(2)),
      unit: 's',
      target: 1,
      higherIsBetter: false,
      detail: `${t.transferredKb} KB of JavaScript and CSS transferred`,
    },
  ]
}

function benchModelChoice(): BenchResult[] {
  const t = JSON.parse(node(['bench/model-choice.bench.ts'])) as {
    simulated: { generating: string; chosen: string[]; totalErrors: number[]; former: string[] }[]
    cdnow: { chosen: string; chosenTotalError: number; pointsFromClosest: number }
  }
  const [bg, pnbd] = t.simulated as [(typeof t.simulated)[0], (typeof t.simulated)[0]]
  const percent = (e: number) => `${(e * 100).toFixed(1)} %`
  return [
    {
      name: '`auto` on 6 sets simulated from BG/NBD (2,357 customers): BG/NBD or MBG/NBD chosen',
      value: bg.chosen.filter((m) => m === 'bgnbd' || m === 'mbgnbd').length,
      unit: 'of 6',
      target: 5,
      higherIsBetter: true,
      detail: `chosen ${bg.chosen.join(', ')}; holdout totals ${bg.totalErrors.map(percent).join(', ')}; by the former smallest-MAE rule ${bg.former.join(', ')}`,
    },
    {
      name: '`auto` on 6 sets simulated from Pareto/NBD: Pareto/NBD chosen',
      value: pnbd.chosen.filter((m) => m === 'pnbd').length,
      unit: 'of 6',
      target: 4,
      higherIsBetter: true,
      detail: `chosen ${pnbd.chosen.join(', ')}; holdout totals ${pnbd.totalErrors.map(percent).join(', ')}; by the former smallest-MAE rule ${pnbd.former.join(', ')}`,
    },
    {
      name: '`auto` on CDNOW master (holdout weeks 40–78): points of holdout-total error beyond the closest candidate',
      value: Number(t.cdnow.pointsFromClosest.toFixed(1)),
      unit: 'points',
      target: 2,
      higherIsBetter: false,
      detail: `chose ${t.cdnow.chosen}, holdout total ${percent(t.cdnow.chosenTotalError)}`,
    },
  ]
}

function benchAssist(): BenchResult[] {
  const t = JSON.parse(node(['bench/assist.bench.ts'])) as {
    notes: number
    reasons: number
    accuracy: { notes: number; top1: number; top3: number }
    trainSeconds: number
    analyseMs: number
  }
  const detail = `${t.accuracy.notes} held-out notes of ${t.notes} confirmed, ${t.reasons} reasons, five-fold by note text`
  return [
    {
      name: 'reason suggestions on the demo notes: first suggestion right',
      value: Number((t.accuracy.top1 * 100).toFixed(1)),
      unit: '%',
      target: 70,
      higherIsBetter: true,
      detail,
    },
    {
      name: 'reason suggestions on the demo notes: right reason among the first three',
      value: Number((t.accuracy.top3 * 100).toFixed(1)),
      unit: '%',
      target: 90,
      higherIsBetter: true,
      detail,
    },
    {
      name: 'training the reason model (with the cross-validation)',
      value: Number(t.trainSeconds.toFixed(2)),
      unit: 's',
      higherIsBetter: false,
    },
    {
      name: 'reading one call note (reasons, day, outcome, offer, competitor), median',
      value: Number(t.analyseMs.toFixed(1)),
      unit: 'ms',
      higherIsBetter: false,
    },
  ]
}

interface ScaleStep {
  seconds: number
  writtenSeconds?: number
  customers?: number
  /** the early warning: how many are on the list */
  onList?: number
  peakRssMiB: number
}

/**
 * Issue 16: a file of many customers with few orders each, against the sqlite3 shell on the same
 * file (the physical anchor of the same run); import, the same file again, and the night, each in
 * its own process with its peak memory.
 */
function benchScale(rows: number, customers: number, dialect: 'sqlite' | 'postgres'): BenchResult[] {
  const file = path.join(tmp, `scale-${rows}.csv`)
  if (!fs.existsSync(file)) node(['bench/scale.bench.ts', 'make', file, String(rows), String(customers)])
  const bytes = fs.statSync(file).size
  let db = path.join(tmp, `scale-${rows}.sqlite`)
  if (dialect === 'postgres') {
    // a database of its own, made afresh
    const admin = process.env.WINBACK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
    for (const sql of ['DROP DATABASE IF EXISTS winback_scale', 'CREATE DATABASE winback_scale'])
      if (spawnSync('psql', ['-q', '-c', sql, admin]).status !== 0) throw new Error(`psql: ${sql} failed`)
    db = admin.replace(/\/[^/]*$/, '/winback_scale')
  }
  const anchorArgs = dialect === 'postgres' ? ['anchor-pg', file, db] : ['anchor', file, tmp]
  // the anchor before winback's steps and again after them: on a shared machine it varied by 2× within
  // a day, so a ratio is given against the faster of the two (the larger ratio) with both beside it
  const measureAnchor = () =>
    JSON.parse(node(['bench/scale.bench.ts', ...anchorArgs])) as {
      rawSeconds: number
      typedSeconds: number
      aggregateSeconds: number
    }
  const anchorBefore = measureAnchor()
  const step = (name: string) =>
    JSON.parse(node(['bench/scale.bench.ts', 'step', name, db, file])) as ScaleStep
  const imported = step('import')
  const again = step('reimport')
  const firstScore = step('score')
  // the first refresh with nothing recorded to go by decides every customer; the nights after, the due
  const firstEligibility = step('eligibility-all')
  // the early-warning list of the import's day, as the server works it out then: the night's starts from it
  step('warnings-all')
  // the day's orders before the night: one customer in a hundred buys (imported and derived by day)
  const bought = step('buy')
  // the night as the server has it, in one process: the nightly job (classification, rescore, contact
  // eligibility, attribution, early warning), then yesterday's win-back list moved on to the new day
  const night = JSON.parse(node(['bench/scale.bench.ts', 'step', 'night', db, file])) as Record<
    string,
    number
  >
  const nightlySeconds = night.seconds!
  const phases = Object.entries(night)
    .filter(([k]) => k.startsWith('phase '))
    .map(([k, v]) => `${k.slice('phase '.length)} ${v.toFixed(1)} s`)
    .join(', ')
  const lists = JSON.parse(node(['bench/scale.bench.ts', 'step', 'lists', db, file])) as Record<
    string,
    number
  >
  // the file sent through the web app's import page (previewed, not imported again)
  const uploaded = JSON.parse(node(['bench/scale.bench.ts', 'step', 'upload', db, file])) as Record<
    string,
    number
  >
  const anchorAfter = measureAnchor()
  const anchor = {
    rawSeconds: Math.min(anchorBefore.rawSeconds, anchorAfter.rawSeconds),
    typedSeconds: Math.min(anchorBefore.typedSeconds, anchorAfter.typedSeconds),
    aggregateSeconds: Math.min(anchorBefore.aggregateSeconds, anchorAfter.aggregateSeconds),
  }
  const p95s = Object.entries(lists).filter(([k]) => k.startsWith('p95 '))
  const slowest = p95s.reduce((max, [, v]) => Math.max(max, v), 0)
  const afterWrites = Object.entries(lists).filter(([k]) => k.startsWith('after a write, max '))
  const slowestAfterWrite = afterWrites.reduce((max, [, v]) => Math.max(max, v), 0)
  if (dialect === 'postgres')
    spawnSync('psql', ['-q', '-c', 'DROP DATABASE IF EXISTS winback_scale', db.replace(/\/[^/]*$/, '/test')])
  const size = `${rows.toLocaleString('en')} rows, ${(imported.customers ?? customers).toLocaleString('en')} customers, ${(bytes / 1e6).toFixed(0)} MB`
  const where = dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'
  const ratio = (seconds: number, floor: number) => Number((seconds / floor).toFixed(1))
  const both = (seconds: number, key: 'typedSeconds' | 'aggregateSeconds') =>
    `${ratio(seconds, anchorBefore[key])}× against the anchor before, ${ratio(seconds, anchorAfter[key])}× after`
  const peak = Math.max(
    imported.peakRssMiB,
    again.peakRssMiB,
    firstScore.peakRssMiB,
    firstEligibility.peakRssMiB,
    night.peakRssMiB!,
  )
  return [
    {
      name:
        dialect === 'postgres'
          ? `anchor: psql copies the file (${size}) into a staging table, then set-based inserts into typed tables with unique keys and a customer index, and one aggregate per customer`
          : `anchor: the sqlite3 shell imports the file (${size}) as text, then into typed tables with unique keys and a customer index, and one aggregate per customer`,
      value: Number(anchor.typedSeconds.toFixed(1)),
      unit: 's',
      higherIsBetter: false,
      detail: `the faster of two runs, before winback's steps (${anchorBefore.typedSeconds.toFixed(1)} s) and after them (${anchorAfter.typedSeconds.toFixed(1)} s); ${dialect === 'postgres' ? 'copy' : '.import'} ${anchor.rawSeconds.toFixed(1)} s, the aggregate alone ${anchor.aggregateSeconds.toFixed(1)} s (${anchorBefore.aggregateSeconds.toFixed(1)} and ${anchorAfter.aggregateSeconds.toFixed(1)} s)`,
    },
    {
      name: `winback imports it into ${where}, classification included, against the typed anchor`,
      value: ratio(imported.seconds, anchor.typedSeconds),
      unit: '×',
      target: 1.5,
      higherIsBetter: false,
      detail: `${imported.seconds.toFixed(1)} s (${both(imported.seconds, 'typedSeconds')}), of which written and committed after ${(imported.writtenSeconds ?? 0).toFixed(1)} s; peak ${Math.round(imported.peakRssMiB)} MiB`,
    },
    {
      name: '… the same file again (nothing changes)',
      value: Number(again.seconds.toFixed(1)),
      unit: 's',
      higherIsBetter: false,
      detail: `peak ${Math.round(again.peakRssMiB)} MiB`,
    },
    {
      name: 'the first model run (as a manager starts it: every candidate model fitted from scratch)',
      value: Number(firstScore.seconds.toFixed(1)),
      unit: 's',
      higherIsBetter: false,
      detail: `peak ${Math.round(firstScore.peakRssMiB)} MiB`,
    },
    {
      name: 'the contact eligibility of every customer (the first refresh, with no earlier one to go by)',
      value: Number(firstEligibility.seconds.toFixed(1)),
      unit: 's',
      higherIsBetter: false,
      detail: `peak ${Math.round(firstEligibility.peakRssMiB)} MiB`,
    },
    {
      name: "the next night's work as the server does it (the nightly job: classification of the customers due, with history; the rescore: the customers whose purchases changed predicted again with the last fit; contact eligibility; early warning; then the win-back list of the day before moved on to the new day) against the aggregate anchor",
      value: ratio(nightlySeconds, anchor.aggregateSeconds),
      unit: '×',
      target: 2,
      higherIsBetter: false,
      detail: `${nightlySeconds.toFixed(1)} s (${both(nightlySeconds, 'aggregateSeconds')}), after the day's orders (${(bought.customers ?? 0).toLocaleString('en')} buyers, imported in ${bought.seconds.toFixed(1)} s): the job ${night.nightlySeconds!.toFixed(1)} s (${phases}), ${(night.changed ?? 0) < 0 ? 'anybody' : (night.changed ?? 0).toLocaleString('en')} customers named as changed, the win-back list moved on in ${night.listSeconds!.toFixed(1)} s (${(night.customers ?? 0).toLocaleString('en')} lost customers; ranked whole the day before in ${night.keptListSeconds!.toFixed(1)} s); peak ${Math.round(night.peakRssMiB!)} MiB`,
    },
    {
      name: `every list of the web app from what is stored, ${where}: the slowest list's p95 (4 clients for 10 s, after two warming requests each)`,
      value: Math.round(slowest),
      unit: 'ms',
      target: 100,
      higherIsBetter: false,
      detail: `${p95s.map(([k, v]) => `${k.slice(4)} ${Math.round(v)}`).join(', ')}; first request: win-back list ${Math.round(lists['first win-back list'] ?? 0)}, Tagesliste ${Math.round(lists['first Tagesliste'] ?? 0)}`,
    },
    {
      name: `every list of the web app right after a write to one customer's data (a rating), ${where}: the slowest list's slowest request (${afterWrites.length > 0 ? 'five writes, each followed by every list' : 'not measured'})`,
      value: Math.round(slowestAfterWrite),
      unit: 'ms',
      target: 100,
      higherIsBetter: false,
      detail: afterWrites
        .map(([k, v]) => `${k.slice('after a write, max '.length)} ${Math.round(v)}`)
        .join(', '),
    },
    {
      name: `the file uploaded through the import page (multipart, as the browser sends it) to the server on ${where}: the server's peak memory`,
      value: Math.round(uploaded.serverPeakMiB ?? 0),
      unit: 'MiB',
      target: 1024,
      higherIsBetter: false,
      detail: `${(uploaded.seconds ?? 0).toFixed(1)} s until the preview answered (${(uploaded.rows ?? 0).toLocaleString('en')} rows counted); the server's peak before the upload ${Math.round(uploaded.serverPeakBeforeMiB ?? 0)} MiB`,
    },
    {
      name: 'peak memory of any of these steps (each in its own process)',
      value: Math.round(peak),
      unit: 'MiB',
      target: 1024,
      higherIsBetter: false,
      detail: [imported, again, firstScore, firstEligibility, night]
        .map((s) => Math.round(s.peakRssMiB!))
        .join(' / '),
    },
  ]
}

const only = process.argv[2]
const results: BenchResult[] = [
  ...(only === undefined || only === 'cli' ? benchCliStart(5) : []),
  ...(only === undefined || only === 'pages' ? benchPageLoad(5) : []),
  ...(only === undefined || only === 'scoring' ? benchScoring(1_000_000, 3) : []),
  ...(only === undefined || only === 'model-choice' ? benchModelChoice() : []),
  ...(only === undefined || only === 'assist' ? benchAssist() : []),
  ...(only === undefined || only === 'contact' ? benchContact(200_000, 3) : []),
  ...(only === undefined || only === 'fault' ? benchFault(6) : []),
  ...(only === undefined || only === 'load'
    ? [...benchLoad(20, 20, 'sqlite'), ...benchLoad(20, 20, 'postgres')]
    : []),
  // sizes as arguments (`npm run bench scale 10000000 1000000`); a small default
  ...(only === undefined || only === 'scale'
    ? (['sqlite', 'postgres'] as const).flatMap((dialect) =>
        benchScale(Number(process.argv[3] ?? 200_000), Number(process.argv[4] ?? 20_000), dialect),
      )
    : []),
  ...(only === undefined || only === 'import'
    ? [
        ...benchImport(1_000_000, 50_000, 5, 3),
        ...benchImport(1_000_000, 50_000, 1, 1),
        ...benchImport(1_000_000, 50_000, 1, 1, 'datev'),
      ]
    : []),
]
fs.rmSync(tmp, { recursive: true, force: true })

const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
console.log(
  `\n${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${cpu} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version}\n`,
)
console.log('| benchmark | result | target | |')
console.log('|---|---:|---:|---|')
for (const r of results) {
  const target =
    r.target === undefined ? '' : `${r.higherIsBetter ? '≥' : '≤'} ${r.target.toLocaleString('en')} ${r.unit}`
  console.log(
    `| ${r.name}${r.detail ? ` (${r.detail})` : ''} | ${r.value.toLocaleString('en')} ${r.unit} | ${target} | ${meetsTarget(r) ? 'ok' : 'MISSED'} |`,
  )
}
if (!results.every(meetsTarget)) process.exitCode = 1
