import { fromEpochDay, type IsoDate } from '../../lib/dates'
import { unitsPerMonth } from './clv'
import { type FitResult, fitModel, insideBounds, maximizeLikelihood } from './fit'
import { type GroupedData, groupSummaries } from './groups'
import {
  type HoldoutCustomer,
  type HoldoutMetrics,
  type HoldoutReport,
  holdoutCountLogLikelihoods,
  holdoutMetrics,
  holdoutReport,
} from './holdout'
import {
  type GammaGammaParams,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  spendColumns,
} from './models/gamma-gamma'
import {
  likelihoodModels,
  type Scorer,
  type ScoringModel,
  scorerFor,
  type TransactionModel,
  transactionModels,
} from './scorer'
import {
  type CustomerSummary,
  daysPerUnit,
  purchaseDays,
  SummaryColumns,
  summarize,
  type TimeUnit,
  type Transaction,
} from './summary'

export interface CustomerTransactions {
  id: string
  /** may be made afresh on every read (PackedTransactions): read once per pass */
  readonly transactions: readonly Transaction[]
  /**
   * `summarize` of the transactions, where the holder can make it without them (PackedTransactions:
   * a purchase ledger's days); undefined where it cannot
   */
  summarize?(calibrationEnd: number, unit: TimeUnit): CustomerSummary | null | undefined
}

export interface ScoreOptions {
  unit: TimeUnit
  /** last day of calibration (epoch day) */
  calibrationEnd: number
  /** with a holdout: the models are compared on (calibrationEnd, holdoutEnd], then refitted up to holdoutEnd */
  holdoutEnd?: number
  /** BG/BB goes through scoreDiscrete (score-discrete.ts) */
  model: 'auto' | ScoringModel
  /** the horizon of expectedPurchases, in time units */
  horizon: number
  clvMonths: number
  monthlyDiscountRate: number
  /** the horizon of the value if won back, in months (default: clvMonths) */
  wonBackMonths?: number
  penalty?: number
  /** today (epoch day): purchases after it are reported as dated in the future */
  today?: number
  /**
   * Where the fits start: the parameters the last run found (a night's new data move them little,
   * so the optimiser needs a few steps instead of a hundred). The calibration fits start from
   * `calibration[model]`, the refit up to the holdout end from `final` when it is the same model.
   */
  starts?: FitStarts
  /**
   * the model is the one an earlier comparison chose, fitted again without comparing (the nightly
   * rescore between the weekly comparisons): reported as chosen by 'kept', not as requested
   */
  keptChoice?: boolean
}

export interface FitStarts {
  calibration: Partial<Record<TransactionModel, Record<string, number>>>
  final: { model: ScoringModel; params: Record<string, number> } | null
  /** the spend model's (Gamma-Gamma) parameters */
  spend?: GammaGammaParams
}

/** A start for a model's fit from named parameters, or undefined when they do not fit it. */
function startFor(model: TransactionModel, params: Record<string, number> | undefined): number[] | undefined {
  if (!params) return undefined
  const values = likelihoodModels[model].parameterNames.map((name) => params[name])
  return values.every((v): v is number => v !== undefined && Number.isFinite(v) && v > 0) ? values : undefined
}

export interface CandidateReport {
  model: ScoringModel
  params: Record<string, number>
  logLikelihood: number
  bic: number
  converged: boolean
  /** a parameter ran to the edge of its range: the model does not describe these data well */
  atBoundary: boolean
  holdout: HoldoutMetrics | null
  /** with a holdout: the holdout cannot tell this model from the one that predicted it best */
  tiedWithBest?: boolean
}

export type SpendModel =
  | {
      model: 'gamma-gamma'
      params: { p: number; q: number; gamma: number }
      logLikelihood: number
      customers: number
    }
  | { model: 'mean'; meanCents: number; customers: number }

