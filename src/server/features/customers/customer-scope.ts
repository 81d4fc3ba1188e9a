import type { SessionUser } from '../users/session.service'

/** Which customers a user may see: reps their own, managers and admins all. */
export interface CustomerScope {
  ownerId: number | null
}

export function scopeOf(user: SessionUser): CustomerScope {
  return { ownerId: user.role === 'rep' ? user.id : null }
}
