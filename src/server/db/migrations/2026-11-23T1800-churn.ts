import { seededReasons } from '../../../shared/churn'
import type { AnyKysely } from '../dialect-helpers'
import { dateType, idColumn, idColumnType, timestampType } from '../dialect-helpers'

export async function up(db: AnyKysely): Promise<void> {
  const date = dateType(db)
  const ts = timestampType(db)
  await db.schema
    .createTable('churn_reasons')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('churn_reason_history')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('reason_id', 'integer', (c) => c.notNull().references('churn_reasons.id').onDelete('cascade'))
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema
    .createTable('customer_churn_reasons')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('reason_id', 'integer', (c) => c.notNull().references('churn_reasons.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('recorded_on', date, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('remediation_cost_cents', 'bigint')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema
    .createIndex('customer_churn_reasons_customer')
    .on('customer_churn_reasons')
    .column('customer_id')
    .execute()
  await db.schema
    .createIndex('customer_churn_reasons_reason')
    .on('customer_churn_reasons')
    .column('reason_id')
    .execute()

  // the seeded catalogue: a company starts with the reasons of PRODUCT.md step 2 and edits them
  const now = new Date().toISOString()
  await db
    .insertInto('churn_reasons')
    .values(
      seededReasons.map((r, i) => ({
        code: r.code,
        name_de: r.de,
        name_en: r.en,
        kind: r.kind,
        position: (i + 1) * 10,
        retired_at: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  for (const table of ['customer_churn_reasons', 'churn_reason_history', 'churn_reasons'])
    await db.schema.dropTable(table).ifExists().execute()
}
