import { type Kysely, sql, type Transaction } from 'kysely'
import type { AuditAction } from '../../../shared/audit'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

export { type AuditAction, auditActions } from '../../../shared/audit'

export interface AuditEntry {
  action: AuditAction
  entityType: 'customer' | 'import_run' | 'user' | 'setting'
  entityId: string | number | null
  userId: number | null
  at: string
  /** facts about the action; never personal data of the customer beyond their id and number */
  details?: Record<string, unknown>
}

export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      user_id: entry.userId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute()
}

export interface AuditLogItem {
  id: number
  at: string
  action: string
  entityType: string
  entityId: string | null
  userId: number | null
  userName: string | null
  /** the customer's number for customer entries (still there after erasure: a pseudonym then) */
  customerNumber: string | null
  details: Record<string, unknown>
}

export async function listAuditLog(
  db: Executor,
  options: { limit: number; offset: number; entityType?: string; entityId?: string },
): Promise<{ items: AuditLogItem[]; total: number }> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    // entity ids are text (customers, runs, users, setting keys); customers' are their ids as text
    .leftJoin('customers', (join) =>
      join
        .onRef('audit_log.entity_id', '=', sql<string>`cast(${sql.ref('customers.id')} as text)`)
        .on('audit_log.entity_type', '=', 'customer'),
    )
  if (options.entityType) query = query.where('audit_log.entity_type', '=', options.entityType)
  if (options.entityId) query = query.where('audit_log.entity_id', '=', options.entityId)
  const [rows, count] = await Promise.all([
    query
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.action',
        'audit_log.entity_type',
        'audit_log.entity_id',
        'audit_log.user_id',
        'audit_log.details',
        'users.name as user_name',
        'customers.customer_number',
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      userId: r.user_id,
      userName: r.user_name,
      customerNumber: r.customer_number,
      details: JSON.parse(r.details) as Record<string, unknown>,
    })),
  }
}
