import { sql } from 'kysely'
import { type AnyKysely, isPostgres } from '../dialect-helpers'

/**
 * On PostgreSQL the index by month no longer holds the customer. An import writes the history a
 * range of customers at a time, so every (month, status, status before) group of the index grew at
 * its end, and each of those thousands of groups split its pages in half: 545 MB for 5.9 million
 * changes at a million customers, and 29 of the 39 s it took to write them. Without the customer
 * the entries of a group are equal and PostgreSQL keeps them as one key with a list of rows
 * (deduplication): 47 MB, written in 17 s. The dashboard still counts from the index alone; a
 * rep's dashboard, which counts only their customers' changes, now reads the months' rows from the
 * table to see whose they are (215 → 333 ms for a rep with 20,000 customers, computed afresh).
 * SQLite keeps the index as it was: it has no deduplication, so without the customer its index
 * would be no smaller.
 */
export async function up(db: AnyKysely): Promise<void> {
  if (!isPostgres(db)) return
  await sql`drop index customer_status_changes_by_month`.execute(db)
  await sql`create index customer_status_changes_by_month on customer_status_changes (month, status, previous_status)`.execute(
    db,
  )
}

export async function down(db: AnyKysely): Promise<void> {
  if (!isPostgres(db)) return
  await sql`drop index customer_status_changes_by_month`.execute(db)
  await sql`create index customer_status_changes_by_month on customer_status_changes (month, status, previous_status, customer_id)`.execute(
    db,
  )
}
