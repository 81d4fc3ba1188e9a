import type { AnyKysely } from '../dialect-helpers'
import { idColumn, idColumnType, timestampType } from '../dialect-helpers'

/** "Warum sind Sie gegangen?": a personal, revocable invitation per customer and campaign. */
export async function up(db: AnyKysely): Promise<void> {
  const ts = timestampType(db)
  await db.schema
    .createTable('survey_invitations')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id').onDelete('set null'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addColumn('answered_at', ts)
    .addColumn('answer', 'text')
    .execute()
  await db.schema
    .createIndex('survey_invitations_customer')
    .on('survey_invitations')
    .column('customer_id')
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('survey_invitations').execute()
}
