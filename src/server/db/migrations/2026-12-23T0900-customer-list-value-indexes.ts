import type { AnyKysely } from '../dialect-helpers'

/**
 * The customer list sorted by a value (last purchase, revenue of 12 months or per year, P(alive),
 * CLV) reads an index in the list's order, ties by customer, and stops after the page.
 *
 * - The status rows' values: an index of (status, value, customer) each. Filtered to a status, the
 *   list reads that status's part of it; unfiltered, the statuses' parts merged (list-parts.ts).
 *   Before, the lost customers by revenue were sorted whole (0.25 s on SQLite at a million), the
 *   unfiltered list by revenue read every status row (4–5 s), and PostgreSQL walked the index of
 *   the last purchase past the customers of other statuses (1.3–2 s for the lost ones, newest
 *   first). They replace the index of the last purchase alone. Each is written in an order random
 *   to it, row by row as customers are classified: an import of a million customers into SQLite
 *   takes about 15 s longer per such index.
 * - The scores' indexes get the customer: PostgreSQL keeps equal values in the order of their rows,
 *   so the many customers with a CLV of 0 were sorted by id before the first page (0.45–0.65 s at a
 *   million). The scores are rewritten whole with their indexes built after (rewrite-table.ts).
 */
const STATUS_VALUE_INDEXES = [
  ['customer_status_status_last_purchase', 'last_purchase_on'],
  ['customer_status_status_revenue_12m', 'revenue_12m_cents'],
  ['customer_status_status_annual_revenue', 'annual_revenue_cents'],
] as const

const SCORE_INDEXES = [
  ['customer_scores_p_alive', ['p_alive']],
  ['customer_scores_clv', ['clv_cents']],
  ['customer_scores_status_p_alive', ['status', 'p_alive']],
  ['customer_scores_status_clv', ['status', 'clv_cents']],
] as const

export async function up(db: AnyKysely): Promise<void> {
  for (const [name, column] of STATUS_VALUE_INDEXES)
    await db.schema
      .createIndex(name)
      .on('customer_status')
      .columns(['status', column, 'customer_id'])
      .execute()
  await db.schema.dropIndex('customer_status_last').execute()
  for (const [name, columns] of SCORE_INDEXES) {
    await db.schema.dropIndex(name).execute()
    await db.schema
      .createIndex(name)
      .on('customer_scores')
      .columns([...columns, 'customer_id'])
      .execute()
  }
}

export async function down(db: AnyKysely): Promise<void> {
  for (const [name, columns] of SCORE_INDEXES) {
    await db.schema.dropIndex(name).execute()
    await db.schema
      .createIndex(name)
      .on('customer_scores')
      .columns([...columns])
      .execute()
  }
  await db.schema
    .createIndex('customer_status_last')
    .on('customer_status')
    .column('last_purchase_on')
    .execute()
  for (const [name] of STATUS_VALUE_INDEXES) await db.schema.dropIndex(name).execute()
}
