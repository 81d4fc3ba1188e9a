import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  calendarFeedSchema,
  callInputSchema,
  callResultSchema,
  followupInputSchema,
  followupQuerySchema,
  followupSchema,
  followupUpdateSchema,
  ownerInputSchema,
  timelineEntrySchema,
  worklistQuerySchema,
  worklistSchema,
} from '../../../shared/api/worklist'
import { actorOf } from '../../http/actor'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { idParams, jsonBody, jsonResponse } from '../../http/route-parts'
import { companyToday } from '../../lib/clock'
import { AppError, say } from '../../lib/errors'
import { scopeOf } from '../customers/customer-scope'
import { ownerHistory, setOwner } from '../customers/owner'
import { requireCustomer } from '../customers/require-customer'
import { customerTimeline } from '../customers/timeline'
import { calendarOf, createFeed, currentFeed, feedUser, revokeFeed } from './calendar'
import { createFollowup, listFollowups, updateFollowup } from './followups'
import { logCall } from './log-call'
import { getWorklist } from './worklist'

const ok = z.object({ ok: z.literal(true) })

const worklist = createRoute({
  method: 'get',
  path: '/worklist',
  tags: ['worklist'],
  summary:
    "The signed-in user's Tagesliste: due and overdue Wiedervorlagen, then the day's new customers (chosen at the first look of the day and kept)",
  request: { query: worklistQuerySchema },
  responses: { 200: jsonResponse(worklistSchema, 'The list'), ...errorResponses },
})

const logCallRoute = createRoute({
  method: 'post',
  path: '/customers/{id}/calls',
  tags: ['worklist'],
  summary:
    'Log a call in one step: reached, outcome, offer, reason learned, note, next Wiedervorlage (required unless the outcome is final)',
  request: { params: idParams, body: jsonBody(callInputSchema) },
  responses: { 201: jsonResponse(callResultSchema, 'Logged'), ...errorResponses, ...notFoundResponse },
})

const followups = createRoute({
  method: 'get',
  path: '/followups',
  tags: ['worklist'],
  summary: "Wiedervorlagen: a rep's own; managers see everyone's (filter by user, overdue)",
  request: { query: followupQuerySchema },
  responses: {
    200: jsonResponse(z.object({ followups: z.array(followupSchema) }), 'Wiedervorlagen'),
    ...errorResponses,
  },
})

