import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import {
  assistSettingsInputSchema,
  assistSettingsSchema,
  llmInputSchema,
  llmResultSchema,
  noteAnalysisInputSchema,
  noteAnalysisSchema,
  reasonModelStatusSchema,
} from '../../../shared/api/assist'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { idParams, jsonBody, jsonResponse } from '../../http/route-parts'
import { AppError, say } from '../../lib/errors'
import { scopeOf } from '../customers/customer-scope'
import { analyseNote } from './analyse-note'
import { languageModelConfigured, loadAssistSettings, saveAssistSettings } from './assist-settings'
import { askLanguageModel } from './language-model'
import { reasonModelStatus } from './reason-model'

const analyse = createRoute({
  method: 'post',
  path: '/assist/notes',
  tags: ['assist'],
  summary:
    'Read a call note: likely reasons (with confidence and the words behind them), the next Wiedervorlage, outcome, offer and competitor, as proposals; nothing is stored',
  request: { body: jsonBody(noteAnalysisInputSchema) },
  responses: { 200: jsonResponse(noteAnalysisSchema, 'Proposals'), ...errorResponses },
})

const status = createRoute({
  method: 'get',
  path: '/assist/status',
  tags: ['assist'],
  summary: 'Whether a language model is configured and switched on (the buttons that use it show then)',
  responses: {
    200: jsonResponse(z.object({ languageModel: z.boolean() }), 'Status'),
    ...errorResponses,
  },
})

const model = createRoute({
  method: 'get',
  path: '/assist/reason-model',
  tags: ['assist'],
  summary: 'The reason model: when trained, on how many confirmed notes, its held-out accuracy (managers)',
  middleware: [requireRole('manager')] as const,
  responses: { 200: jsonResponse(reasonModelStatusSchema, 'Status'), ...errorResponses },
})

const train = createRoute({
  method: 'post',
  path: '/assist/reason-model/train',
  tags: ['assist'],
  summary:
    'Learn the reasons from the confirmed notes now (also done every night); runs in the background (managers)',
  middleware: [requireRole('manager')] as const,
  responses: { 202: jsonResponse(z.object({ jobId: z.string() }), 'Started'), ...errorResponses },
})

const readSettings = createRoute({
  method: 'get',
  path: '/assist/settings',
  tags: ['assist'],
  summary: 'Competitor names and the optional language model (admins; the API key is never returned)',
  middleware: [requireRole('admin')] as const,
  responses: { 200: jsonResponse(assistSettingsSchema, 'Settings'), ...errorResponses },
})

const writeSettings = createRoute({
  method: 'put',
  path: '/assist/settings',
  tags: ['assist'],
  summary: 'Change the competitor names and the language model (admins; audited)',
  middleware: [requireRole('admin')] as const,
  request: { body: jsonBody(assistSettingsInputSchema) },
  responses: { 200: jsonResponse(assistSettingsSchema, 'Saved'), ...errorResponses },
})

const ask = createRoute({
  method: 'post',
  path: '/customers/{id}/assist',
  tags: ['assist'],
  summary:
    'Ask the configured language model for a call summary, a next step or a letter/e-mail draft; minimised data, logged (409 assistant_off without a model)',
  request: {
    params: idParams,
    body: jsonBody(llmInputSchema.extend({ language: z.enum(['de', 'en']).default('de') })),
  },
  responses: { 200: jsonResponse(llmResultSchema, 'The answer'), ...errorResponses, ...notFoundResponse },
})

export function assistRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(analyse, async (c) =>
    c.json(await analyseNote(c.get('deps').db.kysely, c.req.valid('json').note, actorOf(c).today), 200),
  )

  app.openapi(status, async (c) =>
    c.json({ languageModel: await languageModelConfigured(c.get('deps').db.kysely) }, 200),
  )

  app.openapi(model, async (c) => c.json(await reasonModelStatus(c.get('deps').db.kysely), 200))

  app.openapi(train, async (c) => {
    const deps = c.get('deps')
    if (await deps.jobs.active(['train_reasons'])) throw new AppError('conflict', say('reasonsLearning'))
    const job = await deps.jobs.enqueue('train_reasons', { userId: c.get('user').id })
    return c.json({ jobId: job.id }, 202)
  })

  app.openapi(readSettings, async (c) => c.json(await loadAssistSettings(c.get('deps').db.kysely), 200))

  app.openapi(writeSettings, async (c) => {
    const deps = c.get('deps')
    const actor = actorOf(c)
    await saveAssistSettings(deps.db.kysely, c.req.valid('json'), deps.config, actor.userId!, actor.now)
    return c.json(await loadAssistSettings(deps.db.kysely), 200)
  })

  app.openapi(ask, async (c) => {
    const deps = c.get('deps')
    const result = await askLanguageModel({
      db: deps.db.kysely,
      config: deps.config,
      customerId: c.req.valid('param').id,
      ownerId: scopeOf(c.get('user')).ownerId,
      input: c.req.valid('json'),
      actor: actorOf(c),
    })
    return c.json(result, 200)
  })
  return app
}
