import { addMonths, endOfMonth, fromEpochDay, type IsoDate, toEpochDay } from '../../lib/dates'
import { maximizeLikelihood } from './fit'
import { type HoldoutCustomer, holdoutMetrics, holdoutReport } from './holdout'
import { type BgBbParams, bgBbCountProbability, bgBbLogLikelihood, type DiscreteRow } from './models/bgbb'
import {
  addDataWarnings,
  type CustomerTransactions,
  fitSpend,
  laterPurchaseWarnings,
  lazilyPredicted,
  type Prepared,
  purchasesAfter,
  reportOf,
  type ScoredBase,
  type ScoreOptions,
  type ScoreResult,
  type ScoreWarning,
  scoreBase,
  withCustomers,
} from './score'
import { bgBbScorer } from './scorer'
import { type CustomerSummary, type PeriodUnit, periodUnits, purchaseDays, SummaryColumns } from './summary'

const MONTHS: Record<PeriodUnit, number> = { month: 1, quarter: 3, year: 12 }

/** Any model: BG/BB through scoreDiscrete, the continuous-time models through scoreCustomers. */
export function scoreWithModel(
  customers: readonly CustomerTransactions[],
  options: ScoreOptions,
): ScoreResult {
  return withCustomers(scoreBaseWithModel(customers, options))
}

/** The same, with each customer's predictions made when read (ScoredBase). */
export function scoreBaseWithModel(
  customers: readonly CustomerTransactions[],
  options: ScoreOptions,
): ScoredBase {
  return options.model === 'bgbb' ? scoreDiscreteBase(customers, options) : scoreBase(customers, options)
}

/**
 * The periods a BG/BB analysis counts, anchored at the calibration end so every period is whole:
 * period 0 ends on the calibration end, period −1 the period before, period 1 the first after it
 * (for a holdout). A calibration end on a month's last day keeps periods on month ends (31.12. back
 * one quarter is 30.09.).
 */
export class Periods {
  private readonly ends: number[] = []
  private readonly first: number

  constructor(calibrationEnd: number, unit: PeriodUnit, from: number, to: number) {
    const end = fromEpochDay(calibrationEnd)
    const monthEnd = endOfMonth(end) === end
    const shift = (k: number): number => {
      const date = addMonths(end, k * MONTHS[unit]) as IsoDate
      return toEpochDay(monthEnd ? endOfMonth(date) : date)
    }
    let k = 0
    while (shift(k) >= from) k--
    this.first = k
    for (; shift(k - 1) < to; k++) this.ends.push(shift(k))
  }

  /** The last day of period k. */
  endOf(k: number): number {
    return this.ends[k - this.first]!
  }

  /** The last period that is whole by an epoch day (the one containing it, if it ends that day). */
  wholeUpTo(day: number): number {
    const k = this.of(day)
    return this.endOf(k) > day ? k - 1 : k
  }

  /** The index of the period containing an epoch day (between `from` and `to`). */
  of(day: number): number {
    let lo = 0
    let hi = this.ends.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.ends[mid]! >= day) hi = mid
      else lo = mid + 1
    }
    return this.first + lo
  }
}

interface PeriodSummary {
  id: string
  /** the period of the first purchase (≤ 0) */
  acquired: number
  /** periods with purchases (after the acquisition period) up to the holdout end */
  active: number[]
  /** net value of each of those periods, in cents */
  cents: number[]
  firstDay: number
}

function summarizePeriods(
  customers: readonly CustomerTransactions[],
  periods: Periods,
  calibrationEnd: number,
  end: number,
): { summaries: PeriodSummary[]; skipped: number } {
  const summaries: PeriodSummary[] = []
  let skipped = 0
  for (const c of customers) {
    const transactions = c.transactions
    const days = purchaseDays(transactions.filter((t) => t.day <= end))
    if (days.length === 0 || days[0]!.day > calibrationEnd) {
      if (days.length === 0 && transactions.some((t) => t.day <= calibrationEnd)) skipped++
      continue
    }
    const acquired = periods.of(days[0]!.day)
    const byPeriod = new Map<number, number>()
    for (const d of days) {
      const k = periods.of(d.day)
      if (k > acquired) byPeriod.set(k, (byPeriod.get(k) ?? 0) + d.amountCents)
    }
    const active = [...byPeriod.keys()].sort((a, b) => a - b)
    summaries.push({
      id: c.id,
      acquired,
      active,
      cents: active.map((k) => byPeriod.get(k)!),
      firstDay: days[0]!.day,
    })
  }
  return { summaries, skipped }
}

/** x transactions in n = −acquired periods after the first, the last in period t_x (0 if none). */
function rowOf(s: PeriodSummary, through: number): { x: number; tx: number; n: number } {
  const active = s.active.filter((k) => k <= through)
  return {
    x: active.length,
    tx: active.length > 0 ? active.at(-1)! - s.acquired : 0,
    n: through - s.acquired,
  }
}

function grouped(rows: readonly { x: number; tx: number; n: number }[]): DiscreteRow[] {
  const byKey = new Map<string, DiscreteRow>()
  for (const r of rows) {
    const key = `${r.x}:${r.tx}:${r.n}`
    const row = byKey.get(key)
    if (row) row.weight = (row.weight ?? 1) + 1
    else byKey.set(key, { ...r, weight: 1 })
  }
  return [...byKey.values()]
}

function fitBgBb(rows: readonly { x: number; tx: number; n: number }[], customers: number) {
  const data = grouped(rows)
  return maximizeLikelihood({
    name: 'bgbb',
    parameterNames: ['alpha', 'beta', 'gamma', 'delta'],
    start: [1, 1, 1, 1],
    customers,
    groups: data.length,
    evaluate: (v) => ({ value: bgBbLogLikelihood(v, data), gradient: null }),
  })
}

