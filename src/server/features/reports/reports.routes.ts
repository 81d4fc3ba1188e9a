import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import {
  campaignResultsSchema,
  winbackReportQuerySchema,
  winbackReportSchema,
} from '../../../shared/api/reports'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { sendSpreadsheet, spreadsheetResponse } from '../../http/file-response'
import { idParams, jsonResponse } from '../../http/route-parts'
import { campaignResults } from './campaign-results'
import { winbackReportCsv, winbackReportXlsx } from './report-export'
import { winbackReport } from './winback-report'

const results = createRoute({
  method: 'get',
  path: '/campaigns/{id}/results',
  tags: ['reports'],
  summary:
    'What a campaign earned: win-back rate per arm, uplift with interval, p-value and P(better), revenue uplift, profit and ROI (managers)',
  middleware: [requireRole('manager')],
  request: { params: idParams },
  responses: { 200: jsonResponse(campaignResultsSchema, 'Results'), ...errorResponses, ...notFoundResponse },
})

const report = createRoute({
  method: 'get',
  path: '/reports/winback',
  tags: ['reports'],
  summary:
    'Win-back in a period: rate by rep, channel, reason, segment, measure; uplift against control; profit and ROI; natural fluctuation; second loyalty (managers)',
  middleware: [requireRole('manager')],
  request: { query: winbackReportQuerySchema },
  responses: { 200: jsonResponse(winbackReportSchema, 'Report'), ...errorResponses },
})

const exportReport = createRoute({
  method: 'get',
  path: '/reports/winback/export',
  tags: ['reports'],
  summary: 'The report as CSV (the rates) or Excel (rates, fluctuation, campaigns) (managers)',
  middleware: [requireRole('manager')],
  request: {
    query: winbackReportQuerySchema.extend({
      format: z.enum(['csv', 'xlsx']).default('csv'),
      lang: z.enum(['de', 'en']).optional(),
    }),
  },
  responses: { 200: spreadsheetResponse, ...errorResponses },
})

export function reportRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.openapi(results, async (c) =>
    c.json(await campaignResults(c.get('deps').db.kysely, c.req.valid('param').id, actorOf(c).today), 200),
  )
  app.openapi(report, async (c) => {
    const { from, to } = c.req.valid('query')
    return c.json(await winbackReport(c.get('deps').db.kysely, { from, to, today: actorOf(c).today }), 200)
  })
  app.openapi(exportReport, async (c) => {
    const { from, to, format, lang } = c.req.valid('query')
    const locale = lang ?? (c.get('user').locale === 'en' ? 'en' : 'de')
    const report = await winbackReport(c.get('deps').db.kysely, { from, to, today: actorOf(c).today })
    const name = `${locale === 'de' ? 'rueckgewinnung-bericht' : 'win-back-report'}-${from}-${to}`
    return sendSpreadsheet(
      c,
      name,
      format === 'xlsx' ? await winbackReportXlsx(report, locale) : winbackReportCsv(report, locale),
    )
  })
  return app
}
