import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  companyProfileSchema,
  mailSettingsInputSchema,
  mailSettingsSchema,
  queuedJobSchema,
  stepSendingSchema,
  testMailSchema,
} from '../../../shared/api/messaging'
import { parseServerText } from '../../../shared/i18n/server-text'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { idParams, jsonBody, jsonResponse } from '../../http/route-parts'
import { listQueuedJobs, retryFailedJob, unfinishedJobs } from '../../jobs/queue'
import type { QueuedJobRow } from '../../jobs/queue.table'
import { AppError, say } from '../../lib/errors'
import { scopeOf } from '../customers/customer-scope'
import { requireCustomer } from '../customers/require-customer'
import { revokeSurveys } from '../survey/survey.service'
import { composeEmail } from './compose'
import { campaignLetters } from './letters'
import {
  createMailTransport,
  imprintOf,
  loadCompanyProfile,
  loadMailSettings,
  saveCompanyProfile,
  saveMailSettings,
} from './mail-settings'
import { queueCampaignStep, templateFor } from './messaging.service'
import { addresseeOf } from './step-audience'

const ok = z.object({ ok: z.literal(true) })
const stepParams = z.object({
  id: z.coerce.number().int().positive(),
  step: z.coerce.number().int().min(0).max(20),
})
const language = z.enum(['de', 'en'])

const templateSchema = z.object({
  measureId: z.number().int().nullable(),
  language,
  subject: z.string().trim().min(1).max(300),
  body: z.string().min(1).max(20_000),
  informal: z.boolean(),
})

const readMail = createRoute({
  method: 'get',
  path: '/mail/settings',
  tags: ['messaging'],
  summary: 'The SMTP server winback sends through (the password is never shown)',
  middleware: [requireRole('manager')] as const,
  responses: { 200: jsonResponse(mailSettingsSchema, 'Settings'), ...errorResponses },
})

const writeMail = createRoute({
  method: 'put',
  path: '/mail/settings',
  tags: ['messaging'],
  summary: 'Set the SMTP server (admins); the password is stored encrypted',
  middleware: [requireRole('admin')] as const,
  request: { body: jsonBody(mailSettingsInputSchema) },
  responses: { 200: jsonResponse(mailSettingsSchema, 'Saved'), ...errorResponses },
})

const testMail = createRoute({
  method: 'post',
  path: '/mail/test',
  tags: ['messaging'],
  summary: 'Send a test e-mail now and say whether the SMTP server took it',
  middleware: [requireRole('manager')] as const,
  request: { body: jsonBody(testMailSchema) },
  responses: {
    200: jsonResponse(z.object({ sent: z.boolean(), error: z.string().nullable() }), 'Result'),
    ...errorResponses,
  },
})

const readCompany = createRoute({
  method: 'get',
  path: '/company-profile',
  tags: ['messaging'],
  summary: 'Letterhead and imprint: name, address, register, VAT id, bank',
  responses: { 200: jsonResponse(companyProfileSchema, 'Profile'), ...errorResponses },
})

const writeCompany = createRoute({
  method: 'put',
  path: '/company-profile',
  tags: ['messaging'],
  summary: 'Change letterhead and imprint (admins)',
  middleware: [requireRole('admin')] as const,
  request: { body: jsonBody(companyProfileSchema) },
  responses: { 200: jsonResponse(ok, 'Saved'), ...errorResponses },
})

const readTemplate = createRoute({
  method: 'get',
  path: '/email-templates',
  tags: ['messaging'],
  summary:
    "The e-mail template for a measure and language (the measure's own, else the general, else the built-in)",
  request: {
    query: z.object({ measureId: z.coerce.number().int().positive().optional(), language }),
  },
  responses: { 200: jsonResponse(templateSchema, 'Template'), ...errorResponses },
})

const writeTemplate = createRoute({
  method: 'put',
  path: '/email-templates',
  tags: ['messaging'],
  summary: 'Save the template for a measure (or all measures) and language (managers)',
  middleware: [requireRole('manager')] as const,
  request: { body: jsonBody(templateSchema) },
  responses: { 200: jsonResponse(ok, 'Saved'), ...errorResponses },
})

