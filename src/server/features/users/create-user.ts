import type { Role } from '../../../shared/roles'
import type { Db } from '../../db/database'
import { AppError, say } from '../../lib/errors'
import { hashPassword } from './password'
import { findUserByEmail, insertUser } from './user.repository'

export interface CreateUserOptions {
  db: Db
  email: string
  name: string
  role: Role
  password: string
  locale?: string
  now: string
}

export async function createUser(options: CreateUserOptions): Promise<number> {
  const email = options.email.trim().toLowerCase()
  if (await findUserByEmail(options.db.kysely, email))
    throw new AppError('conflict', say('userExists', { email }))
  if (options.password.length < 10) throw new AppError('validation_failed', say('passwordTooShort'))
  return insertUser(options.db.kysely, {
    email,
    name: options.name.trim(),
    role: options.role,
    password_hash: await hashPassword(options.password),
    locale: options.locale ?? 'de',
    created_at: options.now,
    disabled_at: null,
  })
}
