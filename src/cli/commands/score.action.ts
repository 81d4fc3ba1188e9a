import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { customerNumbersById } from '../../server/features/customers/customer.repository'
import { type ScoredBase, type ScoreResult, withCustomers } from '../../server/features/scoring/score'
import { scoreCustomerBase } from '../../server/features/scoring/score-customer-base'
import { scoreBaseWithModel } from '../../server/features/scoring/score-discrete'
import { type ScoringModel, scoringModels } from '../../server/features/scoring/scorer'
import { daysPerUnit, periodUnits, type TimeUnit, timeUnits } from '../../server/features/scoring/summary'
import { readTransactionsCsv } from '../../server/features/scoring/transactions-file'
import { fromEpochDay, isIsoDate, todayIn, toEpochDay } from '../../server/lib/dates'
import { describeScore, describeScoreWarning } from '../../shared/i18n/describe'
import { type Locale, readerValue } from '../../shared/i18n/format'
import { createTranslator } from '../../shared/i18n/index'
import { cliTranslator } from '../cli-text'
import { type GlobalOptions, withContext } from '../context'
import { createProgress } from '../progress'

interface ScoreCliOptions {
  model: string
  calibrationEnd?: string
  holdoutEnd?: string
  timeUnit: string
  period?: string
  horizon?: string
  clvMonths: string
  discountRate: string
  json?: boolean
  transactions?: string
  progress: boolean
}

function check(options: ScoreCliOptions) {
  if (!['auto', ...scoringModels].includes(options.model))
    throw new Error(`--model must be auto, ${scoringModels.join(', ')}`)
  if (!(timeUnits as readonly string[]).includes(options.timeUnit))
    throw new Error('--time-unit must be day, week or month')
  if (options.model === 'bgbb' && !(periodUnits as readonly string[]).includes(options.period ?? ''))
    throw new Error('--model bgbb needs --period year, quarter or month')
  if (options.period !== undefined && options.model !== 'bgbb')
    throw new Error('--period is for --model bgbb; the other models use --time-unit')
  for (const [name, value] of [
    ['--calibration-end', options.calibrationEnd],
    ['--holdout-end', options.holdoutEnd],
  ] as const) {
    if (value !== undefined && !isIsoDate(value))
      throw new Error(`${name} must be a date YYYY-MM-DD, not "${value}"`)
  }
  if (options.holdoutEnd && !options.calibrationEnd)
    throw new Error('--holdout-end needs --calibration-end (where the holdout starts)')
  if (options.holdoutEnd && options.calibrationEnd && options.holdoutEnd <= options.calibrationEnd) {
    throw new Error('--holdout-end must be after --calibration-end')
  }
}

/** The JSON of `winback score`: see docs/cli.md. */
function toJson(result: ScoreResult, numberOf: (id: string) => string, clvMonths: number, locale: Locale) {
  const money = (cents: number) => Math.round(cents) / 100
  const { t } = createTranslator(locale)
  return {
    model: result.model,
    timeUnit: result.timeUnit,
    params: result.params,
    standardErrors: result.standardErrors,
    logLikelihood: result.logLikelihood,
    bic: result.bic,
    chosenBy: result.chosenBy,
    candidates: result.candidates,
    spend: result.spend,
    holdout: result.holdout,
    warnings: result.warnings,
    asOf: fromEpochDay(result.asOf),
    calibrationEnd: fromEpochDay(result.calibrationEnd),
    holdoutEnd: result.holdoutEnd === null ? null : fromEpochDay(result.holdoutEnd),
    horizon: result.horizon,
    customers: result.customers.map((c) => ({
      customerNumber: numberOf(c.id),
      x: c.x,
      tx: c.tx,
      T: c.T,
      pAlive: c.pAlive,
      expectedPurchases: c.expectedPurchases,
      expectedSpend: money(c.expectedSpendCents),
      clv: money(c.clvCents),
      explanation: describeScore(
        t,
        { ...c, timeUnit: result.timeUnit, horizon: result.horizon, clvMonths },
        locale,
      ),
    })),
  }
}

type CalibrationEndSource = 'given' | 'today' | 'future' | 'last'

