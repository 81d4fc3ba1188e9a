import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  winbackAssessmentSchema as assessmentSchema,
  attemptInputSchema,
  attemptOutcomeInputSchema,
  attemptSchema,
  winbackAssessmentInputSchema,
  winbackFilterSchema,
  winbackListSchema,
  winbackModelSchema,
  winbackQuerySchema,
  winbackSettingsSchema,
} from '../../../shared/api/winback'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { sendSpreadsheet, spreadsheetResponse } from '../../http/file-response'
import { idParams, jsonBody, jsonResponse } from '../../http/route-parts'
import { companyToday } from '../../lib/clock'
import { scopeOf } from '../customers/customer-scope'
import { planRows } from '../playbook/route-candidates'
import { loadWorklistSettings } from '../worklist/worklist-settings'
import { getAssessment, saveAssessment } from './assessment'
import { decideAttempt, listAttempts, startAttempt } from './attempts'
import { winbackCsv, winbackXlsx } from './winback-export'
import { buildWinbackList, cachedWinbackList, pageOfWinbackList } from './winback-list'
import { winbackModelReport } from './winback-model'
import { loadWinbackSettings, saveWinbackSettings } from './winback-settings'

const list = createRoute({
  method: 'get',
  path: '/winback',
  tags: ['winback'],
  summary:
    'The prioritised win-back list (lost customers by default), the sorted-out ones, and the Pareto effort curve',
  request: { query: winbackQuerySchema },
  responses: {
    200: jsonResponse(winbackListSchema, 'The list'),
    ...errorResponses,
  },
})

const exportList = createRoute({
  method: 'get',
  path: '/winback/export',
  tags: ['winback'],
  summary: 'The prioritised list as CSV or Excel',
  request: {
    query: winbackFilterSchema.extend({
      format: z.enum(['csv', 'xlsx']).default('csv'),
      lang: z.enum(['de', 'en']).optional(),
    }),
  },
  responses: {
    200: spreadsheetResponse,
    ...errorResponses,
  },
})

