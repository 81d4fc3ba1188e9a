import type { AnyKysely } from '../dialect-helpers'

/** Which playbook measure an attempt used, so the playbook learns which measure wins back whom. */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .alterTable('winback_attempts')
    .addColumn('measure_id', 'integer', (c) => c.references('playbook_measures.id'))
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('winback_attempts').dropColumn('measure_id').execute()
}
