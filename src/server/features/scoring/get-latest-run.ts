import type { ModelRunDto } from '../../../shared/api/scoring'
import type { Db } from '../../db/database'
import { type Scorer, type ScoringModel, scorerFor } from './scorer'
import { fitDayOf } from './scores.repository'
import type { ModelRunRow } from './scoring.table'

/**
 * The latest scoring run for the model page, with a P(alive) heat map: for a customer observed as
 * long as the median scored customer, P(alive) by number of repeat purchases and time of the last one.
 */
export async function getLatestRun(db: Db): Promise<ModelRunDto | null> {
  const run = await db.kysely
    .selectFrom('model_runs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!run) return null
  const stats = await db.kysely
    .selectFrom('customer_scores')
    .select((eb) => [eb.fn.max('x').as('maxX'), eb.fn.avg<number>('t').as('meanT')])
    .executeTakeFirst()
  return {
    ...toDto(run),
    // an update repeats the fit of an earlier run: the day of that fit
    fittedAsOf: (await fitDayOf(db.kysely, run)) ?? run.as_of,
    heatmap: heatmap(run, Number(stats?.meanT ?? 1), Number(stats?.maxX ?? 10)),
  }
}

function toDto(run: ModelRunRow): Omit<ModelRunDto, 'heatmap' | 'fittedAsOf'> {
  return {
    id: run.id,
    createdAt: run.created_at,
    model: run.model,
    timeUnit: run.time_unit as ModelRunDto['timeUnit'],
    calibrationEnd: run.calibration_end,
    holdoutEnd: run.holdout_end,
    asOf: run.as_of,
    horizon: run.horizon,
    clvMonths: run.clv_months,
    params: JSON.parse(run.params),
    standardErrors: JSON.parse(run.standard_errors),
    logLikelihood: run.log_likelihood,
    bic: run.bic,
    chosenBy: run.chosen_by as ModelRunDto['chosenBy'],
    candidates: JSON.parse(run.candidates),
    spend: JSON.parse(run.spend),
    holdout: run.holdout ? JSON.parse(run.holdout) : null,
    warnings: JSON.parse(run.warnings),
    customers: run.customers,
    durationMs: run.duration_ms,
    predicted: run.predicted,
  }
}

function heatmap(run: ModelRunRow, meanT: number, maxX: number): ModelRunDto['heatmap'] {
  const params = JSON.parse(run.params) as Record<string, number>
  const scorer = scorerFor(run.model as ScoringModel, Object.values(params))
  if (run.model === 'bgbb') return periodHeatmap(scorer, Math.max(1, Math.round(meanT)))
  const T = Math.max(meanT, 1e-6)
  const frequencies = Array.from({ length: Math.min(Math.max(maxX, 5), 30) + 1 }, (_, x) => x)
  const recencies = Array.from({ length: 21 }, (_, i) => (T * i) / 20)
  const pAlive = frequencies.map((x) =>
    recencies.map((tx) => (x === 0 && tx > 0 ? Number.NaN : scorer.pAlive(x, x === 0 ? 0 : tx, T))),
  )
  return {
    T,
    frequencies,
    recencies,
    pAlive: pAlive.map((row) => row.map((v) => (Number.isFinite(v) ? v : -1))),
  }
}

/** BG/BB counts whole periods: x transactions in n periods, the last in period t_x (x ≤ t_x ≤ n). */
function periodHeatmap(scorer: Scorer, n: number): ModelRunDto['heatmap'] {
  const steps = Array.from({ length: Math.min(n, 30) + 1 }, (_, i) => i)
  return {
    T: n,
    frequencies: steps,
    recencies: steps,
    pAlive: steps.map((x) =>
      steps.map((tx) => (x > tx || (x === 0) !== (tx === 0) ? -1 : scorer.pAlive(x, tx, n))),
    ),
  }
}
