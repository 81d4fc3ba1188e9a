import { sql } from 'kysely'
import type { AnyKysely } from '../dialect-helpers'

/**
 * The customer list at a million customers: the name order it sorts by (the expression exactly as
 * list-customers.ts writes it), the city, and the day of the latest classification (the list's
 * "as of", a max that otherwise reads every status).
 */
export async function up(db: AnyKysely): Promise<void> {
  await sql`create index customers_sort_name on customers (lower(coalesce(company_name, last_name, customer_number)), id)`.execute(
    db,
  )
  await db.schema.createIndex('customers_city').on('customers').columns(['city', 'id']).execute()
  await db.schema.createIndex('customer_status_as_of').on('customer_status').column('as_of').execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('customer_status_as_of').execute()
  await db.schema.dropIndex('customers_city').execute()
  await db.schema.dropIndex('customers_sort_name').execute()
}
