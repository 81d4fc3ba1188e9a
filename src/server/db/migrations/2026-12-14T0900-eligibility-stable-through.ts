import { sql } from 'kysely'
import { type AnyKysely, dateType } from '../dialect-helpers'

/**
 * The nightly eligibility refresh redoes only the customers whose answers can have changed: each
 * row keeps the last day through which it stays true (contact/eligibility-stability.ts). Rows
 * written before carry the day they were decided, so the next night decides them afresh.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('contact_eligibility').addColumn('stable_through', dateType(db)).execute()
  await sql`update contact_eligibility set stable_through = as_of`.execute(db)
  await db.schema
    .createIndex('contact_eligibility_stable_through')
    .on('contact_eligibility')
    .columns(['stable_through', 'customer_id'])
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', 'contact.eligibilityBasis').execute()
  await db.schema.dropIndex('contact_eligibility_stable_through').execute()
  await db.schema.alterTable('contact_eligibility').dropColumn('stable_through').execute()
}
