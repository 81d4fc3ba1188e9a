import { sql } from 'kysely'
import type { AnyKysely } from '../dialect-helpers'

/**
 * At most one open win-back attempt per customer, held by the database as well: concurrent starts
 * on PostgreSQL could leave several. Those left by that race are closed first, all but the newest,
 * as "no response".
 */
export async function up(db: AnyKysely): Promise<void> {
  await sql`
    UPDATE winback_attempts SET outcome = 'no_response'
    WHERE outcome = 'open' AND id NOT IN (
      SELECT MAX(id) FROM winback_attempts WHERE outcome = 'open' GROUP BY customer_id
    )`.execute(db)
  await db.schema
    .createIndex('winback_attempts_one_open')
    .on('winback_attempts')
    .column('customer_id')
    .unique()
    .where(sql.ref('outcome'), '=', 'open')
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('winback_attempts_one_open').execute()
}