export type ScoreWarning =
  | { code: 'few_customers'; customers: number }
  | { code: 'few_repeat_buyers'; repeatBuyers: number }
  | { code: 'not_converged'; model: ScoringModel }
  | { code: 'at_boundary'; model: ScoringModel }
  | { code: 'one_time_buyers_assumed_alive'; share: number }
  | { code: 'holdout_bias'; predicted: number; actual: number }
  | { code: 'spend_model_mean'; repeatBuyers: number }
  | { code: 'spend_frequency_correlated'; correlation: number }
  | { code: 'no_purchases'; customers: number }
  /** purchases after the day scored were left out */
  | { code: 'purchases_after_as_of'; purchases: number; customers: number; asOf: IsoDate; latest: IsoDate }
  /** purchases dated after today: a typing error in the data, or orders not yet delivered */
  | { code: 'future_purchases'; purchases: number; latest: IsoDate; today: IsoDate }

export interface ScoredCustomer {
  id: string
  x: number
  tx: number
  T: number
  pAlive: number
  expectedPurchases: number
  expectedSpendCents: number
  clvCents: number
  /**
   * If won back: the customer's expected purchases over the won-back horizon and their discounted
   * revenue, as if they had just made their last purchase (alive, with the purchase rate and spend
   * they showed while buying). No probability of being alive is mixed in: that is the win-back
   * probability's job.
   */
  wonBackPurchases: number
  wonBackValueCents: number
  /** days between purchases on average (t_x / x), null for one purchase */
  meanIntervalDays: number | null
  daysSinceLastPurchase: number
}

export interface ScoreResult {
  model: ScoringModel
  timeUnit: TimeUnit
  params: Record<string, number>
  standardErrors: Record<string, number | null>
  logLikelihood: number
  bic: number
  converged: boolean
  chosenBy: 'requested' | 'holdout' | 'bic' | 'kept'
  candidates: CandidateReport[]
  spend: SpendModel
  holdout: HoldoutReport | null
  warnings: ScoreWarning[]
  /** the day the scores describe (epoch day): the holdout end if there is one, else the calibration end */
  asOf: number
  /** the dates used (epoch days) */
  calibrationEnd: number
  holdoutEnd: number | null
  horizon: number
  customers: ScoredCustomer[]
}

/**
 * A scored base whose customers' predictions are made when read, one at a time: a million
 * customers' predictions held as objects took 400 MB beside everything else a scoring run holds.
 */
export interface ScoredBase extends Omit<ScoreResult, 'customers'> {
  /** how many customers were scored */
  customerCount: number
  /** the predictions of the customer at `index` (0 … customerCount − 1, in the order they came), made afresh */
  customerAt(index: number): ScoredCustomer
}

/** Every customer's predictions at once, as ScoreResult has them. */
export function withCustomers(base: ScoredBase): ScoreResult {
  const { customerCount, customerAt, ...result } = base
  return { ...result, customers: Array.from({ length: customerCount }, (_, i) => customerAt(i)) }
}

/** A base whose customers are predicted when read (see ScoredBase). */
export function lazilyPredicted(
  result: Omit<ScoreResult, 'customers'>,
  scorer: Scorer,
  summaries: Prepared['summaries'],
  spend: SpendModel,
  options: ScoreOptions,
): ScoredBase {
  const predict = customerPredictor(scorer, spend, options)
  return {
    ...result,
    customerCount: summaries.length,
    customerAt: (i) => predict(summaries.ids[i]!, summaries.at(i)),
  }
}

const MIN_CUSTOMERS = 500
const MIN_REPEAT_BUYERS = 30
const MIN_SPEND_BUYERS = 20

export interface Prepared {
  summaries: SummaryColumns
  data: GroupedData
  skipped: number
}

function prepare(customers: readonly CustomerTransactions[], end: number, unit: TimeUnit): Prepared {
  const { summaries, skipped } = summariesOf(customers, end, unit)
  return { summaries, data: groupSummaries(summaries), skipped }
}

/** The customers' summaries as of `end`, and how many of those who bought by then have none. */
function summariesOf(
  customers: readonly CustomerTransactions[],
  end: number,
  unit: TimeUnit,
): { summaries: SummaryColumns; skipped: number } {
  const summaries = new SummaryColumns()
  let skipped = 0
  for (const c of customers) {
    // a packed ledger summarised where it lies: no object per transaction for a million customers
    const packed = c.summarize?.(end, unit)
    if (packed !== undefined) {
      if (packed) summaries.push(c.id, packed)
      continue
    }
    // read once: a packed customer (packed-transactions.ts) makes its transactions on every read
    const transactions = c.transactions
    const summary = summarize(transactions, end, unit)
    if (summary) summaries.push(c.id, summary)
    else if (transactions.some((t) => t.day <= end)) skipped++
  }
  return { summaries, skipped }
}

