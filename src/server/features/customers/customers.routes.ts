import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import {
  customerDetailSchema,
  customerListQuerySchema,
  customerListSchema,
  segmentsSchema,
} from '../../../shared/api/customers'
import type { AppEnv } from '../../http/app-env'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { sendSpreadsheet, spreadsheetResponse } from '../../http/file-response'
import { scopeOf } from './customer-scope'
import { exportCustomersCsv, exportCustomersXlsx } from './export-customers'
import { getCustomer } from './get-customer'
import { listCustomers } from './list-customers'
import { listFilterValues } from './list-filters'

const list = createRoute({
  method: 'get',
  path: '/customers',
  tags: ['customers'],
  summary: 'Customers with status, filtered, sorted and paginated (reps see their own)',
  request: { query: customerListQuerySchema },
  responses: {
    200: {
      description: 'A page of customers',
      content: { 'application/json': { schema: customerListSchema } },
    },
    ...errorResponses,
  },
})

const exportQuery = customerListQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  lang: z.enum(['de', 'en']).optional(),
})

const exportRoute = createRoute({
  method: 'get',
  path: '/customers/export',
  tags: ['customers'],
  summary: 'The filtered list as CSV (German: semicolon, decimal comma) or Excel',
  request: { query: exportQuery },
  responses: {
    200: spreadsheetResponse,
    ...errorResponses,
  },
})

const filters = createRoute({
  method: 'get',
  path: '/customers/filters',
  tags: ['customers'],
  summary: 'Segments and owners for the list filters',
  responses: {
    200: { description: 'Filter values', content: { 'application/json': { schema: segmentsSchema } } },
    ...errorResponses,
  },
})

const detail = createRoute({
  method: 'get',
  path: '/customers/{id}',
  tags: ['customers'],
  summary: 'One customer: status with its reason, signals, documents, contracts, status history',
  request: { params: z.object({ id: z.coerce.number().int().positive() }) },
  responses: {
    200: { description: 'The customer', content: { 'application/json': { schema: customerDetailSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

export function customersRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(list, async (c) => {
    const result = await listCustomers({
      db: c.get('deps').db,
      scope: scopeOf(c.get('user')),
      query: c.req.valid('query'),
    })
    return c.json(result, 200)
  })

  app.openapi(exportRoute, async (c) => {
    const { format, lang, ...query } = c.req.valid('query')
    const user = c.get('user')
    const locale = lang ?? (user.locale === 'en' ? 'en' : 'de')
    const options = {
      db: c.get('deps').db,
      scope: scopeOf(user),
      query: { ...query, page: 1, pageSize: 1 },
      locale,
    } as const
    const stamp = c.get('deps').clock().toISOString().slice(0, 10)
    const name = `${locale === 'de' ? 'kunden' : 'customers'}-${stamp}`
    return sendSpreadsheet(
      c,
      name,
      format === 'xlsx' ? await exportCustomersXlsx(options) : await exportCustomersCsv(options),
    )
  })

  app.openapi(filters, async (c) =>
    c.json(await listFilterValues({ db: c.get('deps').db, scope: scopeOf(c.get('user')) }), 200),
  )

  app.openapi(detail, async (c) => {
    const result = await getCustomer({
      db: c.get('deps').db,
      scope: scopeOf(c.get('user')),
      id: c.req.valid('param').id,
    })
    return c.json(result, 200)
  })
  return app
}
