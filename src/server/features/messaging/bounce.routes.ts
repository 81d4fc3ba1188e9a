import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { jobSchema } from '../../../shared/api/jobs'
import { bounceSettingsInputSchema, bounceSettingsSchema } from '../../../shared/api/messaging'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, validationHook } from '../../http/error-response'
import { jsonBody, jsonResponse } from '../../http/route-parts'
import { AppError, say } from '../../lib/errors'
import { loadBounceSettings, saveBounceSettings } from './bounce-settings'

const read = createRoute({
  method: 'get',
  path: '/mail/bounces',
  tags: ['messaging'],
  summary: 'The bounce mailbox (IMAP) returned mail is read from, and its last check',
  middleware: [requireRole('manager')] as const,
  responses: { 200: jsonResponse(bounceSettingsSchema, 'Settings'), ...errorResponses },
})

const write = createRoute({
  method: 'put',
  path: '/mail/bounces',
  tags: ['messaging'],
  summary: 'Set the bounce mailbox (admins); the password is stored encrypted',
  middleware: [requireRole('admin')] as const,
  request: { body: jsonBody(bounceSettingsInputSchema) },
  responses: { 200: jsonResponse(bounceSettingsSchema, 'Saved'), ...errorResponses },
})

const check = createRoute({
  method: 'post',
  path: '/mail/bounces/check',
  tags: ['messaging'],
  summary: 'Read the bounce mailbox now (in the background; poll /jobs/{id})',
  middleware: [requireRole('manager')] as const,
  responses: { 202: jsonResponse(z.object({ job: jobSchema }), 'Queued'), ...errorResponses },
})

export function bounceRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(read, async (c) => {
    const deps = c.get('deps')
    return c.json(await loadBounceSettings(deps.db.kysely, deps.config), 200)
  })

  app.openapi(write, async (c) => {
    const deps = c.get('deps')
    const actor = actorOf(c)
    const input = c.req.valid('json')
    if (input.enabled && input.host === '') throw new AppError('validation_failed', say('mailboxHostMissing'))
    await saveBounceSettings(deps.db.kysely, input, deps.config, actor.userId, actor.now)
    return c.json(await loadBounceSettings(deps.db.kysely, deps.config), 200)
  })

  app.openapi(check, async (c) => {
    const deps = c.get('deps')
    const settings = await loadBounceSettings(deps.db.kysely, deps.config)
    if (!settings.enabled || settings.host === '') throw new AppError('conflict', say('noBounceMailbox'))
    return c.json({ job: await deps.jobs.enqueue('read_bounces', {}) }, 202)
  })
  return app
}
