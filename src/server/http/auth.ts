import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { Role } from '../../shared/roles'
import { SESSION_COOKIE } from '../features/users/session.service'
import { AppError, say } from '../lib/errors'
import type { AppEnv } from './app-env'

/** Every /api route except signing in needs a valid session. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE)
  const user = token ? await c.get('deps').sessions.resolve(token) : null
  if (!user) throw new AppError('unauthenticated', say('signIn'))
  c.set('user', user)
  await next()
})

/** Restricts a route to some roles; admins may do everything. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user')
    if (user.role !== 'admin' && !roles.includes(user.role)) {
      throw new AppError('forbidden', say('roleMayNot'))
    }
    await next()
  })
}
