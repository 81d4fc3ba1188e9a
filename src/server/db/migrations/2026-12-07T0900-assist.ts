import type { AnyKysely } from '../dialect-helpers'
import { idColumn, idColumnType, timestampType } from '../dialect-helpers'

/**
 * The call assistant: the reason models trained on the company's confirmed notes (with their
 * held-out accuracy), every request sent to a configured language model (what was sent, for whom,
 * what came back), and the competitor a call names.
 */
export async function up(db: AnyKysely): Promise<void> {
  const ts = timestampType(db)
  await db.schema
    .createTable('reason_models')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('trained_at', ts, (c) => c.notNull())
    .addColumn('trained_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('notes', 'integer', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('accuracy', 'text')
    .addColumn('last_record_id', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('llm_requests')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('sent', 'text', (c) => c.notNull())
    .addColumn('received', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('llm_requests_customer').on('llm_requests').column('customer_id').execute()
  await db.schema.alterTable('calls').addColumn('competitor', 'text').execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('calls').dropColumn('competitor').execute()
  await db.schema.dropTable('llm_requests').ifExists().execute()
  await db.schema.dropTable('reason_models').ifExists().execute()
}
