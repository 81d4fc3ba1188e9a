import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations and helpers run against any schema version
export type AnyKysely = Kysely<any>

export function isPostgres(db: AnyKysely): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** An auto-incrementing integer primary key on both dialects. */
export function idColumnType(db: AnyKysely): 'serial' | 'integer' {
  return isPostgres(db) ? 'serial' : 'integer'
}

export function idColumn(db: AnyKysely) {
  return (col: ColumnDefinitionBuilder) =>
    isPostgres(db) ? col.primaryKey() : col.primaryKey().autoIncrement()
}

/** Timestamps: timestamptz on PostgreSQL, ISO text on SQLite; both read back as ISO strings. */
export function timestampType(db: AnyKysely): 'timestamptz' | 'text' {
  return isPostgres(db) ? 'timestamptz' : 'text'
}

/** Calendar dates: date on PostgreSQL; text on SQLite, where "date" would mean numeric affinity and a conversion attempt per row. */
export function dateType(db: AnyKysely): 'date' | 'text' {
  return isPostgres(db) ? 'date' : 'text'
}
