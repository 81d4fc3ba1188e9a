import type { Generated } from 'kysely'

export interface AuditLogTable {
  id: Generated<number>
  at: string
  user_id: number | null
  action: string
  entity_type: string
  entity_id: string | null
  /** JSON */
  details: string
}
