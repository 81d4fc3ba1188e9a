import type { AnyKysely } from '../dialect-helpers'

/**
 * What an import run's summary and a failed job's error say, stored as a key with parameters (JSON)
 * beside the English text, so a page says it in the reader's language.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('import_runs').addColumn('message_text', 'text').execute()
  await db.schema.alterTable('queued_jobs').addColumn('last_error_text', 'text').execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('queued_jobs').dropColumn('last_error_text').execute()
  await db.schema.alterTable('import_runs').dropColumn('message_text').execute()
}
