import type { AnyKysely } from '../dialect-helpers'
import { idColumn, idColumnType, timestampType } from '../dialect-helpers'

/**
 * A durable job queue in the database (both dialects), the e-mails winback sends (one row per
 * message, at most one per campaign step and customer) and the e-mail templates users edit.
 */
export async function up(db: AnyKysely): Promise<void> {
  const ts = timestampType(db)
  await db.schema
    .createTable('queued_jobs')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', ts, (c) => c.notNull())
    .addColumn('locked_until', ts)
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute()
  await db.schema.createIndex('queued_jobs_due').on('queued_jobs').columns(['state', 'run_at']).execute()

  await db.schema
    .createTable('outbound_messages')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id').onDelete('set null'))
    .addColumn('campaign_step', 'integer')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('unsubscribe_hash', 'text', (c) => c.unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sent_at', ts)
    .execute()
  await db.schema
    .createIndex('outbound_messages_customer')
    .on('outbound_messages')
    .column('customer_id')
    .execute()
  await db.schema
    .createIndex('outbound_messages_campaign')
    .on('outbound_messages')
    .columns(['campaign_id', 'campaign_step'])
    .execute()

  await db.schema
    .createTable('email_templates')
    .addColumn('id', idColumnType(db), idColumn(db))
    /** the measure it is for; null: the template for every measure without its own */
    .addColumn('measure_id', 'integer', (c) => c.references('playbook_measures.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('informal', 'integer', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('email_templates').execute()
  await db.schema.dropTable('outbound_messages').execute()
  await db.schema.dropTable('queued_jobs').execute()
}
