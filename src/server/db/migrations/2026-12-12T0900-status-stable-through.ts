import { sql } from 'kysely'
import { type AnyKysely, dateType } from '../dialect-helpers'

/**
 * The nightly classification redoes only the customers whose classification can have changed:
 * each status row keeps the last day through which it stays true (lifecycle/stability.ts). Rows
 * written before carry the day they were classified, so the next night classifies them afresh.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('customer_status').addColumn('stable_through', dateType(db)).execute()
  await sql`update customer_status set stable_through = as_of`.execute(db)
  // the day the base is classified as of, which readers show old rows as of (not read from every row)
  const latest = await db
    .selectFrom('customer_status')
    .select((eb) => eb.fn.max('as_of').as('as_of'))
    .executeTakeFirst()
  if (latest?.as_of)
    await db
      .insertInto('settings')
      .values({
        key: 'lifecycle.classifiedAsOf',
        value: JSON.stringify(String(latest.as_of)),
        updated_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
  await db.schema
    .createIndex('customer_status_stable_through')
    .on('customer_status')
    .columns(['stable_through', 'customer_id'])
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', 'lifecycle.classifiedAsOf').execute()
  await db.schema.dropIndex('customer_status_stable_through').execute()
  await db.schema.alterTable('customer_status').dropColumn('stable_through').execute()
}
