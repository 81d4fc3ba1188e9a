import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  earlyWarningListSchema,
  earlyWarningQuerySchema,
  earlyWarningSettingsSchema,
  warningSignInputSchema,
  warningSignSchema,
} from '../../../shared/api/prevention'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { idParams, jsonBody, jsonResponse } from '../../http/route-parts'
import { AppError, say } from '../../lib/errors'
import { scopeOf } from '../customers/customer-scope'
import {
  deleteWarningSign,
  listEarlyWarnings,
  listWarningSigns,
  recordWarningSign,
} from './prevention.service'
import { loadEarlyWarningSettings, saveEarlyWarningSettings } from './prevention-settings'

const ok = z.object({ ok: z.literal(true) })

const list = createRoute({
  method: 'get',
  path: '/early-warnings',
  tags: ['prevention'],
  summary:
    'Active customers whose risk rises, biggest expected loss first, with their signals and a retention step (reps: their own)',
  request: { query: earlyWarningQuerySchema },
  responses: { 200: jsonResponse(earlyWarningListSchema, 'The list'), ...errorResponses },
})

const refresh = createRoute({
  method: 'post',
  path: '/early-warnings/refresh',
  tags: ['prevention'],
  summary: 'Work the list out now (it is also done every night); runs in the background (managers)',
  middleware: [requireRole('manager')] as const,
  responses: {
    202: jsonResponse(z.object({ jobId: z.string() }), 'Started'),
    ...errorResponses,
  },
})

const readSettings = createRoute({
  method: 'get',
  path: '/early-warnings/settings',
  tags: ['prevention'],
  summary: 'When P(alive) counts as fallen, and how long a recorded warning sign counts',
  responses: { 200: jsonResponse(earlyWarningSettingsSchema, 'Settings'), ...errorResponses },
})

const writeSettings = createRoute({
  method: 'put',
  path: '/early-warnings/settings',
  tags: ['prevention'],
  summary: 'Change the early-warning settings (managers); the list is worked out again',
  middleware: [requireRole('manager')] as const,
  request: { body: jsonBody(earlyWarningSettingsSchema) },
  responses: {
    200: jsonResponse(
      z.object({ jobId: z.string().nullable() }),
      'Saved; the job working the list out again',
    ),
    ...errorResponses,
  },
})

const signs = createRoute({
  method: 'get',
  path: '/customers/{id}/warning-signs',
  tags: ['prevention'],
  summary: 'The warning signs recorded on a customer, newest first',
  request: { params: idParams },
  responses: {
    200: jsonResponse(z.object({ signs: z.array(warningSignSchema) }), 'Signs'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const addSign = createRoute({
  method: 'post',
  path: '/customers/{id}/warning-signs',
  tags: ['prevention'],
  summary: 'Record a warning sign (complaint, cancelled visit, competitor mentioned, contact person left)',
  request: { params: idParams, body: jsonBody(warningSignInputSchema) },
  responses: {
    201: jsonResponse(z.object({ id: z.number().int() }), 'Recorded'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const dropSign = createRoute({
  method: 'delete',
  path: '/warning-signs/{id}',
  tags: ['prevention'],
  summary: 'Take back a warning sign recorded by mistake (its author or a manager)',
  request: { params: idParams },
  responses: { 200: jsonResponse(ok, 'Deleted'), ...errorResponses, ...notFoundResponse },
})

export function preventionRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  const scope = (c: Context<AppEnv>) => scopeOf(c.get('user'))

  app.openapi(list, async (c) =>
    c.json(
      await listEarlyWarnings(c.get('deps').db.kysely, {
        scope: scope(c),
        today: actorOf(c).today,
        onlyNew: c.req.valid('query').onlyNew === 'true',
      }),
      200,
    ),
  )

  app.openapi(refresh, async (c) => {
    const deps = c.get('deps')
    const actor = actorOf(c)
    if (await deps.jobs.active(['early_warnings'])) throw new AppError('conflict', say('listBeingWorked'))
    const job = await deps.jobs.enqueue('early_warnings', { today: actor.today }, { ref: actor.today })
    return c.json({ jobId: job.id }, 202)
  })

  app.openapi(readSettings, async (c) => c.json(await loadEarlyWarningSettings(c.get('deps').db.kysely), 200))

  app.openapi(writeSettings, async (c) => {
    const deps = c.get('deps')
    const actor = actorOf(c)
    await saveEarlyWarningSettings(deps.db.kysely, c.req.valid('json'), actor.userId!, actor.now)
    // long work runs one job after another: this one sees the new settings
    const job = await deps.jobs.enqueue('early_warnings', { today: actor.today }, { ref: actor.today })
    return c.json({ jobId: job.id }, 200)
  })

  app.openapi(signs, async (c) =>
    c.json(
      { signs: await listWarningSigns(c.get('deps').db.kysely, c.req.valid('param').id, scope(c)) },
      200,
    ),
  )

  app.openapi(addSign, async (c) => {
    const id = await recordWarningSign(
      c.get('deps').db,
      c.req.valid('param').id,
      c.req.valid('json'),
      actorOf(c),
      scope(c),
    )
    return c.json({ id }, 201)
  })

  app.openapi(dropSign, async (c) => {
    const user = c.get('user')
    await deleteWarningSign(
      c.get('deps').db,
      c.req.valid('param').id,
      actorOf(c),
      { id: user.id, role: user.role },
      scope(c),
    )
    return c.json({ ok: true as const }, 200)
  })
  return app
}