/** A run's fit: what predicting customers again takes without fitting (predictWithFit). */
export interface FittedModel {
  model: TransactionModel
  params: Record<string, number>
  spend: SpendModel
}

/**
 * The customers' predictions as of the options' day (the holdout end, else the calibration end)
 * from a fit made before, without fitting: the nightly update of the customers whose data changed
 * between the weekly fits. The same predictions as scoreBase makes with that fit.
 */
export function predictWithFit(
  customers: readonly CustomerTransactions[],
  fitted: FittedModel,
  options: ScoreOptions,
): Pick<ScoredBase, 'customerCount' | 'customerAt'> {
  const { summaries } = summariesOf(customers, options.holdoutEnd ?? options.calibrationEnd, options.unit)
  const values = likelihoodModels[fitted.model].parameterNames.map((name) => fitted.params[name]!)
  const predict = customerPredictor(scorerFor(fitted.model, values), fitted.spend, options)
  return {
    customerCount: summaries.length,
    customerAt: (i) => predict(summaries.ids[i]!, summaries.at(i)),
  }
}

function fitAll(
  models: readonly TransactionModel[],
  data: GroupedData,
  penalty: number | undefined,
  starts: FitStarts['calibration'] | undefined,
): Map<TransactionModel, FitResult> {
  return new Map(
    models.map((m) => [m, fitModel(likelihoodModels[m], data, { penalty, start: startFor(m, starts?.[m]) })]),
  )
}

/** Holdout data of every customer who bought in calibration. */
function holdoutCustomers(
  customers: readonly CustomerTransactions[],
  prepared: Prepared,
  options: ScoreOptions,
): HoldoutCustomer[] {
  const scale = daysPerUnit[options.unit]
  const byId = new Map(customers.map((c) => [c.id, c]))
  const { summaries } = prepared
  let origin = Number.POSITIVE_INFINITY
  for (const s of summaries) origin = Math.min(origin, s.firstDay)
  return Array.from({ length: summaries.length }, (_, i) => {
    const id = summaries.ids[i]!
    const summary = summaries.at(i)
    const days = purchaseDays((byId.get(id)?.transactions ?? []).filter((t) => t.day <= options.holdoutEnd!))
    const repeat = days.slice(1)
    return {
      x: summary.x,
      tx: summary.tx,
      T: summary.T,
      first: (summary.firstDay - origin) / scale,
      actual: repeat.filter((d) => d.day > options.calibrationEnd).length,
      repeatTimes: repeat.map((d) => (d.day - origin) / scale),
    }
  })
}

export function fitSpend(summaries: Iterable<CustomerSummary>, start?: GammaGammaParams): SpendModel {
  // the repeat buyers' x and mean spend, as numbers: a million as row objects cost a second of the fit
  const xs: number[] = []
  const ms: number[] = []
  let spent = 0
  let purchases = 0
  for (const s of summaries)
    if (s.x > 0 && s.monetaryCents > 0) {
      const m = s.monetaryCents / 100
      xs.push(s.x)
      ms.push(m)
      spent += m * s.x
      purchases += s.x
    }
  const mean = xs.length > 0 ? (spent / purchases) * 100 : 0
  if (xs.length < MIN_SPEND_BUYERS) return { model: 'mean', meanCents: mean, customers: xs.length }
  const rows = spendColumns({ x: xs, m: ms })
  const fitFrom = (values: number[]) =>
    maximizeLikelihood({
      name: 'gamma-gamma',
      parameterNames: ['p', 'q', 'gamma'],
      start: values,
      customers: rows.length,
      groups: rows.length,
      evaluate: (v) => gammaGammaLogLikelihood(v, rows),
    })
  // from the last run's parameters where there are some (the nightly rescore): a few steps instead of
  // many. Not from the edge of the range, where the likelihood is flat (spends that barely vary), and
  // from the usual start again when that does not converge: the same fit either way.
  const warmStart = validStart(start)
  const warm = warmStart ? fitFrom(warmStart) : null
  const fit = warm?.converged ? warm : fitFrom([1, 2, Math.max(1, mean / 100)])
  const params = { p: fit.params.p!, q: fit.params.q!, gamma: fit.params.gamma! }
  // q ≤ 1 means the population mean spend is infinite: the model does not describe this data
  if (!fit.converged || params.q <= 1) return { model: 'mean', meanCents: mean, customers: rows.length }
  return { model: 'gamma-gamma', params, logLikelihood: fit.logLikelihood, customers: rows.length }
}

