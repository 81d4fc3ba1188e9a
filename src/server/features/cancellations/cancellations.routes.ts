import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  cancellationInputSchema,
  cancellationOutcomeInputSchema,
  cancellationSchema,
  retentionInputSchema,
  retentionSummarySchema,
} from '../../../shared/api/cancellations'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { idParams, jsonBody, jsonResponse } from '../../http/route-parts'
import { scopeOf } from '../customers/customer-scope'
import { reclassifyCustomer } from '../lifecycle/reclassify-customer'
import {
  decideOutcome,
  listCancellations,
  recordCancellation,
  recordRetention,
  retentionSummary,
} from './cancellation.service'

const entryParams = idParams.extend({ cancellationId: z.coerce.number().int().positive() })
const done = {
  200: jsonResponse(z.object({ ok: z.literal(true) }), 'Saved'),
  ...errorResponses,
  ...notFoundResponse,
}

const list = createRoute({
  method: 'get',
  path: '/customers/{id}/cancellations',
  tags: ['cancellations'],
  summary: "The customer's contract cancellations with retention attempt and outcome",
  request: { params: idParams },
  responses: {
    200: jsonResponse(z.object({ cancellations: z.array(cancellationSchema) }), 'Cancellations'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const record = createRoute({
  method: 'post',
  path: '/customers/{id}/cancellations',
  tags: ['cancellations'],
  summary: 'Record a received cancellation with its reason; the contract is marked cancelled',
  request: { params: idParams, body: jsonBody(cancellationInputSchema) },
  responses: {
    201: jsonResponse(z.object({ id: z.number().int() }), 'Recorded'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const retention = createRoute({
  method: 'post',
  path: '/customers/{id}/cancellations/{cancellationId}/retention',
  tags: ['cancellations'],
  summary: 'Record the retention offer made while the cancellation is open',
  request: { params: entryParams, body: jsonBody(retentionInputSchema) },
  responses: done,
})

const outcome = createRoute({
  method: 'post',
  path: '/customers/{id}/cancellations/{cancellationId}/outcome',
  tags: ['cancellations'],
  summary: 'Withdrawn (the contract runs on) or effective (it ends)',
  request: { params: entryParams, body: jsonBody(cancellationOutcomeInputSchema) },
  responses: done,
})

const summary = createRoute({
  method: 'get',
  path: '/cancellations/summary',
  tags: ['cancellations'],
  summary: 'Retention in all, per offer and per reason',
  responses: { 200: jsonResponse(retentionSummarySchema, 'The summary'), ...errorResponses },
})

export function cancellationRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  const db = (c: Context<AppEnv>) => c.get('deps').db.kysely
  const scope = (c: Context<AppEnv>) => scopeOf(c.get('user'))
  // a cancellation changes the contract, so the customer's status may change at once
  const reclassify = (c: Context<AppEnv>, customerId: number) =>
    reclassifyCustomer(c.get('deps').db, customerId, actorOf(c).today)

  app.openapi(summary, async (c) => c.json(await retentionSummary(db(c), scope(c)), 200))

  app.openapi(list, async (c) =>
    c.json({ cancellations: await listCancellations(db(c), c.req.valid('param').id, scope(c)) }, 200),
  )

  app.openapi(record, async (c) => {
    const customerId = c.req.valid('param').id
    const id = await recordCancellation(db(c), customerId, c.req.valid('json'), actorOf(c), scope(c))
    await reclassify(c, customerId)
    return c.json({ id }, 201)
  })

  app.openapi(retention, async (c) => {
    const { id, cancellationId } = c.req.valid('param')
    await recordRetention(db(c), id, cancellationId, c.req.valid('json'), actorOf(c), scope(c))
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(outcome, async (c) => {
    const { id, cancellationId } = c.req.valid('param')
    await decideOutcome(db(c), id, cancellationId, c.req.valid('json'), actorOf(c), scope(c))
    await reclassify(c, id)
    return c.json({ ok: true as const }, 200)
  })

  return app
}
