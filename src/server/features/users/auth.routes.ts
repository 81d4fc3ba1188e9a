import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { loginRequestSchema, sessionUserSchema } from '../../../shared/api/auth'
import type { AppEnv } from '../../http/app-env'
import { clientOf } from '../../http/client-info'
import { errorBodySchema, errorResponses, validationHook } from '../../http/error-response'
import { login } from './login'
import { LoginThrottle } from './login-throttle'
import { SESSION_COOKIE } from './session.service'

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Sign in; sets the session cookie',
  request: { body: { content: { 'application/json': { schema: loginRequestSchema } }, required: true } },
  responses: {
    200: {
      description: 'Signed in',
      content: { 'application/json': { schema: z.object({ user: sessionUserSchema }) } },
    },
    400: errorResponses[400],
    401: {
      description: 'Wrong e-mail or password',
      content: { 'application/json': { schema: errorBodySchema } },
    },
    429: {
      description: 'Too many failed attempts',
      content: { 'application/json': { schema: errorBodySchema } },
    },
  },
})

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Sign out',
  responses: { 204: { description: 'Signed out' }, 401: errorResponses[401] },
})

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'The signed-in user',
  responses: {
    200: {
      description: 'The user',
      content: { 'application/json': { schema: z.object({ user: sessionUserSchema }) } },
    },
    401: errorResponses[401],
  },
})

export function authRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  let throttle: LoginThrottle | undefined

  app.openapi(loginRoute, async (c) => {
    const deps = c.get('deps')
    throttle ??= new LoginThrottle(deps.clock)
    const body = c.req.valid('json')
    const client = clientOf(c)
    const result = await login({
      db: deps.db,
      sessions: deps.sessions,
      throttle,
      email: body.email,
      password: body.password,
      client: client.address,
      userAgent: c.req.header('user-agent') ?? null,
    })
    const secure =
      deps.config.secureCookies === 'on' ||
      (deps.config.secureCookies === 'auto' && client.protocol === 'https')
    setCookie(c, SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/',
      expires: result.expiresAt,
    })
    return c.json({ user: result.user }, 200)
  })

  app.openapi(logoutRoute, async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await c.get('deps').sessions.destroy(token)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

  app.openapi(meRoute, (c) => c.json({ user: c.get('user') }, 200))
  return app
}
