import type { AnyKysely } from '../dialect-helpers'
import { dateType, idColumn, idColumnType, timestampType } from '../dialect-helpers'

/**
 * Early warning (PRODUCT.md step 8): the P(alive) of the scoring before the latest, warning signs
 * people record (a complaint, a cancelled visit), and the list of active customers whose risk rises,
 * with the day each was first seen on it.
 */
export async function up(db: AnyKysely): Promise<void> {
  const date = dateType(db)
  const ts = timestampType(db)
  await db.schema.alterTable('customer_scores').addColumn('previous_p_alive', 'double precision').execute()
  await db.schema
    .createTable('warning_signs')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('noted_on', date, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema
    .createIndex('warning_signs_customer')
    .on('warning_signs')
    .columns(['customer_id', 'noted_on'])
    .execute()
  await db.schema
    .createTable('early_warnings')
    .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('first_seen_on', date, (c) => c.notNull())
    .addColumn('last_seen_on', date, (c) => c.notNull())
    .addColumn('signals', 'text', (c) => c.notNull())
    .addColumn('risk', 'double precision', (c) => c.notNull())
    .addColumn('value_cents', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('early_warnings_first_seen')
    .on('early_warnings')
    .column('first_seen_on')
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('early_warnings').execute()
  await db.schema.dropTable('warning_signs').execute()
  await db.schema.alterTable('customer_scores').dropColumn('previous_p_alive').execute()
}
