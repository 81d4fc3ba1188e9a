import { sql } from 'kysely'
import type { AnyKysely } from '../dialect-helpers'

/**
 * Lists at a million customers: the name order the customer list sorts by (the expression exactly
 * as list-customers.ts writes it), the city, the day of the latest classification (the list's
 * "as of", a max that otherwise reads every status), and the win-back list's margins.
 */
export async function up(db: AnyKysely): Promise<void> {
  await sql`create index customers_sort_name on customers (lower(coalesce(company_name, last_name, customer_number)), id)`.execute(
    db,
  )
  await db.schema.createIndex('customers_city').on('customers').columns(['city', 'id']).execute()
  await db.schema.createIndex('customer_status_as_of').on('customer_status').column('as_of').execute()
  // the win-back list's margin per customer reads only the orders that have one (most files have none)
  await db.schema
    .createIndex('orders_margin')
    .on('orders')
    .columns(['customer_id', 'margin_cents', 'net_cents'])
    .where(sql.ref('margin_cents'), 'is not', null)
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('orders_margin').execute()
  await db.schema.dropIndex('customer_status_as_of').execute()
  await db.schema.dropIndex('customers_city').execute()
  await db.schema.dropIndex('customers_sort_name').execute()
}
