import type { ColumnDefinitionBuilder } from 'kysely'
import type { AnyKysely } from '../dialect-helpers'
import { dateType, idColumn, idColumnType, timestampType } from '../dialect-helpers'

export async function up(db: AnyKysely): Promise<void> {
  const date = dateType(db)
  const ts = timestampType(db)
  const customer = (c: ColumnDefinitionBuilder) => c.notNull().references('customers.id').onDelete('cascade')

  await db.schema.alterTable('customers').addColumn('erased_at', ts).execute()

  await db.schema
    .createTable('contact_consents')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', customer)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('granted_at', date)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('text_version', 'text')
    .addColumn('text_hash', 'text')
    .addColumn('scope', 'text')
    .addColumn('doi_token', 'text')
    .addColumn('doi_confirmed_at', date)
    .addColumn('ip', 'text')
    .addColumn('call_reference', 'text')
    .addColumn('collected_by', 'text')
    .addColumn('withdrawn_at', date)
    .addColumn('last_used_at', date)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema
    .createIndex('contact_consents_customer')
    .on('contact_consents')
    .column('customer_id')
    .execute()

  await db.schema
    .createTable('contact_objections')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', customer)
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('gdpr', 'integer', (c) => c.notNull())
    .addColumn('received_at', date, (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('wording', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema
    .createIndex('contact_objections_customer')
    .on('contact_objections')
    .column('customer_id')
    .execute()

  await db.schema
    .createTable('contact_facts')
    .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('jurisdiction', 'text')
    .addColumn('email_origin', 'text')
    .addColumn('optout_notice_version', 'text')
    .addColumn('presumed_consent_text', 'text')
    .addColumn('presumed_consent_reviewer', 'text')
    .addColumn('presumed_consent_on', date)
    .addColumn('robinson_checked_on', date)
    .addColumn('robinson_listed', 'integer')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()

  await db.schema
    .createTable('suppression_list')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('suppression_list_entry', ['kind', 'match_key', 'scope', 'reason'])
    .execute()
  // every import and eligibility check looks people up by key alone
  await db.schema.createIndex('suppression_list_key').on('suppression_list').column('match_key').execute()

  await db.schema
    .createTable('contact_eligibility')
    .addColumn('customer_id', 'integer', customer)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('allowed', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text')
    .addColumn('blockers', 'text', (c) => c.notNull())
    .addColumn('as_of', date, (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_eligibility_pk', ['customer_id', 'channel'])
    .execute()
  await db.schema
    .createIndex('contact_eligibility_channel')
    .on('contact_eligibility')
    .columns(['channel', 'allowed', 'customer_id'])
    .execute()

  await db.schema
    .createTable('contact_decisions')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('allowed', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text')
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_at', ts, (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema
    .createIndex('contact_decisions_customer')
    .on('contact_decisions')
    .column('customer_id')
    .execute()

  await db.schema
    .createTable('data_requests')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('customer_number', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  for (const table of [
    'data_requests',
    'contact_decisions',
    'contact_eligibility',
    'suppression_list',
    'contact_facts',
    'contact_objections',
    'contact_consents',
  ])
    await db.schema.dropTable(table).execute()
  await db.schema.alterTable('customers').dropColumn('erased_at').execute()
}
