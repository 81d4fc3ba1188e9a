import type { AnyKysely } from '../dialect-helpers'
import { timestampType } from '../dialect-helpers'

/**
 * Indexes taken off for a long bulk write of many transactions (a first import's derivation of a
 * million customers), each with the statement that builds it again. The row is written in the
 * transaction that drops the index and deleted in the one that builds it, so an index set aside by
 * a process that died is built again by the next derivation or start (set-aside-indexes.ts).
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable('set_aside_indexes')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('set_aside_at', timestampType(db), (c) => c.notNull())
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('set_aside_indexes').execute()
}
