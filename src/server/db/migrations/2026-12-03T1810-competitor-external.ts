import type { AnyKysely } from '../dialect-helpers'

/**
 * "Cheaper competitor" is an external reason (seed 002 counts competitors among the causes outside
 * the company's control). Changed where the company kept the seeded kind and never edited the reason;
 * the change is in the reason's history.
 */
export async function up(db: AnyKysely): Promise<void> {
  const reason = await db
    .selectFrom('churn_reasons')
    .select(['id', 'kind'])
    .where('code', '=', 'cheaper_competitor')
    .where('kind', '=', 'controllable')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('churn_reason_history as h')
            .select('h.id')
            .whereRef('h.reason_id', '=', 'churn_reasons.id')
            .where('h.change', '=', 'updated'),
        ),
      ),
    )
    .executeTakeFirst()
  if (!reason) return
  const now = new Date().toISOString()
  await db
    .updateTable('churn_reasons')
    .set({ kind: 'external', updated_at: now })
    .where('id', '=', reason.id)
    .execute()
  await db
    .insertInto('churn_reason_history')
    .values({
      reason_id: reason.id,
      change: 'updated',
      details: JSON.stringify({ before: { kind: 'controllable' }, after: { kind: 'external' } }),
      changed_at: now,
      user_id: null,
    })
    .execute()
}

export async function down(): Promise<void> {
  // the catalogue is the company's: a changed kind is not changed back
}