const preview = createRoute({
  method: 'post',
  path: '/email-templates/preview',
  tags: ['messaging'],
  summary: 'The e-mail a template makes for a real customer (nothing is sent)',
  request: { body: jsonBody(templateSchema.extend({ customerId: z.number().int().positive() })) },
  responses: {
    200: jsonResponse(
      z.object({ to: z.string().nullable(), subject: z.string(), text: z.string() }),
      'Preview',
    ),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const sendStep = createRoute({
  method: 'post',
  path: '/campaigns/{id}/steps/{step}/send',
  tags: ['messaging'],
  summary: "Send a campaign's e-mail step to its treated members the law allows (managers); once per step",
  middleware: [requireRole('manager')] as const,
  request: { params: stepParams },
  responses: { 202: jsonResponse(z.object({ jobId: z.number().int() }), 'Queued'), ...errorResponses },
})

const stepSending = createRoute({
  method: 'get',
  path: '/campaigns/{id}/steps/{step}/sending',
  tags: ['messaging'],
  summary: "How a step's e-mails stand: written, sent, bounced, failed, blocked; jobs still to run",
  middleware: [requireRole('manager')] as const,
  request: { params: stepParams },
  responses: { 200: jsonResponse(stepSendingSchema, 'Sending'), ...errorResponses },
})

const letters = createRoute({
  method: 'get',
  path: '/campaigns/{id}/steps/{step}/letters',
  tags: ['messaging'],
  summary:
    "A campaign's letter step as a Serienbrief (one DIN 5008 PDF) or a CSV for a mail merge; the letters are recorded as sent (managers)",
  middleware: [requireRole('manager')] as const,
  request: {
    params: stepParams,
    query: z.object({ format: z.enum(['pdf', 'csv']).default('pdf'), lang: language.optional() }),
  },
  responses: {
    200: {
      description: 'The file; X-Letters and X-Left-Out say how many were printed and left out',
      content: { 'application/pdf': { schema: z.string() }, 'text/csv': { schema: z.string() } },
    },
    ...errorResponses,
  },
})

const revokeSurvey = createRoute({
  method: 'post',
  path: '/customers/{id}/survey-links/revoke',
  tags: ['messaging'],
  summary: "End the customer's personal survey links (managers): they then lead nowhere",
  middleware: [requireRole('manager')] as const,
  request: { params: idParams },
  responses: {
    200: jsonResponse(z.object({ revoked: z.number().int() }), 'Revoked'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const jobs = createRoute({
  method: 'get',
  path: '/queue/jobs',
  tags: ['messaging'],
  summary: 'Jobs of the durable queue (managers): failed ones with their error, to retry',
  middleware: [requireRole('manager')] as const,
  request: { query: z.object({ state: z.enum(['queued', 'running', 'succeeded', 'failed']).optional() }) },
  responses: { 200: jsonResponse(z.object({ jobs: z.array(queuedJobSchema) }), 'Jobs'), ...errorResponses },
})

const retry = createRoute({
  method: 'post',
  path: '/queue/jobs/{id}/retry',
  tags: ['messaging'],
  summary: 'Queue a failed job again (managers)',
  middleware: [requireRole('manager')] as const,
  request: { params: idParams },
  responses: { 200: jsonResponse(ok, 'Queued again'), ...errorResponses, ...notFoundResponse },
})

function jobDto(j: QueuedJobRow) {
  return {
    id: j.id,
    type: j.type,
    state: j.state,
    attempts: j.attempts,
    maxAttempts: j.max_attempts,
    runAt: j.run_at,
    lastError: j.last_error,
    lastErrorText: parseServerText(j.last_error_text),
    done: j.done,
    total: j.total,
    createdAt: j.created_at,
    finishedAt: j.finished_at,
  }
}

export function messagingRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  const db = (c: Context<AppEnv>) => c.get('deps').db.kysely
  const config = (c: Context<AppEnv>) => c.get('deps').config

  app.openapi(readMail, async (c) => c.json(await loadMailSettings(db(c), config(c)), 200))

  app.openapi(writeMail, async (c) => {
    const actor = actorOf(c)
    await saveMailSettings(db(c), c.req.valid('json'), config(c), actor.userId!, actor.now)
    return c.json(await loadMailSettings(db(c), config(c)), 200)
  })

  app.openapi(testMail, async (c) => {
    const { to } = c.req.valid('json')
    const settings = await loadMailSettings(db(c), config(c))
    if (!settings.configured) throw new AppError('conflict', say('noSmtpServer'))
    const { transport } = await createMailTransport(db(c), config(c))
    const company = await loadCompanyProfile(db(c))
    try {
      await transport.sendMail({
        from: settings.from,
        to,
        subject: `winback: Test-E-Mail / test e-mail (${company.name})`,
        text: 'Diese Test-E-Mail zeigt, dass winback über Ihren SMTP-Server senden kann.\n\nThis test e-mail shows that winback can send through your SMTP server.',
      })
      return c.json({ sent: true, error: null }, 200)
    } catch (error) {
      return c.json({ sent: false, error: error instanceof Error ? error.message : String(error) }, 200)
    }
  })

  app.openapi(readCompany, async (c) => c.json(await loadCompanyProfile(db(c)), 200))

  app.openapi(writeCompany, async (c) => {
    const actor = actorOf(c)
    await saveCompanyProfile(db(c), c.req.valid('json'), actor.userId!, actor.now)
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(readTemplate, async (c) => {
    const { measureId, language } = c.req.valid('query')
    const t = await templateFor(db(c), measureId ?? null, language)
    return c.json({ measureId: measureId ?? null, language, ...t }, 200)
  })

  app.openapi(writeTemplate, async (c) => {
    const input = c.req.valid('json')
    const actor = actorOf(c)
    // a template that cannot be rendered is refused before it is stored
    await composeEmail({
      template: input,
      language: input.language,
      customer: { salutation: null, firstName: null, lastName: null, number: '0', name: 'Test' },
      company: { name: 'Test', imprint: [] },
      sender: null,
      measure: null,
      offer: null,
      unsubscribeUrl: null,
    })
    await db(c)
      .transaction()
      .execute(async (trx) => {
        let existing = trx.deleteFrom('email_templates').where('language', '=', input.language)
        existing =
          input.measureId === null
            ? existing.where('measure_id', 'is', null)
            : existing.where('measure_id', '=', input.measureId)
        await existing.execute()
        await trx
          .insertInto('email_templates')
          .values({
            measure_id: input.measureId,
            language: input.language,
            subject: input.subject,
            body: input.body,
            informal: input.informal ? 1 : 0,
            updated_at: actor.now,
            updated_by: actor.userId,
          })
          .execute()
      })
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(preview, async (c) => {
    const input = c.req.valid('json')
    const customer = await requireCustomer(db(c), input.customerId, scopeOf(c.get('user')).ownerId)
    const company = await loadCompanyProfile(db(c))
    const mail = await composeEmail({
      template: input,
      language: input.language,
      customer: addresseeOf(customer),
      company: { name: company.name, imprint: imprintOf(company) },
      sender: { name: c.get('user').name },
      measure: null,
      offer: null,
      unsubscribeUrl: `${config(c).publicUrl}/u/${'x'.repeat(32)}`,
    })
    return c.json({ to: customer.email, ...mail }, 200)
  })

  app.openapi(sendStep, async (c) => {
    const { id, step } = c.req.valid('param')
    const jobId = await queueCampaignStep(db(c), id, step, actorOf(c))
    return c.json({ jobId }, 202)
  })

  app.openapi(stepSending, async (c) => {
    const { id, step } = c.req.valid('param')
    const rows = await db(c)
      .selectFrom('outbound_messages')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .where('campaign_id', '=', id)
      .where('campaign_step', '=', step)
      .groupBy('state')
      .execute()
    const counts = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]))
    // the step's own job and the sending of each of its mails
    const pending =
      (await unfinishedJobs(db(c), `campaign:${id}:step:${step}`)) +
      Number(
        (
          await db(c)
            .selectFrom('outbound_messages')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('campaign_id', '=', id)
            .where('campaign_step', '=', step)
            .where('state', 'in', ['queued', 'sending'])
            .executeTakeFirstOrThrow()
        ).n,
      )
    return c.json({ step, counts, pending }, 200)
  })

  app.openapi(letters, async (c) => {
    const { id, step } = c.req.valid('param')
    const { format, lang } = c.req.valid('query')
    const locale = lang ?? (c.get('user').locale === 'en' ? 'en' : 'de')
    const deps = c.get('deps')
    const result = await campaignLetters(
      { db: c.get('writeDb'), config: deps.config, clock: deps.clock },
      { campaignId: id, step, locale },
      actorOf(c),
    )
    const name = `${locale === 'de' ? 'serienbrief' : 'letters'}-${id}-${step + 1}`
    c.header('X-Letters', String(result.letters))
    c.header('X-Left-Out', JSON.stringify(result.leftOut))
    if (format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${name}.csv"`)
      return c.body(result.csv, 200)
    }
    c.header('Content-Type', 'application/pdf')
    c.header('Content-Disposition', `attachment; filename="${name}.pdf"`)
    return c.body(new Uint8Array(result.pdf), 200)
  })

  app.openapi(revokeSurvey, async (c) => {
    const id = c.req.valid('param').id
    await requireCustomer(db(c), id, null)
    return c.json({ revoked: await revokeSurveys(db(c), id, actorOf(c).now) }, 200)
  })

  app.openapi(jobs, async (c) =>
    c.json({ jobs: (await listQueuedJobs(db(c), { state: c.req.valid('query').state })).map(jobDto) }, 200),
  )

  app.openapi(retry, async (c) => {
    await retryFailedJob(db(c), c.req.valid('param').id, actorOf(c).now)
    return c.json({ ok: true as const }, 200)
  })
  return app
}
