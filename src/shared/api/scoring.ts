import { z } from 'zod'

/** Time units of the continuous-time models, and (month, quarter, year) the periods of BG/BB. */
export const timeUnitSchema = z.enum(['day', 'week', 'month', 'quarter', 'year'])

export const scoreRunRequestSchema = z.object({
  /** bgbb counts periods: timeUnit month, quarter or year */
  model: z.enum(['auto', 'bgnbd', 'pnbd', 'mbgnbd', 'bgbb']).default('auto'),
  timeUnit: timeUnitSchema.default('week'),
  calibrationEnd: z.string().optional(),
  holdoutEnd: z.string().optional(),
  horizon: z.number().positive().optional(),
})

export const customerScoreSchema = z.object({
  model: z.string(),
  asOf: z.string(),
  timeUnit: timeUnitSchema,
  horizon: z.number(),
  clvMonths: z.number().int(),
  x: z.number().int(),
  pAlive: z.number(),
  expectedPurchases: z.number(),
  expectedSpendCents: z.number(),
  clvCents: z.number(),
  meanIntervalDays: z.number().nullable(),
  daysSinceLastPurchase: z.number(),
})
export type CustomerScore = z.infer<typeof customerScoreSchema>

const holdoutMetrics = z.object({
  actualTotal: z.number(),
  predictedTotal: z.number(),
  meanAbsoluteError: z.number(),
  rootMeanSquaredError: z.number(),
  /** holdout predictive log-likelihood of the counts (runs before 2026-12 lack it) */
  logLikelihood: z.number().optional(),
})

export const modelRunSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  model: z.string(),
  timeUnit: timeUnitSchema,
  calibrationEnd: z.string(),
  holdoutEnd: z.string().nullable(),
  asOf: z.string(),
  horizon: z.number(),
  clvMonths: z.number().int(),
  params: z.record(z.string(), z.number()),
  standardErrors: z.record(z.string(), z.number().nullable()),
  logLikelihood: z.number(),
  bic: z.number(),
  /** kept: the nightly rescore fitted the model the last comparison chose, without comparing again */
  chosenBy: z.enum(['requested', 'holdout', 'bic', 'kept']),
  candidates: z.array(
    z.object({
      model: z.string(),
      params: z.record(z.string(), z.number()),
      logLikelihood: z.number(),
      bic: z.number(),
      converged: z.boolean(),
      atBoundary: z.boolean().default(false),
      holdout: holdoutMetrics.nullable(),
      tiedWithBest: z.boolean().optional(),
    }),
  ),
  spend: z.record(z.string(), z.unknown()),
  holdout: holdoutMetrics
    .extend({
      length: z.number(),
      byFrequency: z.array(
        z.object({
          x: z.number(),
          orMore: z.boolean(),
          customers: z.number(),
          actual: z.number(),
          predicted: z.number(),
        }),
      ),
      tracking: z.array(
        z.object({
          period: z.number(),
          end: z.number(),
          /** the period's last day (ISO); absent in runs stored before it was */
          endDay: z.string().optional(),
          actual: z.number(),
          predicted: z.number(),
          holdout: z.boolean(),
        }),
      ),
    })
    .nullable(),
  warnings: z.array(z.record(z.string(), z.unknown())),
  customers: z.number().int(),
  durationMs: z.number().int(),
  /** the day of the fit the scores were predicted with: asOf for a run that fitted */
  fittedAsOf: z.string(),
  /** a nightly update (between the weekly fits): how many customers, whose purchases changed, it predicted again; null for a run that predicted every customer */
  predicted: z.number().int().nullable(),
  /** P(alive) over repeat purchases (rows) and time of the last purchase (columns), for a customer observed T units */
  heatmap: z.object({
    T: z.number(),
    frequencies: z.array(z.number()),
    recencies: z.array(z.number()),
    pAlive: z.array(z.array(z.number())),
  }),
})
export type ModelRunDto = z.infer<typeof modelRunSchema>
