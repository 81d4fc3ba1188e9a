import type { Db } from '../../db/database'
import type { CustomerScope } from './customer-scope'

/** The values the list's filters offer: segments in use and the users who own customers. */
export async function listFilterValues(options: { db: Db; scope: CustomerScope }) {
  let segments = options.db.kysely
    .selectFrom('customers')
    .select('segment')
    .distinct()
    .where('segment', 'is not', null)
  if (options.scope.ownerId !== null) segments = segments.where('owner_user_id', '=', options.scope.ownerId)
  const owners = await options.db.kysely
    .selectFrom('users')
    .select(['id', 'name'])
    .where('disabled_at', 'is', null)
    .where((eb) =>
      eb.exists(eb.selectFrom('customers').select('id').whereRef('customers.owner_user_id', '=', 'users.id')),
    )
    .orderBy('name')
    .execute()
  const rows = await segments.orderBy('segment').execute()
  return { segments: rows.map((r) => r.segment!), owners }
}