const addFollowup = createRoute({
  method: 'post',
  path: '/customers/{id}/followups',
  tags: ['worklist'],
  summary: 'Plan a Wiedervorlage by hand',
  request: { params: idParams, body: jsonBody(followupInputSchema) },
  responses: {
    201: jsonResponse(z.object({ id: z.number().int() }), 'Planned'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const changeFollowup = createRoute({
  method: 'patch',
  path: '/followups/{id}',
  tags: ['worklist'],
  summary: 'Snooze, reschedule, reprioritise, reassign (managers) or tick off a Wiedervorlage',
  request: { params: idParams, body: jsonBody(followupUpdateSchema) },
  responses: { 200: jsonResponse(ok, 'Saved'), ...errorResponses, ...notFoundResponse },
})

const timeline = createRoute({
  method: 'get',
  path: '/customers/{id}/timeline',
  tags: ['customers'],
  summary: 'Purchases, calls, attempts, reasons, status changes, Wiedervorlagen, consents, owners, campaigns',
  request: { params: idParams },
  responses: {
    200: jsonResponse(z.object({ entries: z.array(timelineEntrySchema) }), 'Timeline'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const ownerSchema = z.object({
  changedAt: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  by: z.string().nullable(),
  source: z.string(),
  note: z.string().nullable(),
})

const readOwners = createRoute({
  method: 'get',
  path: '/customers/{id}/owner-history',
  tags: ['customers'],
  summary: "Every change of the customer's owner",
  request: { params: idParams },
  responses: {
    200: jsonResponse(z.object({ changes: z.array(ownerSchema) }), 'History'),
    ...errorResponses,
    ...notFoundResponse,
  },
})

const writeOwner = createRoute({
  method: 'put',
  path: '/customers/{id}/owner',
  tags: ['customers'],
  summary: 'Hand the customer to another owner (managers and admins); kept in the history',
  middleware: [requireRole('manager')] as const,
  request: { params: idParams, body: jsonBody(ownerInputSchema) },
  responses: { 200: jsonResponse(ok, 'Saved'), ...errorResponses, ...notFoundResponse },
})

const readFeed = createRoute({
  method: 'get',
  path: '/me/calendar-feed',
  tags: ['worklist'],
  summary: 'Whether the signed-in user has a calendar feed (its URL is shown only when made)',
  responses: { 200: jsonResponse(calendarFeedSchema, 'Feed'), ...errorResponses },
})

const makeFeed = createRoute({
  method: 'post',
  path: '/me/calendar-feed',
  tags: ['worklist'],
  summary: 'A new secret iCal URL with the Tagesliste and Wiedervorlagen; the previous one stops working',
  responses: { 201: jsonResponse(calendarFeedSchema, 'Feed'), ...errorResponses },
})

const dropFeed = createRoute({
  method: 'delete',
  path: '/me/calendar-feed',
  tags: ['worklist'],
  summary: 'Revoke the calendar feed: its URL answers 404 from now on',
  responses: { 200: jsonResponse(ok, 'Revoked'), ...errorResponses },
})

const feed = createRoute({
  method: 'get',
  path: '/calendar/{token}',
  tags: ['worklist'],
  summary: 'The iCal feed (text/calendar) behind a secret URL; no session needed; 404 once revoked',
  request: { params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) }) },
  responses: {
    200: { description: 'iCalendar', content: { 'text/calendar': { schema: z.string() } } },
    ...notFoundResponse,
  },
})

export function worklistRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  const db = (c: Context<AppEnv>) => c.get('deps').db.kysely
  const caller = (c: Context<AppEnv>) => ({ id: c.get('user').id, role: c.get('user').role })
  const scope = (c: Context<AppEnv>) => scopeOf(c.get('user'))
  const locale = (c: Context<AppEnv>) => (c.get('user').locale === 'en' ? 'en' : 'de')

  app.openapi(worklist, async (c) => {
    const query = c.req.valid('query')
    const user = c.get('user')
    if (query.userId !== undefined && query.userId !== user.id && user.role === 'rep')
      throw new AppError('forbidden', say('ownDailyList'))
    const actor = actorOf(c)
    const list = await getWorklist(
      c.get('writeDb').kysely,
      query.userId ?? user.id,
      query.date ?? actor.today,
      actor,
      locale(c),
      c.get('deps').db.kysely,
    )
    return c.json(list, 200)
  })

  app.openapi(logCallRoute, async (c) =>
    c.json(
      await logCall(db(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c), caller(c), scope(c)),
      201,
    ),
  )

  app.openapi(followups, async (c) => {
    const actor = actorOf(c)
    return c.json(
      { followups: await listFollowups(db(c), caller(c), c.req.valid('query'), actor.today) },
      200,
    )
  })

  app.openapi(addFollowup, async (c) => {
    const id = await createFollowup(
      db(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      actorOf(c),
      caller(c),
      scope(c),
    )
    return c.json({ id }, 201)
  })

  app.openapi(changeFollowup, async (c) => {
    await updateFollowup(db(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c), caller(c))
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(timeline, async (c) =>
    c.json({ entries: await customerTimeline(db(c), c.req.valid('param').id, scope(c)) }, 200),
  )

  app.openapi(readOwners, async (c) => {
    const id = c.req.valid('param').id
    // the history is as visible as the customer
    await requireCustomer(db(c), id, scope(c).ownerId)
    return c.json({ changes: await ownerHistory(db(c), id) }, 200)
  })

  app.openapi(writeOwner, async (c) => {
    await setOwner(db(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c))
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(readFeed, async (c) => {
    const current = await currentFeed(db(c), c.get('user').id)
    return c.json({ path: null, createdAt: current?.created_at ?? null }, 200)
  })

  app.openapi(makeFeed, async (c) => {
    const actor = actorOf(c)
    const token = await createFeed(db(c), c.get('user').id, actor.now)
    return c.json({ path: `/api/calendar/${token}.ics`, createdAt: actor.now }, 201)
  })

  app.openapi(dropFeed, async (c) => {
    await revokeFeed(db(c), c.get('user').id, actorOf(c).now)
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(feed, async (c) => {
    const token = c.req.valid('param').token.replace(/\.ics$/, '')
    const user = await feedUser(c.get('writeDb').kysely, token)
    if (!user) throw new AppError('not_found', say('noSuchCalendar'))
    const deps = c.get('deps')
    // no session here: the feed's owner is the actor
    const actor = {
      userId: user.id,
      now: deps.clock().toISOString(),
      today: companyToday(deps.clock, deps.config.timeZone),
    }
    const body = await calendarOf(c.get('writeDb').kysely, user, actor, deps.config.timeZone)
    return c.body(body, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, max-age=300',
    })
  })

  return app
}
