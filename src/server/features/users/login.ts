import type { Db } from '../../db/database'
import { AppError } from '../../lib/errors'
import type { LoginThrottle } from './login-throttle'
import { verifyPassword } from './password'
import type { SessionStore, SessionUser } from './session.service'
import { findUserByEmail } from './user.repository'

export interface LoginOptions {
  db: Db
  sessions: SessionStore
  throttle: LoginThrottle
  email: string
  password: string
  client: string
  userAgent: string | null
}

/** Failed sign-ins from one address before it is refused; high, so a shared office address is not locked out by one person. */
const CLIENT_LIMIT = 100

/** Checks the password and opens a session; the same error for unknown e-mail and wrong password. */
export async function login(
  options: LoginOptions,
): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const email = options.email.trim().toLowerCase()
  const keys = [`email:${email}`]
  if (
    options.throttle.isBlocked(keys) ||
    options.throttle.isBlocked([`client:${options.client}`], CLIENT_LIMIT)
  ) {
    throw new AppError('rate_limited', 'Too many failed sign-ins; try again in 15 minutes')
  }
  const user = await findUserByEmail(options.db.kysely, email)
  const ok =
    user !== undefined &&
    user.disabled_at === null &&
    (await verifyPassword(user.password_hash, options.password))
  if (!ok || !user) {
    options.throttle.recordFailure([...keys, `client:${options.client}`])
    throw new AppError('invalid_credentials', 'E-mail or password is wrong')
  }
  options.throttle.reset([`email:${email}`])
  const session = await options.sessions.create(user.id, options.userAgent)
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale },
    ...session,
  }
}
