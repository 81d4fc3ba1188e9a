import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  campaignDetailSchema,
  campaignInputSchema,
  campaignMembersQuerySchema,
  campaignSchema,
} from '../../../shared/api/campaigns'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { idParams, jsonBody, jsonResponse } from '../../http/route-parts'
import {
  closeCampaign,
  createCampaign,
  deleteCampaign,
  getCampaign,
  launchCampaign,
  listCampaigns,
} from './campaign.service'

const manager = () => [requireRole('manager')]
const ok = jsonResponse(z.object({ ok: z.literal(true) }), 'Done')

const list = createRoute({
  method: 'get',
  path: '/campaigns',
  tags: ['campaigns'],
  summary: 'Campaigns with their arms, cost, budget and power preview',
  responses: {
    200: jsonResponse(z.object({ campaigns: z.array(campaignSchema) }), 'Campaigns'),
    ...errorResponses,
  },
})
const create = createRoute({
  method: 'post',
  path: '/campaigns',
  tags: ['campaigns'],
  summary:
    'Create a draft: the target group as a snapshot of the win-back list (contactable only), routed, split into treatment and control (managers)',
  middleware: manager(),
  request: { body: jsonBody(campaignInputSchema) },
  responses: { 201: jsonResponse(z.object({ id: z.number().int() }), 'Created'), ...errorResponses },
})
const detail = createRoute({
  method: 'get',
  path: '/campaigns/{id}',
  tags: ['campaigns'],
  summary: 'One campaign, its arms per stratum and a page of its members',
  request: { params: idParams, query: campaignMembersQuerySchema },
  responses: { 200: jsonResponse(campaignDetailSchema, 'Campaign'), ...errorResponses, ...notFoundResponse },
})
const launch = createRoute({
  method: 'post',
  path: '/campaigns/{id}/launch',
  tags: ['campaigns'],
  summary: 'Start a draft: treated members go onto their assignees’ Tageslisten (managers)',
  middleware: manager(),
  request: { params: idParams },
  responses: { 200: ok, ...errorResponses, ...notFoundResponse },
})
const close = createRoute({
  method: 'post',
  path: '/campaigns/{id}/close',
  tags: ['campaigns'],
  summary: 'Close a running campaign (managers)',
  middleware: manager(),
  request: { params: idParams },
  responses: { 200: ok, ...errorResponses, ...notFoundResponse },
})
const remove = createRoute({
  method: 'delete',
  path: '/campaigns/{id}',
  tags: ['campaigns'],
  summary: 'Delete a draft (managers)',
  middleware: manager(),
  request: { params: idParams },
  responses: { 200: ok, ...errorResponses, ...notFoundResponse },
})

export function campaignRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  const db = (c: Context<AppEnv>) => c.get('deps').db.kysely
  const done = { ok: true as const }
  app.openapi(list, async (c) => c.json({ campaigns: await listCampaigns(db(c)) }, 200))
  app.openapi(create, async (c) =>
    c.json({ id: await createCampaign(db(c), c.req.valid('json'), actorOf(c)) }, 201),
  )
  app.openapi(detail, async (c) =>
    c.json(await getCampaign(db(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  app.openapi(launch, async (c) => {
    await launchCampaign(db(c), c.req.valid('param').id, actorOf(c))
    return c.json(done, 200)
  })
  app.openapi(close, async (c) => {
    await closeCampaign(db(c), c.req.valid('param').id, actorOf(c))
    return c.json(done, 200)
  })
  app.openapi(remove, async (c) => {
    await deleteCampaign(db(c), c.req.valid('param').id)
    return c.json(done, 200)
  })
  return app
}
