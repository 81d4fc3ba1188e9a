import { createHash, randomBytes } from 'node:crypto'
import type { Role } from '../../../shared/roles'
import type { Db } from '../../db/database'

export interface SessionUser {
  id: number
  email: string
  name: string
  role: Role
  locale: string
}

export const SESSION_COOKIE = 'winback_session'
const SESSION_DAYS = 14
/** Sessions are cached briefly so requests (and progress polling during a long write) need no query. */
const CACHE_MS = 30_000

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export interface SessionStore {
  create(userId: number, userAgent: string | null): Promise<{ token: string; expiresAt: Date }>
  resolve(token: string): Promise<SessionUser | null>
  destroy(token: string): Promise<void>
  destroyForUser(userId: number): Promise<void>
}

/** Sessions in the database, by the SHA-256 of a random 256-bit cookie token. */
export function createSessionStore(db: Db, clock: () => Date): SessionStore {
  const cache = new Map<string, { user: SessionUser; expiresAt: number; cachedAt: number }>()
  return {
    async create(userId, userAgent) {
      const token = randomBytes(32).toString('base64url')
      const now = clock()
      const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000)
      await db.kysely
        .insertInto('sessions')
        .values({
          id: tokenHash(token),
          user_id: userId,
          created_at: now.toISOString(),
          expires_at: expiresAt.toISOString(),
          user_agent: userAgent?.slice(0, 300) ?? null,
        })
        .execute()
      return { token, expiresAt }
    },
    async resolve(token) {
      const id = tokenHash(token)
      const now = clock().getTime()
      const cached = cache.get(id)
      if (cached && now - cached.cachedAt < CACHE_MS && cached.expiresAt > now) return cached.user
      cache.delete(id)
      const row = await db.kysely
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'users.id',
          'users.email',
          'users.name',
          'users.role',
          'users.locale',
          'users.disabled_at',
          'sessions.expires_at',
        ])
        .where('sessions.id', '=', id)
        .executeTakeFirst()
      if (!row || row.disabled_at !== null || new Date(row.expires_at).getTime() <= now) return null
      const user: SessionUser = {
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        locale: row.locale,
      }
      cache.set(id, { user, expiresAt: new Date(row.expires_at).getTime(), cachedAt: now })
      return user
    },
    async destroy(token) {
      const id = tokenHash(token)
      cache.delete(id)
      await db.kysely.deleteFrom('sessions').where('id', '=', id).execute()
    },
    async destroyForUser(userId) {
      for (const [key, value] of cache) if (value.user.id === userId) cache.delete(key)
      await db.kysely.deleteFrom('sessions').where('user_id', '=', userId).execute()
    },
  }
}
