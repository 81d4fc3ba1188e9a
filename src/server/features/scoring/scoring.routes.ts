import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { modelRunSchema, scoreRunRequestSchema } from '../../../shared/api/scoring'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, validationHook } from '../../http/error-response'
import { companyToday } from '../../lib/clock'
import { AppError, say } from '../../lib/errors'
import { parseDate } from '../imports/parse-date'
import { getLatestRun } from './get-latest-run'
import { daysPerUnit, periodUnits, timeUnits } from './summary'

const latest = createRoute({
  method: 'get',
  path: '/scoring/latest',
  tags: ['scoring'],
  summary: 'The latest model run: parameters, model choice, holdout tracking, P(alive) heat map, warnings',
  // technical figures for managers and admins; reps see each customer's scores on the customer
  middleware: [requireRole('manager')] as const,
  responses: {
    200: {
      description: 'The run, or null before the first',
      content: { 'application/json': { schema: z.object({ run: modelRunSchema.nullable() }) } },
    },
    ...errorResponses,
  },
})

const start = createRoute({
  method: 'post',
  path: '/scoring/runs',
  tags: ['scoring'],
  summary: 'Fit the models and score every customer (in the background; poll /jobs/{id})',
  middleware: [requireRole('manager')] as const,
  request: { body: { content: { 'application/json': { schema: scoreRunRequestSchema } }, required: true } },
  responses: {
    202: {
      description: 'Started',
      content: { 'application/json': { schema: z.object({ jobId: z.string() }) } },
    },
    ...errorResponses,
  },
})

export function scoringRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(latest, async (c) => c.json({ run: await getLatestRun(c.get('deps').db) }, 200))

  app.openapi(start, async (c) => {
    const deps = c.get('deps')
    const body = c.req.valid('json')
    // dates as people type them: 2025-06-30 or 30.06.2025
    const date = (field: 'calibrationEnd' | 'holdoutEnd') => {
      const raw = body[field]
      if (raw === undefined || raw.trim() === '') return undefined
      const parsed = parseDate(raw)
      if (!parsed) throw new AppError('validation_failed', say('notADate', { field, raw }))
      return parsed
    }
    const calibrationEnd = date('calibrationEnd')
    const holdoutEnd = date('holdoutEnd')
    const today = companyToday(deps.clock, deps.config.timeZone)
    if (holdoutEnd && (!calibrationEnd || holdoutEnd <= calibrationEnd)) {
      throw new AppError('validation_failed', say('holdoutBeforeCalibration'))
    }
    if ((holdoutEnd ?? calibrationEnd ?? today) > today) {
      throw new AppError('validation_failed', say('scoresAfterToday'))
    }
    const periods: readonly string[] = periodUnits
    const units: readonly string[] = timeUnits
    if (body.model === 'bgbb' ? !periods.includes(body.timeUnit) : !units.includes(body.timeUnit))
      throw new AppError('validation_failed', body.model === 'bgbb' ? say('bgbbUnit') : say('timeUnit'))
    const userId = c.get('user').id
    const job = await deps.jobs.enqueue('score', {
      calibrationEnd: calibrationEnd ?? today,
      holdoutEnd: holdoutEnd ?? null,
      unit: body.timeUnit,
      model: body.model,
      horizon: body.horizon ?? 365 / daysPerUnit[body.timeUnit],
      userId,
    })
    return c.json({ jobId: job.id }, 202)
  })
  return app
}
