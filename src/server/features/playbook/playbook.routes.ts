import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  hookInputSchema,
  hookSchema,
  type MeasureDto,
  measureInputSchema,
  measureSchema,
  routingRuleInputSchema,
  routingRuleSchema,
  worklistSettingsSchema,
} from '../../../shared/api/playbook'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { idParams, jsonBody, jsonResponse } from '../../http/route-parts'
import { wilsonInterval } from '../reports/uplift'
import { loadWorklistSettings, saveWorklistSettings } from '../worklist/worklist-settings'
import { loadPlaybookEvidence, type PlaybookEvidence } from './measure-evidence'
import { loadHooks, loadMeasures, loadRoutingRuleDtos } from './playbook.repository'
import {
  createHook,
  createMeasure,
  createRule,
  deleteHook,
  deleteRule,
  updateHook,
  updateMeasure,
  updateRule,
} from './playbook.service'

const manager = () => [requireRole('manager')]
const created = jsonResponse(z.object({ id: z.number().int() }), 'Created')
const ok = jsonResponse(z.object({ ok: z.literal(true) }), 'Saved')

const route = <M extends 'get' | 'post' | 'put' | 'delete'>(method: M, path: string, summary: string) => ({
  method,
  path,
  tags: ['playbook'],
  summary,
})

const listMeasures = createRoute({
  ...route('get', '/playbook/measures', 'The measures per churn reason (retired ones with ?all=1)'),
  request: { query: z.object({ all: z.enum(['0', '1']).optional() }) },
  responses: {
    200: jsonResponse(z.object({ measures: z.array(measureSchema) }), 'Measures'),
    ...errorResponses,
  },
})
const addMeasure = createRoute({
  ...route('post', '/playbook/measures', 'Add a measure (managers)'),
  middleware: manager(),
  request: { body: jsonBody(measureInputSchema) },
  responses: { 201: created, ...errorResponses },
})
const editMeasure = createRoute({
  ...route('put', '/playbook/measures/{id}', 'Change or retire a measure (managers)'),
  middleware: manager(),
  request: { params: idParams, body: jsonBody(measureInputSchema) },
  responses: { 200: ok, ...errorResponses, ...notFoundResponse },
})
const listHooks = createRoute({
  ...route('get', '/hooks', 'Company news to open a conversation with, and the reasons each answers'),
  responses: { 200: jsonResponse(z.object({ hooks: z.array(hookSchema) }), 'Hooks'), ...errorResponses },
})
const addHook = createRoute({
  ...route('post', '/hooks', 'Add a hook (managers)'),
  middleware: manager(),
  request: { body: jsonBody(hookInputSchema) },
  responses: { 201: created, ...errorResponses },
})
const editHook = createRoute({
  ...route('put', '/hooks/{id}', 'Change a hook (managers)'),
  middleware: manager(),
  request: { params: idParams, body: jsonBody(hookInputSchema) },
  responses: { 200: ok, ...errorResponses, ...notFoundResponse },
})
const removeHook = createRoute({
  ...route('delete', '/hooks/{id}', 'Delete a hook (managers)'),
  middleware: manager(),
  request: { params: idParams },
  responses: { 200: ok, ...errorResponses, ...notFoundResponse },
})
const listRules = createRoute({
  ...route('get', '/routing-rules', 'Who contacts whom by which channel, in the order they are tried'),
  responses: {
    200: jsonResponse(z.object({ rules: z.array(routingRuleSchema) }), 'Rules'),
    ...errorResponses,
  },
})
const addRule = createRoute({
  ...route('post', '/routing-rules', 'Add a rule (managers)'),
  middleware: manager(),
  request: { body: jsonBody(routingRuleInputSchema) },
  responses: { 201: created, ...errorResponses },
})
const editRule = createRoute({
  ...route('put', '/routing-rules/{id}', 'Change a rule (managers)'),
  middleware: manager(),
  request: { params: idParams, body: jsonBody(routingRuleInputSchema) },
  responses: { 200: ok, ...errorResponses, ...notFoundResponse },
})
const removeRule = createRoute({
  ...route('delete', '/routing-rules/{id}', 'Delete a rule (managers)'),
  middleware: manager(),
  request: { params: idParams },
  responses: { 200: ok, ...errorResponses, ...notFoundResponse },
})
const readSettings = createRoute({
  ...route(
    'get',
    '/worklist/settings',
    'New customers a day (per user), value tiers, rest days after a call',
  ),
  responses: { 200: jsonResponse(worklistSettingsSchema, 'Settings'), ...errorResponses },
})
const writeSettings = createRoute({
  ...route('put', '/worklist/settings', 'Change them (managers)'),
  middleware: manager(),
  request: { body: jsonBody(worklistSettingsSchema) },
  responses: { 200: jsonResponse(worklistSettingsSchema, 'Saved'), ...errorResponses },
})

/** What a measure achieved on customers with its reason (a general measure: on everybody). */
function observedOf(m: MeasureDto, evidence: PlaybookEvidence): MeasureDto['observed'] {
  const e =
    m.reasonId === null ? evidence.byMeasure.get(m.id) : evidence.byReasonMeasure.get(`${m.reasonId}:${m.id}`)
  if (!e) return null
  const interval = wilsonInterval(e.won, e.attempts)
  return { ...e, rate: e.won / e.attempts, low: interval.low, high: interval.high }
}

export function playbookRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  const db = (c: Context<AppEnv>) => c.get('deps').db.kysely
  const done = { ok: true as const }

  app.openapi(listMeasures, async (c) => {
    const measures = await loadMeasures(db(c), c.req.valid('query').all === '1')
    const evidence = await loadPlaybookEvidence(db(c), actorOf(c).today)
    return c.json({ measures: measures.map((m) => ({ ...m, observed: observedOf(m, evidence) })) }, 200)
  })
  app.openapi(addMeasure, async (c) =>
    c.json({ id: await createMeasure(db(c), c.req.valid('json'), actorOf(c)) }, 201),
  )
  app.openapi(editMeasure, async (c) => {
    await updateMeasure(db(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c))
    return c.json(done, 200)
  })
  app.openapi(listHooks, async (c) => c.json({ hooks: await loadHooks(db(c), actorOf(c).today) }, 200))
  app.openapi(addHook, async (c) =>
    c.json({ id: await createHook(db(c), c.req.valid('json'), actorOf(c)) }, 201),
  )
  app.openapi(editHook, async (c) => {
    await updateHook(db(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c))
    return c.json(done, 200)
  })
  app.openapi(removeHook, async (c) => {
    await deleteHook(db(c), c.req.valid('param').id)
    return c.json(done, 200)
  })
  app.openapi(listRules, async (c) => c.json({ rules: await loadRoutingRuleDtos(db(c)) }, 200))
  app.openapi(addRule, async (c) =>
    c.json({ id: await createRule(db(c), c.req.valid('json'), actorOf(c)) }, 201),
  )
  app.openapi(editRule, async (c) => {
    await updateRule(db(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c))
    return c.json(done, 200)
  })
  app.openapi(removeRule, async (c) => {
    await deleteRule(db(c), c.req.valid('param').id)
    return c.json(done, 200)
  })
  app.openapi(readSettings, async (c) => c.json(await loadWorklistSettings(db(c)), 200))
  app.openapi(writeSettings, async (c) => {
    const actor = actorOf(c)
    await saveWorklistSettings(db(c), c.req.valid('json'), c.get('user').id, actor.now)
    return c.json(await loadWorklistSettings(db(c)), 200)
  })
  return app
}
