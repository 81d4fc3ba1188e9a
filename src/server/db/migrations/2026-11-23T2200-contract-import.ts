import type { AnyKysely } from '../dialect-helpers'

/** Contract files can be imported: their counts per run. */
export async function up(db: AnyKysely): Promise<void> {
  for (const column of ['contracts_created', 'contracts_updated', 'contracts_unchanged'])
    await db.schema
      .alterTable('import_runs')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  for (const column of ['contracts_created', 'contracts_updated', 'contracts_unchanged'])
    await db.schema.alterTable('import_runs').dropColumn(column).execute()
}
