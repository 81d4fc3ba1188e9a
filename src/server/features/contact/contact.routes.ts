import fs from 'node:fs/promises'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  auditLogSchema,
  consentInputSchema,
  contactDecisionLogSchema,
  contactFactsInputSchema,
  contactImportResultSchema,
  contactOverviewSchema,
  contactSettingsInputSchema,
  contactSettingsSchema,
  erasureResultSchema,
  objectionInputSchema,
} from '../../../shared/api/contact'
import { customerListQuerySchema } from '../../../shared/api/customers'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { receiveUpload } from '../../http/receive-upload'
import { idParams, jsonBody } from '../../http/route-parts'
import { AppError, say } from '../../lib/errors'
import { listAuditLog } from '../audit/audit'
import { scopeOf } from '../customers/customer-scope'
import { requireCustomer } from '../customers/require-customer'
import { uploadsDir } from '../imports/upload-store'
import { exportCallList } from './call-list'
import {
  getContactOverview,
  recordConsent,
  recordObjection,
  updateContactFacts,
  withdrawConsent,
} from './contact.service'
import { listContactDecisions } from './contact-decisions.repository'
import { getContactSettings, saveContactSettings } from './contact-settings'
import { collectPersonData, eraseCustomer } from './data-protection'
import { importContactCsv } from './import-contact-csv'
import { personDataPdf } from './person-data-pdf'

const okSchema = z.object({ ok: z.literal(true) })
const createdSchema = z.object({ id: z.number().int() })

