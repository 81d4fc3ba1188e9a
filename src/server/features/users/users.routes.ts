import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { createUserRequestSchema, updateUserRequestSchema, userSchema } from '../../../shared/api/auth'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { idParams } from '../../http/route-parts'
import { AppError, say } from '../../lib/errors'
import { writeAudit } from '../audit/audit'
import { createUser } from './create-user'
import { hashPassword, verifyPassword } from './password'
import { findUserById, listUsers } from './user.repository'
import type { UserRow } from './user.table'

function toDto(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    createdAt: u.created_at,
    disabled: u.disabled_at !== null,
  }
}

const list = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  summary: 'All users (admin)',
  middleware: [requireRole()] as const,
  responses: {
    200: {
      description: 'Users',
      content: { 'application/json': { schema: z.object({ users: z.array(userSchema) }) } },
    },
    ...errorResponses,
  },
})

const create = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  summary: 'Create a user (admin)',
  middleware: [requireRole()] as const,
  request: { body: { content: { 'application/json': { schema: createUserRequestSchema } }, required: true } },
  responses: {
    201: {
      description: 'Created',
      content: { 'application/json': { schema: z.object({ user: userSchema }) } },
    },
    ...errorResponses,
  },
})

const update = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['users'],
  summary:
    'Change name, role, language, password or lock a user (admin; everyone for their own language and password)',
  request: {
    params: idParams,
    body: { content: { 'application/json': { schema: updateUserRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'Updated',
      content: { 'application/json': { schema: z.object({ user: userSchema }) } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
})

export function usersRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(list, async (c) => {
    const users = await listUsers(c.get('deps').db.kysely)
    return c.json({ users: users.map(toDto) }, 200)
  })

  app.openapi(create, async (c) => {
    const deps = c.get('deps')
    const body = c.req.valid('json')
    const now = deps.clock().toISOString()
    const id = await createUser({ db: deps.db, ...body, now })
    await writeAudit(deps.db.kysely, {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      userId: c.get('user').id,
      at: now,
      details: { email: body.email, name: body.name, role: body.role },
    })
    return c.json({ user: toDto((await findUserById(deps.db.kysely, id))!) }, 201)
  })

  app.openapi(update, async (c) => {
    const deps = c.get('deps')
    const me = c.get('user')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const self = me.id === id
    const adminOnly = body.role !== undefined || body.disabled !== undefined || body.name !== undefined
    if (me.role !== 'admin' && (!self || adminOnly)) throw new AppError('forbidden', say('adminsChangeUsers'))
    if (self && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))) {
      throw new AppError('conflict', say('noSelfLockout'))
    }
    const existing = await findUserById(deps.db.kysely, id)
    if (!existing) throw new AppError('not_found', say('noSuchUser'))
    if (self && body.password !== undefined) {
      if (!body.currentPassword || !(await verifyPassword(existing.password_hash, body.currentPassword)))
        throw new AppError('validation_failed', say('currentPasswordNeeded'))
    }
    await deps.db.kysely
      .updateTable('users')
      .set({
        ...(body.name !== undefined && { name: body.name }),
        ...(body.role !== undefined && { role: body.role }),
        ...(body.locale !== undefined && { locale: body.locale }),
        ...(body.disabled !== undefined && {
          disabled_at: body.disabled ? deps.clock().toISOString() : null,
        }),
        ...(body.password !== undefined && { password_hash: await hashPassword(body.password) }),
      })
      .where('id', '=', id)
      .execute()
    // what changed, for the audit log: never the password itself
    const changes = {
      ...(body.role !== undefined &&
        body.role !== existing.role && { role: { from: existing.role, to: body.role } }),
      ...(body.name !== undefined &&
        body.name !== existing.name && { name: { from: existing.name, to: body.name } }),
      ...(body.disabled !== undefined &&
        body.disabled !== (existing.disabled_at !== null) && { disabled: body.disabled }),
      ...(body.password !== undefined && { passwordChanged: true }),
    }
    if (Object.keys(changes).length > 0)
      await writeAudit(deps.db.kysely, {
        action: 'user.changed',
        entityType: 'user',
        entityId: id,
        userId: me.id,
        at: deps.clock().toISOString(),
        details: { email: existing.email, ...changes },
      })
    if (body.disabled || body.password !== undefined || body.role !== undefined)
      await deps.sessions.destroyForUser(id)
    return c.json({ user: toDto((await findUserById(deps.db.kysely, id))!) }, 200)
  })
  return app
}