function validStart(start: GammaGammaParams | undefined): number[] | undefined {
  if (!start) return undefined
  const values = [start.p, start.q, start.gamma]
  return values.every((v) => Number.isFinite(v) && v > 0) && insideBounds(values) ? values : undefined
}

function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length
  if (n < 3) return 0
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my)
    sxx += (xs[i]! - mx) ** 2
    syy += (ys[i]! - my) ** 2
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0
}

/**
 * Scores a customer base: fits the transaction model(s) and the spend model, chooses a model (by
 * holdout error when there is a holdout, else by BIC), and predicts for every customer P(alive),
 * expected purchases over the horizon, expected spend and the discounted CLV. Pure: transactions in,
 * numbers out.
 */
export function scoreCustomers(
  customers: readonly CustomerTransactions[],
  options: ScoreOptions,
): ScoreResult {
  return withCustomers(scoreBase(customers, options))
}

/** The same, with each customer's predictions made when read. */
export function scoreBase(customers: readonly CustomerTransactions[], options: ScoreOptions): ScoredBase {
  const warnings: ScoreWarning[] = []
  const requested = options.model
  if (requested === 'bgbb') throw new Error('BG/BB scores periods: use scoreDiscrete')
  const candidates: TransactionModel[] = requested === 'auto' ? [...transactionModels] : [requested]
  const calibration = prepare(customers, options.calibrationEnd, options.unit)
  if (calibration.summaries.length === 0)
    throw new Error('No customer bought anything before the end of calibration')
  let chosen: TransactionModel
  let chosenBy: ScoreResult['chosenBy']
  let holdout: HoldoutReport | null = null
  const calibrationFits = fitAll(candidates, calibration.data, options.penalty, options.starts?.calibration)
  const reports: CandidateReport[] = []
  if (options.holdoutEnd !== undefined && options.holdoutEnd > options.calibrationEnd) {
    const length = (options.holdoutEnd - options.calibrationEnd) / daysPerUnit[options.unit]
    const people = holdoutCustomers(customers, calibration, options)
    const perCustomer = new Map<TransactionModel, Float64Array>()
    for (const [model, fit] of calibrationFits) {
      const logLikelihoods = holdoutCountLogLikelihoods(likelihoodModels[model], fit.values, people, length)
      perCustomer.set(model, logLikelihoods)
      reports.push({
        ...reportOf(model, fit),
        holdout: holdoutMetrics(scorerFor(model, fit.values), people, length, logLikelihoods),
      })
    }
    markTies(reports, perCustomer)
    const choice = chooseModel(reports, 'holdout')
    chosen = candidates.find((m) => m === choice)!
    chosenBy = candidates.length > 1 ? 'holdout' : singleChoice(options)
    let calibrationEndUnits = 0
    for (const p of people) calibrationEndUnits = Math.max(calibrationEndUnits, p.first + p.T)
    holdout = holdoutReport(scorerFor(chosen, calibrationFits.get(chosen)!.values), people, {
      length,
      calibrationEnd: calibrationEndUnits,
      metrics: reports.find((r) => r.model === chosen)!.holdout!,
      // the calibration end is the last of the calibration's time units
      dayAt: (t) => options.calibrationEnd - (calibrationEndUnits - t) * daysPerUnit[options.unit],
    })
    const { predictedTotal, actualTotal } = holdout
    if (actualTotal > 0 && Math.abs(predictedTotal - actualTotal) / actualTotal > 0.2) {
      warnings.push({ code: 'holdout_bias', predicted: predictedTotal, actual: actualTotal })
    }
  } else {
    for (const [model, fit] of calibrationFits) reports.push({ ...reportOf(model, fit), holdout: null })
    const choice = chooseModel(reports, 'bic')
    chosen = candidates.find((m) => m === choice)!
    chosenBy = candidates.length > 1 ? 'bic' : singleChoice(options)
  }
  // the scores describe today: refit the chosen model on everything up to the holdout end
  const asOf = options.holdoutEnd ?? options.calibrationEnd
  const final = options.holdoutEnd === undefined ? calibration : prepare(customers, asOf, options.unit)
  const fit =
    options.holdoutEnd === undefined
      ? calibrationFits.get(chosen)!
      : fitModel(likelihoodModels[chosen], final.data, {
          penalty: options.penalty,
          start:
            options.starts?.final?.model === chosen
              ? startFor(chosen, options.starts.final.params)
              : undefined,
        })
  const spend = fitSpend(final.summaries, options.starts?.spend)
  addDataWarnings(warnings, final, fit, chosen, spend)
  const result: Omit<ScoreResult, 'customers'> = {
    model: chosen,
    timeUnit: options.unit,
    params: fit.params,
    standardErrors: fit.standardErrors,
    logLikelihood: fit.logLikelihood,
    bic: fit.bic,
    converged: fit.converged,
    chosenBy,
    candidates: reports,
    spend,
    holdout,
    warnings: [...warnings, ...laterPurchaseWarnings(purchasesAfter(customers, asOf), asOf, options.today)],
    asOf,
    calibrationEnd: options.calibrationEnd,
    holdoutEnd: options.holdoutEnd ?? null,
    horizon: options.horizon,
  }
  return lazilyPredicted(result, scorerFor(chosen, fit.values), final.summaries, spend, options)
}