const overview = createRoute({
  method: 'get',
  path: '/customers/{id}/contact',
  tags: ['contact'],
  summary:
    'Per channel whether contact is allowed today, why not and what would allow it; consents, objections, facts',
  request: { params: idParams },
  responses: {
    200: { description: 'The overview', content: { 'application/json': { schema: contactOverviewSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const addConsent = createRoute({
  method: 'post',
  path: '/customers/{id}/consents',
  tags: ['contact'],
  summary: 'Record a consent (reps for their own customers)',
  request: { params: idParams, body: jsonBody(consentInputSchema) },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: createdSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const withdraw = createRoute({
  method: 'post',
  path: '/customers/{id}/consents/{consentId}/withdraw',
  tags: ['contact'],
  summary: 'Record that a consent was withdrawn (today unless a date is given)',
  request: {
    params: idParams.extend({ consentId: z.coerce.number().int().positive() }),
    body: jsonBody(z.object({ withdrawnAt: z.string().trim().max(20).optional() })),
  },
  responses: {
    200: { description: 'Withdrawn', content: { 'application/json': { schema: okSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const addObjection = createRoute({
  method: 'post',
  path: '/customers/{id}/objections',
  tags: ['contact'],
  summary: 'Record an objection; the person goes on the suppression list for its scope',
  request: { params: idParams, body: jsonBody(objectionInputSchema) },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: createdSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const facts = createRoute({
  method: 'put',
  path: '/customers/{id}/contact-facts',
  tags: ['contact'],
  summary: 'Origin of the e-mail address, opt-out notice, grounds for calling a business, Robinson check',
  middleware: [requireRole('manager')] as const,
  request: { params: idParams, body: jsonBody(contactFactsInputSchema) },
  responses: {
    200: { description: 'Saved', content: { 'application/json': { schema: okSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const dataExport = createRoute({
  method: 'get',
  path: '/customers/{id}/data-export',
  tags: ['data protection'],
  summary: 'Everything stored about one person (Art. 15 GDPR) as JSON or a readable PDF (admins)',
  middleware: [requireRole()] as const,
  request: {
    params: idParams,
    query: z.object({
      format: z.enum(['json', 'pdf']).default('json'),
      lang: z.enum(['de', 'en']).optional(),
    }),
  },
  responses: {
    200: {
      description: 'The export',
      content: { 'application/json': { schema: z.unknown() }, 'application/pdf': { schema: z.string() } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const erase = createRoute({
  method: 'post',
  path: '/customers/{id}/erase',
  tags: ['data protection'],
  summary:
    'Erase a person (Art. 17 GDPR), keeping what must be retained; confirm with the customer number (admins)',
  middleware: [requireRole()] as const,
  request: { params: idParams, body: jsonBody(z.object({ confirm: z.string().trim().min(1).max(100) })) },
  responses: {
    200: { description: 'Erased', content: { 'application/json': { schema: erasureResultSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const audit = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['data protection'],
  summary: 'Audit log of consent, objection and data-protection actions, newest first (admins)',
  middleware: [requireRole()] as const,
  request: {
    query: z.object({
      customerId: z.coerce.number().int().positive().optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: { description: 'Entries', content: { 'application/json': { schema: auditLogSchema } } },
    ...errorResponses,
  },
})

const decisionLog = createRoute({
  method: 'get',
  path: '/audit/contact-decisions',
  tags: ['data protection'],
  summary:
    'Every answer of the contact law at the moment of acting (calls, call lists, e-mails, letters), newest first (admins)',
  middleware: [requireRole()] as const,
  request: {
    query: z.object({
      refused: z.enum(['true', 'false']).default('false'),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: { description: 'Decisions', content: { 'application/json': { schema: contactDecisionLogSchema } } },
    ...errorResponses,
  },
})

const callList = createRoute({
  method: 'get',
  path: '/contact/call-list',
  tags: ['contact'],
  summary:
    'The filtered customers who may be called today, as CSV; every customer is checked and the decision logged',
  request: {
    query: customerListQuerySchema
      .omit({ page: true, pageSize: true })
      .extend({ lang: z.enum(['de', 'en']).optional() }),
  },
  responses: {
    200: { description: 'The call list', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses,
  },
})

/** The largest consent file taken: it is read whole (all or nothing), unlike an orders import. */
const MAX_CONSENT_FILE_BYTES = 64 * 1024 * 1024

const importCsv = createRoute({
  method: 'post',
  path: '/contact/import',
  tags: ['contact'],
  summary: 'Import consents and objections from CSV (all or nothing; a shop flag stays a shop flag)',
  middleware: [requireRole('manager')] as const,
  request: {
    body: {
      required: true,
      content: {
        // documented here, read by receiveUpload as it arrives (a parsed form held the file four times)
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: { file: { type: 'string', format: 'binary' } },
          },
        },
      },
    },
  },
  responses: {
    200: { description: 'Imported', content: { 'application/json': { schema: contactImportResultSchema } } },
    ...errorResponses,
  },
})

const readSettings = createRoute({
  method: 'get',
  path: '/contact/settings',
  tags: ['contact'],
  summary: "The company's jurisdiction, the renewal period of consents and the legal profiles known",
  middleware: [requireRole('manager')] as const,
  responses: {
    200: { description: 'Settings', content: { 'application/json': { schema: contactSettingsSchema } } },
    ...errorResponses,
  },
})

const writeSettings = createRoute({
  method: 'put',
  path: '/contact/settings',
  tags: ['contact'],
  summary: 'Change them (admins); every customer is checked again in the background',
  middleware: [requireRole()] as const,
  request: { body: jsonBody(contactSettingsInputSchema) },
  responses: {
    200: {
      description: 'Saved',
      content: {
        'application/json': { schema: contactSettingsSchema.extend({ jobId: z.string() }) },
      },
    },
    ...errorResponses,
  },
})

export function contactRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  const db = (c: Context<AppEnv>) => c.get('deps').db.kysely
  const ownerOf = (c: Context<AppEnv>) => scopeOf(c.get('user')).ownerId

  app.openapi(overview, async (c) =>
    c.json(await getContactOverview(db(c), c.req.valid('param').id, actorOf(c).today, ownerOf(c)), 200),
  )

  app.openapi(addConsent, async (c) => {
    const id = await recordConsent(
      db(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      actorOf(c),
      ownerOf(c),
    )
    return c.json({ id }, 201)
  })

  app.openapi(withdraw, async (c) => {
    const { id, consentId } = c.req.valid('param')
    await withdrawConsent(db(c), id, consentId, c.req.valid('json').withdrawnAt, actorOf(c), ownerOf(c))
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(addObjection, async (c) => {
    const id = await recordObjection(
      db(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      actorOf(c),
      ownerOf(c),
    )
    return c.json({ id }, 201)
  })

  app.openapi(facts, async (c) => {
    await updateContactFacts(db(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c))
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(dataExport, async (c) => {
    const { id } = c.req.valid('param')
    const { format, lang } = c.req.valid('query')
    const data = await collectPersonData(db(c), id, actorOf(c))
    const name = `auskunft-${String(data.customer.customer_number).replace(/[^\w.-]/g, '_')}`
    if (format === 'pdf') {
      const user = c.get('user')
      const pdf = await personDataPdf(data, lang ?? (user.locale === 'en' ? 'en' : 'de'))
      c.header('Content-Type', 'application/pdf')
      c.header('Content-Disposition', `attachment; filename="${name}.pdf"`)
      return c.body(new Uint8Array(pdf), 200)
    }
    c.header('Content-Disposition', `attachment; filename="${name}.json"`)
    return c.json(data as unknown, 200)
  })

  app.openapi(erase, async (c) => {
    const { id } = c.req.valid('param')
    const customer = await requireCustomer(db(c), id, null)
    if (c.req.valid('json').confirm !== customer.customer_number)
      throw new AppError('validation_failed', say('confirmErasure'))
    return c.json(await eraseCustomer(db(c), id, actorOf(c)), 200)
  })

  app.openapi(audit, async (c) => {
    const { page, pageSize, customerId } = c.req.valid('query')
    const log = await listAuditLog(db(c), {
      limit: pageSize,
      offset: (page - 1) * pageSize,
      ...(customerId ? { entityType: 'customer', entityId: String(customerId) } : {}),
    })
    return c.json(log, 200)
  })

  app.openapi(decisionLog, async (c) => {
    const { page, pageSize, refused } = c.req.valid('query')
    const log = await listContactDecisions(db(c), {
      limit: pageSize,
      offset: (page - 1) * pageSize,
      refusedOnly: refused === 'true',
    })
    return c.json(log, 200)
  })

  app.openapi(callList, async (c) => {
    const { lang, ...filters } = c.req.valid('query')
    const user = c.get('user')
    const locale = lang ?? (user.locale === 'en' ? 'en' : 'de')
    const list = await exportCallList({
      db: c.get('deps').db,
      scope: scopeOf(user),
      query: { ...filters, page: 1, pageSize: 1 },
      locale,
      actor: actorOf(c),
    })
    const stamp = actorOf(c).today
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header(
      'Content-Disposition',
      `attachment; filename="${locale === 'de' ? 'anrufliste' : 'call-list'}-${stamp}.csv"`,
    )
    c.header('X-Winback-Included', String(list.included))
    c.header('X-Winback-Excluded', String(list.excluded))
    return c.body(list.csv, 200)
  })

  app.openapi(importCsv, async (c) => {
    const received = await receiveUpload(c.req.raw, {
      dir: uploadsDir(c.get('deps').config.dataDir),
      maxBytes: MAX_CONSENT_FILE_BYTES,
      fields: z.object({}),
    })
    try {
      if (received.size === 0) throw new AppError('import_unreadable', say('fileEmpty'))
      const bytes = new Uint8Array(await fs.readFile(received.path))
      return c.json(await importContactCsv(db(c), received.fileName, bytes, actorOf(c)), 200)
    } finally {
      await fs.rm(received.path, { force: true })
    }
  })

  app.openapi(readSettings, async (c) => c.json(await getContactSettings(db(c)), 200))

  app.openapi(writeSettings, async (c) => {
    const deps = c.get('deps')
    const actor = actorOf(c)
    await saveContactSettings(db(c), c.req.valid('json'), c.get('user').id, actor.now)
    const job = await deps.jobs.enqueue('refresh_eligibility', { today: actor.today }, { ref: actor.today })
    return c.json({ ...(await getContactSettings(db(c))), jobId: job.id }, 200)
  })

  return app
}