/** The model, dates, fits and warnings of a scoring, in the --lang language. */
function printSummary(result: ScoredBase, locale: Locale, source: CalibrationEndSource) {
  const out = process.stdout
  const { t } = createTranslator(locale)
  const say = cliTranslator(locale)
  // statistics keep their significant digits, written the reader's way
  const figure = (x: number, digits: number) => Number(x.toFixed(digits))
  const line = (text: string) => out.write(`${text}\n`)
  line(
    say('cli.score.head', {
      model: result.model,
      chosenBy: t(`model.chosenBy.${result.chosenBy}`),
      unit: t(`model.units.${result.timeUnit}`),
    }),
  )
  line(
    say('cli.score.dates', {
      calibrationEnd: fromEpochDay(result.calibrationEnd),
      source: say(`cli.score.source.${source}`),
      holdout:
        result.holdoutEnd === null
          ? ''
          : say('cli.score.holdout', { holdoutEnd: fromEpochDay(result.holdoutEnd) }),
      asOf: fromEpochDay(result.asOf),
    }),
  )
  line(
    say('cli.score.parameters', {
      list: Object.entries(result.params)
        .map(([k, v]) => `${k} = ${readerValue(Number(v.toPrecision(5)), locale)}`)
        .join(', '),
    }),
  )
  line(say('cli.score.fit', { logLikelihood: figure(result.logLikelihood, 2), bic: figure(result.bic, 1) }))
  for (const c of result.candidates) {
    const holdout = c.holdout
      ? say('cli.score.candidateHoldout', {
          logLikelihood: figure(c.holdout.logLikelihood, 1),
          tied: c.tiedWithBest ? say('cli.score.tied') : '',
          predicted: Math.round(c.holdout.predictedTotal),
          actual: c.holdout.actualTotal,
          mae: figure(c.holdout.meanAbsoluteError, 4),
        })
      : ''
    line(
      `  ${say('cli.score.candidate', {
        model: c.model.padEnd(7),
        logLikelihood: figure(c.logLikelihood, 2),
        bic: figure(c.bic, 1),
        holdout,
      })}`,
    )
  }
  for (const w of result.warnings)
    line(say('cli.score.warning', { text: describeScoreWarning(t, w, locale) }))
  line(say('cli.score.scored', { count: result.customerCount }))
}

export const runScore = async (options: ScoreCliOptions, command: Command) => {
  check(options)
  const unit = (options.model === 'bgbb' ? options.period : options.timeUnit) as TimeUnit
  const horizon = options.horizon ? Number(options.horizon) : 365 / daysPerUnit[unit]
  const common = {
    unit,
    model: options.model as 'auto' | ScoringModel,
    horizon,
    clvMonths: Number(options.clvMonths),
    monthlyDiscountRate: Number(options.discountRate),
  }
  if (options.transactions) {
    const customers = readTransactionsCsv(
      path.basename(options.transactions),
      fs.readFileSync(options.transactions),
    )
    let last = 0
    for (const c of customers) for (const t of c.transactions) last = Math.max(last, t.day)
    // without --calibration-end: the file's last purchase, but never a day after today
    const today = toEpochDay(todayIn())
    const calibrationEnd = options.calibrationEnd ? toEpochDay(options.calibrationEnd) : Math.min(last, today)
    const source: CalibrationEndSource = options.calibrationEnd ? 'given' : last > today ? 'future' : 'last'
    const result = scoreBaseWithModel(customers, {
      ...common,
      calibrationEnd,
      holdoutEnd: options.holdoutEnd ? toEpochDay(options.holdoutEnd) : undefined,
      today,
    })
    const locale: Locale = command.optsWithGlobals<GlobalOptions>().lang === 'en' ? 'en' : 'de'
    if (options.json)
      process.stdout.write(
        `${JSON.stringify(toJson(withCustomers(result), (id) => id, common.clvMonths, locale))}\n`,
      )
    else printSummary(result, locale, source)
    return
  }
  await withContext(command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
    const progress = createProgress(options.progress, ctx.locale)
    const stored = await scoreCustomerBase({
      db: ctx.db,
      ...common,
      calibrationEnd: options.calibrationEnd ?? ctx.today,
      holdoutEnd: options.holdoutEnd,
      today: ctx.today,
      onProgress: progress.update,
    })
    progress.stop()
    if (options.json) {
      const numbers = await customerNumbersById(ctx.db.kysely)
      process.stdout.write(
        `${JSON.stringify(
          toJson(
            withCustomers(stored.result),
            (id) => numbers.get(Number(id)) ?? id,
            common.clvMonths,
            ctx.locale,
          ),
        )}\n`,
      )
    } else printSummary(stored.result, ctx.locale, options.calibrationEnd ? 'given' : 'today')
  })
}
