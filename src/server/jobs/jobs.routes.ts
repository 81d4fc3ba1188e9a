import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { jobSchema } from '../../shared/api/jobs'
import type { AppEnv } from '../http/app-env'
import { errorResponses, notFoundResponse, validationHook } from '../http/error-response'
import { AppError, say } from '../lib/errors'

const job = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  tags: ['jobs'],
  summary:
    'A background job (import, classification, scoring, …): queued, running with progress, done or failed',
  request: { params: z.object({ id: z.coerce.number().int().positive() }) },
  responses: {
    200: {
      description: 'The job',
      content: { 'application/json': { schema: z.object({ job: jobSchema }) } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
})

export function jobsRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.openapi(job, async (c) => {
    const found = await c.get('deps').jobs.get(c.req.valid('param').id)
    if (!found) throw new AppError('not_found', say('noSuchJob'))
    return c.json({ job: found }, 200)
  })
  return app
}
