import { type AnyKysely, isPostgres } from '../dialect-helpers'

/**
 * Every night (and after every import) the customers' ledgers are read customer by customer. On
 * SQLite the index on customer_id alone made that a random read of the orders table for every
 * document: 78 s for 10,000,000 documents, where reading the table takes 2 s. An index holding
 * what a ledger reads, in the order it reads it, is read in sequence (3 s) and replaces the
 * narrower one. PostgreSQL keeps its index: a B-tree entry there is limited to about 2.7 kB, and
 * document numbers come from files of any length.
 */
export async function up(db: AnyKysely): Promise<void> {
  if (isPostgres(db)) return
  await db.schema
    .createIndex('orders_ledger')
    .on('orders')
    .columns([
      'customer_id',
      'ordered_on',
      'kind',
      'net_cents',
      'counts_as_purchase',
      'number',
      'reference_number',
    ])
    .execute()
  await db.schema.dropIndex('orders_customer').execute()
}

export async function down(db: AnyKysely): Promise<void> {
  if (isPostgres(db)) return
  await db.schema.createIndex('orders_customer').on('orders').column('customer_id').execute()
  await db.schema.dropIndex('orders_ledger').execute()
}