const readAssessment = createRoute({
  method: 'get',
  path: '/customers/{id}/winback-assessment',
  tags: ['winback'],
  summary: 'What sales knows about winning this customer back',
  request: { params: idParams },
  responses: {
    200: jsonResponse(assessmentSchema, 'The assessment'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const writeAssessment = createRoute({
  method: 'put',
  path: '/customers/{id}/winback-assessment',
  tags: ['winback'],
  summary:
    'Ease, closed or switched, refusals, responses, manual exclusion or inclusion (reps for their own)',
  request: {
    params: idParams,
    body: jsonBody(winbackAssessmentInputSchema),
  },
  responses: {
    200: jsonResponse(assessmentSchema, 'Saved'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const readSettings = createRoute({
  method: 'get',
  path: '/winback/settings',
  tags: ['winback'],
  summary:
    'Hourly rate, minutes per channel, planned contacts, standard measure, margins, lifetime, CRC/CLV gate',
  responses: {
    200: jsonResponse(winbackSettingsSchema, 'Settings'),
    ...errorResponses,
  },
})

const writeSettings = createRoute({
  method: 'put',
  path: '/winback/settings',
  tags: ['winback'],
  summary: 'Change them (managers and admins)',
  middleware: [requireRole('manager')] as const,
  request: { body: jsonBody(winbackSettingsSchema) },
  responses: {
    200: jsonResponse(winbackSettingsSchema, 'Saved'),
    ...errorResponses,
  },
})

const model = createRoute({
  method: 'get',
  path: '/winback/model',
  tags: ['winback'],
  summary: 'The probability model in use, the outcomes it learned from, and its calibration',
  responses: {
    200: jsonResponse(winbackModelSchema, 'The model'),
    ...errorResponses,
  },
})

const attemptParams = idParams.extend({ attemptId: z.coerce.number().int().positive() })

const readAttempts = createRoute({
  method: 'get',
  path: '/customers/{id}/winback-attempts',
  tags: ['winback'],
  summary: "The customer's win-back attempts and their outcomes",
  request: { params: idParams },
  responses: {
    200: jsonResponse(z.object({ attempts: z.array(attemptSchema) }), 'Attempts'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const addAttempt = createRoute({
  method: 'post',
  path: '/customers/{id}/winback-attempts',
  tags: ['winback'],
  summary: 'Start an attempt (channel, offer); the contact law is checked and the decision logged',
  request: {
    params: idParams,
    body: jsonBody(attemptInputSchema),
  },
  responses: {
    201: jsonResponse(z.object({ id: z.number().int() }), 'Started'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const decide = createRoute({
  method: 'post',
  path: '/customers/{id}/winback-attempts/{attemptId}/outcome',
  tags: ['winback'],
  summary: 'Record (or correct) how the attempt ended: won back, declined, no response',
  request: {
    params: attemptParams,
    body: jsonBody(attemptOutcomeInputSchema),
  },
  responses: {
    200: jsonResponse(z.object({ ok: z.literal(true) }), 'Saved'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

export function winbackRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  const db = (c: Context<AppEnv>) => c.get('deps').db.kysely
  const today = (c: Context<AppEnv>) => companyToday(c.get('deps').clock, c.get('deps').config.timeZone)
  const scope = (c: Context<AppEnv>) => scopeOf(c.get('user'))

  app.openapi(list, async (c) => {
    const query = c.req.valid('query')
    const page = await pageOfWinbackList(await cachedWinbackList(db(c), scope(c), today(c), query), query)
    const settings = await loadWorklistSettings(db(c))
    const items = await planRows(db(c), page.items, query.status, settings)
    return c.json({ ...page, items }, 200)
  })

  app.openapi(exportList, async (c) => {
    const { format, lang, ...query } = c.req.valid('query')
    const locale = lang ?? (c.get('user').locale === 'en' ? 'en' : 'de')
    const data = await buildWinbackList(db(c), scope(c), today(c), query)
    const name = `${locale === 'de' ? 'rueckgewinnung' : 'win-back'}-${today(c)}`
    return sendSpreadsheet(
      c,
      name,
      format === 'xlsx' ? await winbackXlsx(data, locale) : winbackCsv(data, locale),
    )
  })

  app.openapi(model, async (c) =>
    c.json(await winbackModelReport(db(c), await loadWinbackSettings(db(c)), today(c)), 200),
  )

  app.openapi(readAttempts, async (c) =>
    c.json({ attempts: await listAttempts(db(c), c.req.valid('param').id, scope(c), today(c)) }, 200),
  )

  app.openapi(addAttempt, async (c) => {
    const id = await startAttempt(db(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c), scope(c))
    return c.json({ id }, 201)
  })

  app.openapi(decide, async (c) => {
    const { id, attemptId } = c.req.valid('param')
    await decideAttempt(db(c), id, attemptId, c.req.valid('json'), actorOf(c), scope(c))
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(readSettings, async (c) => c.json(await loadWinbackSettings(db(c)), 200))

  app.openapi(writeSettings, async (c) => {
    const deps = c.get('deps')
    await saveWinbackSettings(db(c), c.req.valid('json'), c.get('user').id, deps.clock().toISOString())
    // a new lifetime after a win-back changes every customer's value if won back: rescore
    deps.refreshDerived?.()
    return c.json(await loadWinbackSettings(db(c)), 200)
  })

  app.openapi(readAssessment, async (c) =>
    c.json(await getAssessment(db(c), c.req.valid('param').id, scope(c)), 200),
  )

  app.openapi(writeAssessment, async (c) => {
    const actor = { userId: c.get('user').id, now: c.get('deps').clock().toISOString() }
    return c.json(
      await saveAssessment(db(c), c.req.valid('param').id, c.req.valid('json'), actor, scope(c)),
      200,
    )
  })

  return app
}
