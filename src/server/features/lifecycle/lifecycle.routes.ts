import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { dashboardSchema } from '../../../shared/api/dashboard'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { companyToday } from '../../lib/clock'
import { isIsoDate } from '../../lib/dates'
import { AppError } from '../../lib/errors'
import { scopeOf } from '../customers/customer-scope'
import { classifyCustomers } from './classify-customers'
import { cachedDashboard } from './get-dashboard'
import { loadThresholdSettings, saveThresholdSettings } from './threshold-settings'
import { defaultThresholds, thresholdSettingsSchema, thresholdsSchema } from './thresholds'

const jobSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  phase: z.string(),
  done: z.number(),
  total: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  ref: z.string().nullable(),
})

const dashboard = createRoute({
  method: 'get',
  path: '/dashboard',
  tags: ['lifecycle'],
  summary: 'Customers per status, lost annual revenue, status changes of the last 12 months',
  responses: {
    200: { description: 'The overview', content: { 'application/json': { schema: dashboardSchema } } },
    ...errorResponses,
  },
})

const classify = createRoute({
  method: 'post',
  path: '/lifecycle/classify',
  tags: ['lifecycle'],
  summary: 'Reclassify every customer (in the background); as of today unless a date is given',
  middleware: [requireRole('manager')] as const,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ asOf: z.string().refine(isIsoDate, 'YYYY-MM-DD').optional() }),
        },
      },
      required: false,
    },
  },
  responses: {
    202: {
      description: 'Started',
      content: { 'application/json': { schema: z.object({ job: jobSchema }) } },
    },
    ...errorResponses,
  },
})

const job = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  tags: ['lifecycle'],
  summary: 'Progress of a background job',
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: {
    200: {
      description: 'The job',
      content: { 'application/json': { schema: z.object({ job: jobSchema }) } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const getThresholds = createRoute({
  method: 'get',
  path: '/lifecycle/thresholds',
  tags: ['lifecycle'],
  summary: 'The classification thresholds: defaults, global settings and per-segment overrides',
  responses: {
    200: {
      description: 'Thresholds',
      content: {
        'application/json': {
          schema: z.object({ defaults: thresholdsSchema, settings: thresholdSettingsSchema }),
        },
      },
    },
    ...errorResponses,
  },
})

const putThresholds = createRoute({
  method: 'put',
  path: '/lifecycle/thresholds',
  tags: ['lifecycle'],
  summary: 'Change the thresholds (manager, admin) and reclassify',
  middleware: [requireRole('manager')] as const,
  request: { body: { content: { 'application/json': { schema: thresholdSettingsSchema } }, required: true } },
  responses: {
    200: {
      description: 'Saved',
      content: {
        'application/json': { schema: z.object({ settings: thresholdSettingsSchema, job: jobSchema }) },
      },
    },
    ...errorResponses,
  },
})

export function lifecycleRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  const startClassification = (deps: AppEnv['Variables']['deps'], asOf: string) =>
    deps.jobs.start('classify', asOf, (report) =>
      classifyCustomers({
        db: deps.db,
        asOf,
        onProgress: (done, total) => report('classifying', done, total),
      }),
    )

  app.openapi(dashboard, async (c) => {
    const deps = c.get('deps')
    const result = await cachedDashboard({
      db: deps.db,
      scope: scopeOf(c.get('user')),
      today: companyToday(deps.clock, deps.config.timeZone),
    })
    return c.json(result, 200)
  })

  app.openapi(classify, async (c) => {
    const deps = c.get('deps')
    const body = c.req.valid('json') ?? {}
    if (deps.jobs.isRunning('classify')) throw new AppError('conflict', 'A classification is running already')
    const started = startClassification(deps, body.asOf ?? companyToday(deps.clock, deps.config.timeZone))
    return c.json({ job: started }, 202)
  })

  app.openapi(job, (c) => {
    const found = c.get('deps').jobs.get(c.req.valid('param').id)
    if (!found) throw new AppError('not_found', 'No such job')
    return c.json({ job: found }, 200)
  })

  app.openapi(getThresholds, async (c) => {
    const settings = await loadThresholdSettings(c.get('deps').db.kysely)
    return c.json({ defaults: defaultThresholds, settings }, 200)
  })

  app.openapi(putThresholds, async (c) => {
    const deps = c.get('deps')
    const settings = c.req.valid('json')
    await saveThresholdSettings(deps.db.kysely, settings, c.get('user').id, deps.clock().toISOString())
    const started = startClassification(deps, companyToday(deps.clock, deps.config.timeZone))
    return c.json({ settings, job: started }, 200)
  })
  return app
}
