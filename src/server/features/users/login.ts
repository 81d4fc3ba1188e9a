import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/database'
import { AppError, say } from '../../lib/errors'
import type { LoginThrottle } from './login-throttle'
import { hashPassword, verifyPassword } from './password'
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

/** A hash of nothing anyone knows: an unknown e-mail costs the same hashing as a known one. */
let decoyHash: Promise<string> | undefined

/**
 * Checks the password and opens a session; the same error, and the same time, for an unknown
 * e-mail and a wrong password.
 */
export async function login(
  options: LoginOptions,
): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const email = options.email.trim().toLowerCase()
  const wait = options.throttle.waitMs(email, options.client)
  if (wait > 0)
    throw new AppError('rate_limited', say('tooManySignIns', { seconds: Math.ceil(wait / 1000) }), {
      retryAfterSeconds: Math.ceil(wait / 1000),
    })
  const user = await findUserByEmail(options.db.kysely, email)
  decoyHash ??= hashPassword(randomBytes(32).toString('hex'))
  const verified = await verifyPassword(user?.password_hash ?? (await decoyHash), options.password)
  const ok = user !== undefined && user.disabled_at === null && verified
  if (!ok || !user) {
    options.throttle.recordFailure(email, options.client)
    throw new AppError('invalid_credentials', say('wrongCredentials'))
  }
  options.throttle.recordSuccess(email, options.client)
  const session = await options.sessions.create(user.id, options.userAgent)
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale },
    ...session,
  }
}
