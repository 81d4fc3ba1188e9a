import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  causeOverviewSchema,
  churnReasonInputSchema,
  churnReasonSchema,
  churnReasonUpdateSchema,
  customerReasonInputSchema,
  customerReasonSchema,
} from '../../../shared/api/churn'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { sendSpreadsheet, spreadsheetResponse } from '../../http/file-response'
import { idParams, jsonBody, jsonResponse } from '../../http/route-parts'
import { scopeOf } from '../customers/customer-scope'
import { causeOverviewCsv, causeOverviewXlsx } from './cause-export'
import {
  addCustomerReason,
  causeOverview,
  createReason,
  listCustomerReasons,
  listReasons,
  removeCustomerReason,
  updateReason,
} from './churn.service'

const catalogue = createRoute({
  method: 'get',
  path: '/churn-reasons',
  tags: ['churn'],
  summary: 'The catalogue of churn reasons (retired ones with ?all=true)',
  request: { query: z.object({ all: z.enum(['true', 'false']).optional() }) },
  responses: {
    200: jsonResponse(z.object({ reasons: z.array(churnReasonSchema) }), 'Reasons'),
    ...errorResponses,
  },
})

const addReason = createRoute({
  method: 'post',
  path: '/churn-reasons',
  tags: ['churn'],
  summary: 'Add a reason to the catalogue (admins)',
  middleware: [requireRole()] as const,
  request: { body: jsonBody(churnReasonInputSchema) },
  responses: { 201: jsonResponse(churnReasonSchema, 'Added'), ...errorResponses },
})

const changeReason = createRoute({
  method: 'patch',
  path: '/churn-reasons/{id}',
  tags: ['churn'],
  summary: 'Rename, reclassify, move, retire or reactivate a reason (admins); the history is kept',
  middleware: [requireRole()] as const,
  request: { params: idParams, body: jsonBody(churnReasonUpdateSchema) },
  responses: { 200: jsonResponse(churnReasonSchema, 'Changed'), ...errorResponses, ...notFoundResponse },
})

const customerReasons = createRoute({
  method: 'get',
  path: '/customers/{id}/churn-reasons',
  tags: ['churn'],
  summary: "The reasons recorded for a customer's loss",
  request: { params: idParams },
  responses: {
    200: jsonResponse(z.object({ reasons: z.array(customerReasonSchema) }), 'Recorded reasons'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const recordReason = createRoute({
  method: 'post',
  path: '/customers/{id}/churn-reasons',
  tags: ['churn'],
  summary: 'Record a reason (reps for their own customers)',
  request: { params: idParams, body: jsonBody(customerReasonInputSchema) },
  responses: {
    201: jsonResponse(z.object({ id: z.number().int() }), 'Recorded'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const removeReason = createRoute({
  method: 'delete',
  path: '/customers/{id}/churn-reasons/{reasonEntryId}',
  tags: ['churn'],
  summary: 'Remove a recorded reason',
  request: { params: idParams.extend({ reasonEntryId: z.coerce.number().int().positive() }) },
  responses: {
    200: jsonResponse(z.object({ ok: z.literal(true) }), 'Removed'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const overview = createRoute({
  method: 'get',
  path: '/churn-reasons/overview',
  tags: ['churn'],
  summary: 'Per reason: lost customers, lost annual revenue, remediation cost, came back; Pareto order',
  responses: { 200: jsonResponse(causeOverviewSchema, 'The overview'), ...errorResponses },
})

const overviewExport = createRoute({
  method: 'get',
  path: '/churn-reasons/overview/export',
  tags: ['churn'],
  summary: 'The cause overview as CSV or Excel',
  request: {
    query: z.object({
      format: z.enum(['csv', 'xlsx']).default('csv'),
      lang: z.enum(['de', 'en']).optional(),
    }),
  },
  responses: {
    200: spreadsheetResponse,
    ...errorResponses,
  },
})

export function churnRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  const db = (c: Context<AppEnv>) => c.get('deps').db.kysely
  const scope = (c: Context<AppEnv>) => scopeOf(c.get('user'))

  // the overview before /churn-reasons/{id}-style routes, so "overview" is never taken for an id
  app.openapi(overview, async (c) => c.json(await causeOverview(db(c), scope(c)), 200))

  app.openapi(overviewExport, async (c) => {
    const { format, lang } = c.req.valid('query')
    const locale = lang ?? (c.get('user').locale === 'en' ? 'en' : 'de')
    const data = await causeOverview(db(c), scope(c))
    const name = `${locale === 'de' ? 'verlustursachen' : 'churn-reasons'}-${actorOf(c).today}`
    return sendSpreadsheet(
      c,
      name,
      format === 'xlsx' ? await causeOverviewXlsx(data, locale) : causeOverviewCsv(data, locale),
    )
  })

  app.openapi(catalogue, async (c) =>
    c.json({ reasons: await listReasons(db(c), c.req.valid('query').all === 'true') }, 200),
  )

  app.openapi(addReason, async (c) => c.json(await createReason(db(c), c.req.valid('json'), actorOf(c)), 201))

  app.openapi(changeReason, async (c) =>
    c.json(await updateReason(db(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c)), 200),
  )

  app.openapi(customerReasons, async (c) =>
    c.json({ reasons: await listCustomerReasons(db(c), c.req.valid('param').id, scope(c)) }, 200),
  )

  app.openapi(recordReason, async (c) => {
    const id = await addCustomerReason(
      db(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      actorOf(c),
      scope(c),
    )
    return c.json({ id }, 201)
  })

  app.openapi(removeReason, async (c) => {
    const { id, reasonEntryId } = c.req.valid('param')
    await removeCustomerReason(db(c), id, reasonEntryId, scope(c))
    return c.json({ ok: true as const }, 200)
  })

  return app
}
