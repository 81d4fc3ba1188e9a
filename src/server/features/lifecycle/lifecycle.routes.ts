import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { dashboardSchema } from '../../../shared/api/dashboard'
import { jobSchema } from '../../../shared/api/jobs'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, validationHook } from '../../http/error-response'
import { companyToday } from '../../lib/clock'
import { isIsoDate } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { scopeOf } from '../customers/customer-scope'
import { cachedDashboard } from './get-dashboard'
import { loadThresholdSettings, saveThresholdSettings } from './threshold-settings'
import { defaultThresholds, thresholdSettingsSchema, thresholdsSchema } from './thresholds'

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
    deps.jobs.enqueue('classify', { asOf }, { ref: asOf })

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
    if (await deps.jobs.active(['classify', 'nightly']))
      throw new AppError('conflict', say('classificationRunning'))
    const started = await startClassification(
      deps,
      body.asOf ?? companyToday(deps.clock, deps.config.timeZone),
    )
    return c.json({ job: started }, 202)
  })

  app.openapi(getThresholds, async (c) => {
    const settings = await loadThresholdSettings(c.get('deps').db.kysely)
    return c.json({ defaults: defaultThresholds, settings }, 200)
  })

  app.openapi(putThresholds, async (c) => {
    const deps = c.get('deps')
    const settings = c.req.valid('json')
    await saveThresholdSettings(deps.db.kysely, settings, c.get('user').id, deps.clock().toISOString())
    const started = await startClassification(deps, companyToday(deps.clock, deps.config.timeZone))
    return c.json({ settings, job: started }, 200)
  })
  return app
}
