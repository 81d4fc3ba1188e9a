import type { Generated, Insertable, Selectable } from 'kysely'
import type { Role } from '../../../shared/roles'

export interface UserTable {
  id: Generated<number>
  email: string
  name: string
  role: Role
  password_hash: string
  locale: string
  created_at: string
  disabled_at: string | null
}

/** A session is stored by the SHA-256 of its cookie token, so a leaked database does not leak sessions. */
export interface SessionTable {
  id: string
  user_id: number
  created_at: string
  expires_at: string
  user_agent: string | null
}

export type UserRow = Selectable<UserTable>
export type NewUserRow = Insertable<UserTable>