function singleChoice(options: ScoreOptions): 'kept' | 'requested' {
  return options.keptChoice ? 'kept' : 'requested'
}

export function reportOf(model: ScoringModel, fit: FitResult): Omit<CandidateReport, 'holdout'> {
  return {
    model,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    bic: fit.bic,
    converged: fit.converged,
    atBoundary: fit.atBoundary,
  }
}

/**
 * When the holdout cannot tell models apart, the one with the weaker assumptions: Pareto/NBD lets
 * customers leave at any time, independent of buying; BG/NBD only after a repeat purchase; MBG/NBD
 * also right at the first.
 */
const PREFERENCE: readonly ScoringModel[] = ['pnbd', 'bgnbd', 'mbgnbd']

/**
 * Marks the candidates the holdout cannot tell from the best predictor: the difference of their
 * holdout log-likelihoods is within two standard errors of its customer-by-customer differences.
 */
export function markTies(
  reports: CandidateReport[],
  perCustomer: ReadonlyMap<ScoringModel, Float64Array>,
): void {
  const eligible = usable(reports)
  const best = eligible.reduce((a, b) => (b.holdout!.logLikelihood > a.holdout!.logLikelihood ? b : a))
  const bestValues = perCustomer.get(best.model)!
  for (const report of reports) {
    if (!eligible.includes(report)) {
      report.tiedWithBest = false
      continue
    }
    const values = perCustomer.get(report.model)!
    const n = values.length
    let mean = 0
    for (let i = 0; i < n; i++) mean += bestValues[i]! - values[i]!
    mean /= n
    let variance = 0
    for (let i = 0; i < n; i++) variance += (bestValues[i]! - values[i]! - mean) ** 2
    const standardError = n > 1 ? Math.sqrt((variance / (n - 1)) * n) : 0
    report.tiedWithBest = mean * n <= 2 * standardError
  }
}

/**
 * With a holdout: the candidate whose fit made the observed holdout counts most probable (the
 * holdout predictive log-likelihood); among those the holdout cannot tell apart (markTies), the
 * weaker assumptions (PREFERENCE). A BIC tie-break would decide nothing here: all three models have
 * four parameters, so BIC is the calibration fit, which on CDNOW prefers MBG/NBD, whose holdout
 * total is the furthest off. Without a holdout: the smallest BIC. Fits the data do not determine
 * are passed over unless every candidate is like that.
 */