/**
 * Scores with BG/BB (Fader, Hardie & Shang 2010) where purchases are discrete opportunities: a
 * yearly donation, a seasonal order. Each customer's history becomes whole periods (year, quarter or
 * month, anchored at the calibration end); a period with any purchase counts once, and its value is
 * the period's net. With a holdout the fit on calibration is checked on the holdout periods, then
 * refitted up to the holdout end, like the continuous-time models.
 */
export function scoreDiscrete(
  customers: readonly CustomerTransactions[],
  options: ScoreOptions,
): ScoreResult {
  return withCustomers(scoreDiscreteBase(customers, options))
}

function scoreDiscreteBase(customers: readonly CustomerTransactions[], options: ScoreOptions): ScoredBase {
  const unit = options.unit
  if (!(periodUnits as readonly string[]).includes(unit))
    throw new Error(`BG/BB counts periods: month, quarter or year, not ${unit}`)
  const period = unit as PeriodUnit
  const end = options.holdoutEnd ?? options.calibrationEnd
  let from = end
  for (const c of customers) for (const t of c.transactions) from = Math.min(from, t.day)
  const periods = new Periods(options.calibrationEnd, period, from, end)
  const { summaries, skipped } = summarizePeriods(customers, periods, options.calibrationEnd, end)
  if (summaries.length === 0) throw new Error('No customer bought anything before the end of calibration')
  const calibrationRows = summaries.map((s) => rowOf(s, 0))
  const calibrationFit = fitBgBb(calibrationRows, summaries.length)
  const warnings: ScoreWarning[] = []
  let holdout: ScoreResult['holdout'] = null
  let candidateHoldout: ScoreResult['candidates'][number]['holdout'] = null
  // only whole holdout periods: a period cut off by the holdout end would count as a whole chance
  const holdoutPeriods =
    options.holdoutEnd === undefined ? 0 : Math.max(0, periods.wholeUpTo(options.holdoutEnd))
  const asOf = holdoutPeriods > 0 ? periods.endOf(holdoutPeriods) : options.calibrationEnd
  if (holdoutPeriods > 0) {
    const p = paramsOf(calibrationFit.values)
    const origin = Math.min(...summaries.map((s) => s.acquired))
    // times in periods since the earliest acquisition; a period's purchases sit at its middle
    const people: HoldoutCustomer[] = summaries.map((s, i) => {
      const row = calibrationRows[i]!
      return {
        x: row.x,
        tx: row.tx,
        T: row.n,
        first: s.acquired - origin,
        actual: s.active.filter((k) => k > 0 && k <= holdoutPeriods).length,
        repeatTimes: s.active.filter((k) => k <= holdoutPeriods).map((k) => k - origin - 0.5),
      }
    })
    const logLikelihoods = Float64Array.from(people, (c) =>
      Math.log(bgBbCountProbability(p, c.actual, holdoutPeriods, c.x, c.tx, c.T)),
    )
    const scorer = bgBbScorer(p)
    candidateHoldout = holdoutMetrics(scorer, people, holdoutPeriods, logLikelihoods)
    holdout = holdoutReport(scorer, people, {
      length: holdoutPeriods,
      calibrationEnd: -origin,
      metrics: candidateHoldout,
      // time t is period t + origin, period 0 ending on the calibration end
      dayAt: (t) => periods.endOf(Math.round(t) + origin),
    })
    const { predictedTotal, actualTotal } = holdout
    if (actualTotal > 0 && Math.abs(predictedTotal - actualTotal) / actualTotal > 0.2)
      warnings.push({ code: 'holdout_bias', predicted: predictedTotal, actual: actualTotal })
  }
  const finalRows = summaries.map((s) => rowOf(s, holdoutPeriods))
  const fit = holdoutPeriods > 0 ? fitBgBb(finalRows, summaries.length) : calibrationFit
  const columns = new SummaryColumns()
  for (const [i, s] of summaries.entries()) columns.push(s.id, summaryOf(s, finalRows[i]!, holdoutPeriods))
  const prepared: Pick<Prepared, 'summaries' | 'skipped'> = { summaries: columns, skipped }
  const spend = fitSpend(prepared.summaries, options.starts?.spend)
  addDataWarnings(warnings, prepared, fit, 'bgbb', spend)
  const result: Omit<ScoreResult, 'customers'> = {
    model: 'bgbb',
    timeUnit: unit,
    params: fit.params,
    standardErrors: fit.standardErrors,
    logLikelihood: fit.logLikelihood,
    bic: fit.bic,
    converged: fit.converged,
    chosenBy: 'requested',
    candidates: [{ ...reportOf('bgbb', calibrationFit), holdout: candidateHoldout }],
    spend,
    holdout,
    warnings: [...warnings, ...laterPurchaseWarnings(purchasesAfter(customers, asOf), asOf, options.today)],
    asOf,
    calibrationEnd: options.calibrationEnd,
    holdoutEnd: holdoutPeriods > 0 ? asOf : null,
    horizon: options.horizon,
  }
  return lazilyPredicted(result, bgBbScorer(paramsOf(fit.values)), prepared.summaries, spend, options)
}

function paramsOf(values: readonly number[]): BgBbParams {
  const [alpha, beta, gamma, delta] = values as [number, number, number, number]
  return { alpha, beta, gamma, delta }
}

/** The summary predictCustomers reads, in periods; the value is the mean of the repeat periods'. */
function summaryOf(
  s: PeriodSummary,
  row: { x: number; tx: number; n: number },
  through: number,
): CustomerSummary {
  const values = s.cents.filter((_, i) => s.active[i]! <= through)
  const monetaryCents = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0
  return { x: row.x, tx: row.tx, T: row.n, monetaryCents, firstDay: s.firstDay }
}
