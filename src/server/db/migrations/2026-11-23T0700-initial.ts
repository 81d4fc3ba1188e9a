import type { AnyKysely } from '../dialect-helpers'
import { dateType, idColumn, idColumnType, timestampType } from '../dialect-helpers'

export async function up(db: AnyKysely): Promise<void> {
  const id = idColumnType(db)
  const pk = idColumn(db)
  const ts = timestampType(db)
  const date = dateType(db)

  await db.schema
    .createTable('users')
    .addColumn('id', id, pk)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('de'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('disabled_at', ts)
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .execute()
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('customers')
    .addColumn('id', id, pk)
    .addColumn('customer_number', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('company_name', 'text')
    .addColumn('salutation', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('street', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('country', 'text')
    .addColumn('segment', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('owner_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('is_project_customer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('customers_email').on('customers').column('email').execute()
  await db.schema.createIndex('customers_segment').on('customers').column('segment').execute()
  await db.schema.createIndex('customers_owner').on('customers').column('owner_user_id').execute()

  await db.schema
    .createTable('import_runs')
    .addColumn('id', id, pk)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('file_size', 'bigint', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text')
    .addColumn('delimiter', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_valid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('customers_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('customers_updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('documents_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('documents_updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('documents_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issues', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rejected_csv', 'text')
    .addColumn('message', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute()
  await db.schema.createIndex('import_runs_hash').on('import_runs').column('file_hash').execute()

  await db.schema
    .createTable('orders')
    .addColumn('id', id, pk)
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('reference_number', 'text')
    .addColumn('ordered_on', date, (c) => c.notNull())
    .addColumn('net_cents', 'bigint', (c) => c.notNull())
    .addColumn('gross_cents', 'bigint')
    .addColumn('margin_cents', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('status', 'text')
    .addColumn('counts_as_purchase', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer')
    .addColumn('import_run_id', 'integer', (c) => c.references('import_runs.id').onDelete('set null'))
    .addUniqueConstraint('orders_source_key', ['source', 'external_key'])
    .execute()
  // by customer only: cheaper to maintain on large imports, and one customer's documents are few to sort
  await db.schema.createIndex('orders_customer').on('orders').column('customer_id').execute()

  await db.schema
    .createTable('contracts')
    .addColumn('id', id, pk)
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_key', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('product', 'text')
    .addColumn('started_on', date, (c) => c.notNull())
    .addColumn('ends_on', date)
    .addColumn('cancelled_on', date)
    .addColumn('monthly_value_cents', 'bigint')
    .addColumn('import_run_id', 'integer', (c) => c.references('import_runs.id').onDelete('set null'))
    .addUniqueConstraint('contracts_source_key', ['source', 'external_key'])
    .execute()
  await db.schema.createIndex('contracts_customer').on('contracts').column('customer_id').execute()

  await db.schema
    .createTable('customer_status')
    .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('as_of', date, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('rule_params', 'text', (c) => c.notNull())
    .addColumn('sub_types', 'text', (c) => c.notNull())
    .addColumn('signals', 'text', (c) => c.notNull())
    .addColumn('status_since', date)
    .addColumn('first_purchase_on', date)
    .addColumn('last_purchase_on', date)
    .addColumn('purchase_count', 'integer', (c) => c.notNull())
    .addColumn('typical_interval_days', 'real')
    .addColumn('revenue_total_cents', 'bigint', (c) => c.notNull())
    .addColumn('revenue_12m_cents', 'bigint', (c) => c.notNull())
    .addColumn('annual_revenue_cents', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('customer_status_status')
    .on('customer_status')
    .columns(['status', 'customer_id'])
    .execute()
  await db.schema
    .createIndex('customer_status_last')
    .on('customer_status')
    .column('last_purchase_on')
    .execute()

  await db.schema
    .createTable('customer_status_changes')
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('previous_status', 'text')
    .addPrimaryKeyConstraint('customer_status_changes_pk', ['customer_id', 'month'])
    .execute()
  await db.schema
    .createIndex('customer_status_changes_month')
    .on('customer_status_changes')
    .column('month')
    .execute()

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, pk)
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute()
}

export async function down(db: AnyKysely): Promise<void> {
  for (const table of [
    'audit_log',
    'settings',
    'customer_status_changes',
    'customer_status',
    'contracts',
    'orders',
    'import_runs',
    'customers',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