export function chooseModel(reports: readonly CandidateReport[], by: 'holdout' | 'bic'): ScoringModel {
  const eligible = usable(reports)
  if (by === 'bic') return [...eligible].sort((a, b) => a.bic - b.bic)[0]!.model
  const best = eligible.reduce((a, b) => (b.holdout!.logLikelihood > a.holdout!.logLikelihood ? b : a))
  const tied = eligible.filter((r) => r === best || r.tiedWithBest)
  return tied.sort((a, b) => PREFERENCE.indexOf(a.model) - PREFERENCE.indexOf(b.model))[0]!.model
}

/** The candidates the data determine, or all when none is. */
function usable<R extends Omit<CandidateReport, 'holdout'>>(reports: readonly R[]): R[] {
  const determined = reports.filter((r) => !degenerate(r))
  return determined.length > 0 ? determined : [...reports]
}

/**
 * A fit that did not converge or ran to a parameter bound is chosen only when every candidate is
 * like that: its predictions rest on parameters the data do not determine.
 */
function degenerate(report: Omit<CandidateReport, 'holdout'>): boolean {
  return !report.converged || report.atBoundary
}

export function addDataWarnings(
  warnings: ScoreWarning[],
  prepared: Pick<Prepared, 'summaries' | 'skipped'>,
  fit: FitResult,
  model: ScoringModel,
  spend: SpendModel,
): void {
  const n = prepared.summaries.length
  // the repeat buyers' x and mean spend, for their correlation
  const xs: number[] = []
  const spends: number[] = []
  for (const s of prepared.summaries)
    if (s.x > 0) {
      xs.push(s.x)
      spends.push(s.monetaryCents)
    }
  const repeatBuyers = xs.length
  if (n < MIN_CUSTOMERS) warnings.push({ code: 'few_customers', customers: n })
  if (repeatBuyers < MIN_REPEAT_BUYERS) warnings.push({ code: 'few_repeat_buyers', repeatBuyers })
  if (!fit.converged) warnings.push({ code: 'not_converged', model })
  if (fit.atBoundary) warnings.push({ code: 'at_boundary', model })
  const once = (n - repeatBuyers) / n
  if (model === 'bgnbd' && once > 0.5) warnings.push({ code: 'one_time_buyers_assumed_alive', share: once })
  if (spend.model === 'mean') warnings.push({ code: 'spend_model_mean', repeatBuyers: spend.customers })
  const r = correlation(xs, spends)
  if (Math.abs(r) > 0.3) warnings.push({ code: 'spend_frequency_correlated', correlation: r })
  if (prepared.skipped > 0) warnings.push({ code: 'no_purchases', customers: prepared.skipped })
}

/** Predictions for every customer (customerPredictor for each). */
export function predictCustomers(
  scorer: Scorer,
  summaries: Prepared['summaries'],
  spend: SpendModel,
  options: ScoreOptions,
): ScoredCustomer[] {
  const predict = customerPredictor(scorer, spend, options)
  return Array.from({ length: summaries.length }, (_, i) => predict(summaries.ids[i]!, summaries.at(i)))
}

/**
 * A customer's predictions. What depends only on (x, T) — the expected purchases of an alive
 * customer over the horizon and per CLV month — is computed once per distinct (x, T) and shared
 * by every customer the predictor is asked for.
 */
