import { sql } from 'kysely'
import type { AnyKysely } from '../dialect-helpers'

/**
 * The customer list sorts a status by P(alive) or CLV ("the lost by value"): the two numbers are
 * copied from customer_scores onto customer_status, so one index per order serves both the filter
 * and the sort (the lost have the lowest values: walking the scores' own index from the top would
 * pass every customer who is not lost first). The order by status itself (its rank, an expression)
 * gets an index too, and the order by number one that also holds the erasure (a deep page skips
 * index entries without reading the rows).
 */
export async function up(db: AnyKysely): Promise<void> {
  // the customer list by number at a deep page: the entries it skips answer "erased?" themselves
  await db.schema
    .createIndex('customers_number_erased')
    .on('customers')
    .columns(['customer_number', 'erased_at'])
    .execute()
  await db.schema.alterTable('customer_status').addColumn('p_alive', 'double precision').execute()
  await db.schema.alterTable('customer_status').addColumn('clv_cents', 'bigint').execute()
  await sql`update customer_status set
    p_alive = (select s.p_alive from customer_scores s where s.customer_id = customer_status.customer_id),
    clv_cents = (select s.clv_cents from customer_scores s where s.customer_id = customer_status.customer_id)`.execute(
    db,
  )
  await db.schema
    .createIndex('customer_status_status_p_alive')
    .on('customer_status')
    .columns(['status', 'p_alive'])
    .execute()
  await db.schema
    .createIndex('customer_status_status_clv')
    .on('customer_status')
    .columns(['status', 'clv_cents'])
    .execute()
  // the list's order by status (STATUS_RANK_SQL in list-customers.ts: the same expression)
  await sql`create index customer_status_rank on customer_status ((case status when 'lost' then 1 when 'sleeping' then 2 when 'at_risk' then 3 when 'reactivated' then 4 when 'new' then 5 when 'active' then 6 else 7 end), customer_id)`.execute(
    db,
  )
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('customer_status_rank').execute()
  await db.schema.dropIndex('customers_number_erased').execute()
  await db.schema.dropIndex('customer_status_status_clv').execute()
  await db.schema.dropIndex('customer_status_status_p_alive').execute()
  await db.schema.alterTable('customer_status').dropColumn('clv_cents').execute()
  await db.schema.alterTable('customer_status').dropColumn('p_alive').execute()
}
