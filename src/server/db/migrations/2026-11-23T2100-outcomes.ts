import type { AnyKysely } from '../dialect-helpers'
import { dateType, idColumn, idColumnType, timestampType } from '../dialect-helpers'

/** Win-back attempts with their outcome, and contract cancellations with the retention attempt. */
export async function up(db: AnyKysely): Promise<void> {
  const date = dateType(db)
  const ts = timestampType(db)
  await db.schema
    .createTable('winback_attempts')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('started_on', date, (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('offer', 'text')
    .addColumn('offer_cents', 'bigint')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('outcome_on', date)
    .addColumn('note', 'text')
    // the factors as they were when the attempt started: the learned model fits on these
    .addColumn('situation', 'text', (c) => c.notNull())
    .addColumn('probability', 'double precision', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('winback_attempts_customer')
    .on('winback_attempts')
    .column('customer_id')
    .execute()
  await db.schema.createIndex('winback_attempts_outcome').on('winback_attempts').column('outcome').execute()

  await db.schema
    .createTable('contract_cancellations')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('contract_id', 'integer', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('received_on', date, (c) => c.notNull())
    .addColumn('effective_on', date)
    .addColumn('reason_id', 'integer', (c) => c.references('churn_reasons.id'))
    // the reason as recorded for the customer (source "cancellation"), so the cause overview counts it
    .addColumn('customer_reason_id', 'integer', (c) =>
      c.references('customer_churn_reasons.id').onDelete('set null'),
    )
    .addColumn('note', 'text')
    .addColumn('retention_offer', 'text')
    .addColumn('retention_offer_cents', 'bigint')
    .addColumn('retention_on', date)
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('outcome_on', date)
    // what the contract said before the cancellation, restored when it is withdrawn
    .addColumn('previous_cancelled_on', date)
    .addColumn('previous_ends_on', date)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('contract_cancellations_contract')
    .on('contract_cancellations')
    .column('contract_id')
    .execute()
  await db.schema
    .createIndex('contract_cancellations_customer')
    .on('contract_cancellations')
    .column('customer_id')
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  for (const table of ['contract_cancellations', 'winback_attempts'])
    await db.schema.dropTable(table).ifExists().execute()
}
