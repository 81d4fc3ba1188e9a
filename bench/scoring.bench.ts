import { fitModel } from '../src/server/features/scoring/fit'
import { groupSummaries } from '../src/server/features/scoring/groups'
import { predictCustomers } from '../src/server/features/scoring/score'
import { likelihoodModels, scorerFor } from '../src/server/features/scoring/scorer'
import { gammaSample, seededRandom } from '../src/server/features/scoring/simulate'
import { SummaryColumns } from '../src/server/features/scoring/summary'

/**
 * One process: simulates a deterministic customer base of N customers from the Pareto/NBD story
 * (CDNOW-like parameters, first purchases spread over 12 weeks, 39 weeks observed, purchase days
 * whole days), then times grouping, the three fits and all predictions. Prints JSON.
 * Usage: tsx bench/scoring.bench.ts N
 */
const n = Number(process.argv[2] ?? 1_000_000)

// a seeded generator (mulberry32, Marsaglia–Tsang gammas), so every run sees the same base
const uniform = seededRandom(20261123)
const gamma = (shape: number, rate: number) => gammaSample(uniform, shape, rate)

const truth = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }
const end = 39 * 7
const summaries = new SummaryColumns()
for (let i = 0; i < n; i++) {
  const lambda = gamma(truth.r, truth.alpha) / 7 // per day
  const mu = gamma(truth.s, truth.beta) / 7
  const first = Math.floor(uniform() * 84)
  const death = first - Math.log(uniform()) / mu
  let day = first
  let last = first
  let x = 0
  let spend = 0
  for (;;) {
    day += -Math.log(uniform()) / lambda
    if (day > end || day > death) break
    const d = Math.floor(day)
    if (d === last) continue
    last = d
    x++
    spend += 2000 + Math.floor(uniform() * 4000)
  }
  summaries.push(String(i), {
    x,
    tx: (last - first) / 7,
    T: (end - first) / 7,
    monetaryCents: x > 0 ? spend / x : 0,
    firstDay: first,
  })
}

const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now()
  const value = f()
  return [value, (performance.now() - t) / 1000]
}
const [data, groupSeconds] = timed(() => groupSummaries(summaries))
const fits: Record<string, { seconds: number; params: Record<string, number>; converged: boolean }> = {}
for (const model of ['bgnbd', 'pnbd', 'mbgnbd'] as const) {
  const [fit, seconds] = timed(() => fitModel(likelihoodModels[model], data))
  fits[model] = { seconds, params: fit.params, converged: fit.converged }
}
const scorer = scorerFor('pnbd', Object.values(fits.pnbd!.params))
const [scored, predictSeconds] = timed(() =>
  predictCustomers(
    scorer,
    summaries,
    { model: 'gamma-gamma', params: { p: 6.25, q: 3.74, gamma: 15.44 }, logLikelihood: 0, customers: n },
    {
      unit: 'week',
      calibrationEnd: end,
      model: 'pnbd',
      horizon: 52,
      clvMonths: 12,
      monthlyDiscountRate: 0.01,
    },
  ),
)
if (scored.length !== n || scored.some((c) => !Number.isFinite(c.clvCents)))
  throw new Error('bad predictions')
console.log(
  JSON.stringify({
    customers: n,
    groups: data.size,
    groupSeconds,
    fits,
    predictSeconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
)
