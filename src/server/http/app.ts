import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import { secureHeaders } from 'hono/secure-headers'
import { assistRoutes } from '../features/assist/assist.routes'
import { campaignRoutes } from '../features/campaigns/campaigns.routes'
import { cancellationRoutes } from '../features/cancellations/cancellations.routes'
import { churnRoutes } from '../features/churn/churn.routes'
import { contactRoutes } from '../features/contact/contact.routes'
import { customersRoutes } from '../features/customers/customers.routes'
import { importsRoutes } from '../features/imports/imports.routes'
import { lifecycleRoutes } from '../features/lifecycle/lifecycle.routes'
import { bounceRoutes } from '../features/messaging/bounce.routes'
import { messagingRoutes } from '../features/messaging/messaging.routes'
import { unsubscribePages } from '../features/messaging/public-pages'
import { playbookRoutes } from '../features/playbook/playbook.routes'
import { preventionRoutes } from '../features/prevention/prevention.routes'
import { reportRoutes } from '../features/reports/reports.routes'
import { scoringRoutes } from '../features/scoring/scoring.routes'
import { surveyPages } from '../features/survey/survey-pages'
import { authRoutes } from '../features/users/auth.routes'
import { usersRoutes } from '../features/users/users.routes'
import { winbackRoutes } from '../features/winback/winback.routes'
import { worklistRoutes } from '../features/worklist/worklist.routes'
import { jobsRoutes } from '../jobs/jobs.routes'
import { AppError, say } from '../lib/errors'
import {
  changeMarkOf,
  confirmGroupChanges,
  forgetCachedReads,
  forgetCachedReadsOf,
  groupChangesSaid,
  refreshChangeMark,
} from '../lib/read-cache'
import type { AppDeps, AppEnv } from './app-env'
import { requireSession } from './auth'
import { handleError, validationHook } from './error-response'
import { serveWeb } from './serve-web'

const JSON_BODY_LIMIT = 1024 * 1024

/** Writes of a session only: nothing any list shows changes. */
const SESSION_WRITES = new Set(['/api/auth/login', '/api/auth/logout'])
/**
 * The customer a write under /api/customers/{id}/… changes: such a route writes that customer's data
 * alone (a call, a reason, an assessment, a consent, an erasure), never another's; what it may change
 * for everybody (the win-back model learns from outcomes) the lists check themselves.
 */
function customerOfWrite(path: string): number | null {
  const match = /^\/api\/customers\/(\d+)\//.exec(path)
  return match ? Number(match[1]) : null
}

/** the routes that take files, each with its own limit */
const UPLOAD_PATHS = new Set(['/api/imports', '/api/contact/import'])

/** The HTTP application: the JSON API under /api (documented at /api/openapi.json) and the web app. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.onError(handleError)
  // requests that only read go to the reading connection, where there is one
  const readingDeps = deps.readDb ? { ...deps, db: deps.readDb } : deps
  app.use('*', async (c, next) => {
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD'
    c.set('deps', reading ? readingDeps : deps)
    c.set('writeDb', deps.db)
    // customers' groups changed by this request (or one beside it) are confirmed once it has
    // committed; a read may change them too (the Tagesliste's first look hands customers to their rep)
    const groupsSaid = groupChangesSaid()
    const writing = !reading && !SESSION_WRITES.has(c.req.path)
    // whatever a write changed, no cached list may show the state before it (a sign-in changes
    // none: at a million customers it made the next person wait for the win-back list); a write
    // to one customer's data brings the lists up to date for that customer alone
    const customerId = writing ? customerOfWrite(c.req.path) : null
    const readsFrom = readingDeps.db.kysely
    const mark = changeMarkOf(readsFrom)
    if (customerId !== null) await refreshChangeMark(readsFrom)
    const before = customerId !== null ? mark?.() : undefined
    await next()
    confirmGroupChanges(groupsSaid)
    if (!writing) return
    if (customerId === null) forgetCachedReads()
    else {
      await refreshChangeMark(readsFrom)
      forgetCachedReadsOf([customerId], mark && { db: readsFrom, before, after: mark() })
    }
  })
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  )
  app.use('/api/*', csrf())

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  // a request body is a form's JSON: a megabyte is plenty; file uploads set their own limits
  const jsonLimit = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: () => {
      throw new AppError('payload_too_large', say('bodyTooLarge', { bytes: JSON_BODY_LIMIT }))
    },
  })
  api.use('*', (c, next) => (UPLOAD_PATHS.has(c.req.path) ? next() : jsonLimit(c, next)))
  api.use('*', async (c, next) => {
    // a calendar feed is opened by Outlook or Google without a session: its secret URL is the key
    if (c.req.path === '/api/auth/login' || c.req.path.startsWith('/api/calendar/')) return next()
    return requireSession(c, next)
  })
  api.route('/', authRoutes())
  api.route('/', usersRoutes())
  api.route('/', customersRoutes())
  api.route('/', lifecycleRoutes())
  api.route('/', importsRoutes())
  api.route('/', scoringRoutes())
  api.route('/', contactRoutes())
  api.route('/', churnRoutes())
  api.route('/', winbackRoutes())
  api.route('/', cancellationRoutes())
  api.route('/', playbookRoutes())
  api.route('/', campaignRoutes())
  api.route('/', worklistRoutes())
  api.route('/', reportRoutes())
  api.route('/', preventionRoutes())
  api.route('/', messagingRoutes())
  api.route('/', bounceRoutes())
  api.route('/', assistRoutes())
  api.route('/', jobsRoutes())
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: {
      title: 'winback API',
      version: '0.1.0',
      description:
        'The API the winback web app uses. Sign in with POST /api/auth/login; the session is a cookie.',
    },
  })
  api.all('*', () => {
    throw new AppError('not_found', say('noSuchRoute'))
  })
  app.route('/api', api)
  // public pages reached from e-mails and letters, without a session: the token is the key
  app.route('/', unsubscribePages())
  app.route('/', surveyPages())
  serveWeb(app, deps.config.webDir)
  return app
}

export type App = ReturnType<typeof createApp>
