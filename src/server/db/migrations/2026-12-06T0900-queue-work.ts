import type { AnyKysely } from '../dialect-helpers'

/**
 * All long work on the durable queue: a job now also carries its phase (shown while it runs) and
 * the reference a page looks it up by (an import's run id, a classification's day).
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .alterTable('queued_jobs')
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.alterTable('queued_jobs').addColumn('ref', 'text').execute()
  await db.schema.createIndex('queued_jobs_ref').on('queued_jobs').columns(['type', 'ref']).execute()
  await db.schema.createIndex('queued_jobs_type_state').on('queued_jobs').columns(['type', 'state']).execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('queued_jobs_type_state').execute()
  await db.schema.dropIndex('queued_jobs_ref').execute()
  await db.schema.alterTable('queued_jobs').dropColumn('ref').execute()
  await db.schema.alterTable('queued_jobs').dropColumn('phase').execute()
}