export function customerPredictor(
  scorer: Scorer,
  spend: SpendModel,
  options: ScoreOptions,
): (id: string, summary: CustomerSummary) => ScoredCustomer {
  const scale = daysPerUnit[options.unit]
  const perMonth = unitsPerMonth[options.unit]
  const shapes = new Map<number, Map<number, { horizon: number; discounted: number }>>()
  const shapeOf = (x: number, T: number) => {
    let byT = shapes.get(x)
    if (!byT) {
      byT = new Map()
      shapes.set(x, byT)
    }
    let shape = byT.get(T)
    if (!shape) {
      const { discounted } = discountedPurchases(
        scorer,
        x,
        T,
        options.clvMonths,
        perMonth,
        options.monthlyDiscountRate,
      )
      shape = { horizon: scorer.ifAlive(options.horizon, x, T), discounted }
      byT.set(T, shape)
    }
    return shape
  }
  const wonBackMonths = options.wonBackMonths ?? options.clvMonths
  // keyed by (x, t_x): as if observed up to the last purchase, where the customer was surely alive
  const wonBackShapes = new Map<number, Map<number, { purchases: number; discounted: number }>>()
  const wonBackShapeOf = (x: number, tx: number) => {
    let byTx = wonBackShapes.get(x)
    if (!byTx) {
      byTx = new Map()
      wonBackShapes.set(x, byTx)
    }
    let shape = byTx.get(tx)
    if (!shape) {
      const curve = discountedPurchases(scorer, x, tx, wonBackMonths, perMonth, options.monthlyDiscountRate)
      shape = { purchases: curve.total, discounted: curve.discounted }
      byTx.set(tx, shape)
    }
    return shape
  }
  const population =
    spend.model === 'gamma-gamma'
      ? (spend.params.p * spend.params.gamma * 100) / (spend.params.q - 1)
      : spend.meanCents
  return (id, s) => {
    const pAlive = scorer.pAlive(s.x, s.tx, s.T)
    const shape = shapeOf(s.x, s.T)
    // a repeat buyer whose repeat purchases were worth nothing is shrunk from m = 0, not given the mean
    const expectedSpendCents =
      spend.model === 'gamma-gamma' && s.x > 0
        ? gammaGammaExpectedSpend(spend.params, s.x, Math.max(0, s.monetaryCents) / 100) * 100
        : population
    const wonBack = wonBackShapeOf(s.x, s.tx)
    return {
      id,
      x: s.x,
      tx: s.tx,
      T: s.T,
      pAlive,
      expectedPurchases: pAlive * shape.horizon,
      expectedSpendCents,
      clvCents: pAlive * shape.discounted * expectedSpendCents,
      wonBackPurchases: wonBack.purchases,
      wonBackValueCents: wonBack.discounted * expectedSpendCents,
      meanIntervalDays: s.x > 0 ? (s.tx / s.x) * scale : null,
      daysSinceLastPurchase: (s.T - s.tx) * scale,
    }
  }
}

/**
 * Expected purchases of a customer alive at T (having bought x times after the first purchase) over
 * the next `months`, in total and discounted month by month at the monthly rate (as lifetimes'
 * customer_lifetime_value does).
 */
function discountedPurchases(
  scorer: Scorer,
  x: number,
  T: number,
  months: number,
  unitsPerMonth: number,
  monthlyDiscountRate: number,
): { total: number; discounted: number } {
  let discounted = 0
  let previous = 0
  for (let month = 1; month <= months; month++) {
    const cumulative = scorer.ifAlive(month * unitsPerMonth, x, T)
    discounted += (cumulative - previous) / (1 + monthlyDiscountRate) ** month
    previous = cumulative
  }
  return { total: previous, discounted }
}

/** The purchases (not credit notes) after a day, with their customers. */
export function purchasesAfter(
  customers: readonly CustomerTransactions[],
  day: number,
): { customer: string; day: number }[] {
  const later: { customer: string; day: number }[] = []
  for (const c of customers)
    for (const t of c.transactions)
      if (t.day > day && t.amountCents >= 0) later.push({ customer: c.id, day: t.day })
  return later
}

/**
 * Says which purchases the scores did not see: those after the day scored, and those dated after
 * today, so a file with a date in 2030 is not scored as of 2030 (or without them) without a word.
 */
export function laterPurchaseWarnings(
  later: readonly { customer: string; day: number }[],
  asOf: number,
  today?: number,
): ScoreWarning[] {
  const warnings: ScoreWarning[] = []
  const after = later.filter((p) => p.day > asOf)
  if (after.length > 0)
    warnings.push({
      code: 'purchases_after_as_of',
      purchases: after.length,
      customers: new Set(after.map((p) => p.customer)).size,
      asOf: fromEpochDay(asOf),
      latest: fromEpochDay(after.reduce((max, p) => Math.max(max, p.day), after[0]!.day)),
    })
  if (today !== undefined) {
    const future = later.filter((p) => p.day > today)
    if (future.length > 0)
      warnings.push({
        code: 'future_purchases',
        purchases: future.length,
        latest: fromEpochDay(future.reduce((max, p) => Math.max(max, p.day), future[0]!.day)),
        today: fromEpochDay(today),
      })
  }
  return warnings
}
