import { sql } from 'kysely'
import { type AnyKysely, isPostgres } from '../dialect-helpers'

/**
 * The customer search looks for each word anywhere in the customer's search text. On SQLite that
 * read every customer: 150 ms at a million, and better-sqlite3 answers in the server's one thread,
 * so every other request waited behind each search (the lists' p95 under load 150-180 ms instead of
 * 30-50). A trigram index of the search text (FTS5, built into SQLite) finds the customers holding a
 * word of three characters or more without reading the others; shorter words are still looked for
 * in the text itself. The index holds no text of its own (content='customers'); triggers keep it in
 * step with every insert, change and deletion, and an erased person's trigrams are removed from it,
 * not only marked deleted (secure-delete). PostgreSQL has its trigram index (pg_trgm) already.
 */
export async function up(db: AnyKysely): Promise<void> {
  if (isPostgres(db)) return
  await sql`create virtual table customers_search using fts5(
    search_text, content = 'customers', content_rowid = 'id', tokenize = 'trigram')`.execute(db)
  await sql`insert into customers_search (customers_search, rank) values ('secure-delete', 1)`.execute(db)
  await sql`create trigger customers_search_insert after insert on customers begin
    insert into customers_search (rowid, search_text) values (new.id, new.search_text);
  end`.execute(db)
  await sql`create trigger customers_search_delete after delete on customers begin
    insert into customers_search (customers_search, rowid, search_text) values ('delete', old.id, old.search_text);
  end`.execute(db)
  await sql`create trigger customers_search_update after update of search_text on customers begin
    insert into customers_search (customers_search, rowid, search_text) values ('delete', old.id, old.search_text);
    insert into customers_search (rowid, search_text) values (new.id, new.search_text);
  end`.execute(db)
  await sql`insert into customers_search (customers_search) values ('rebuild')`.execute(db)
}

export async function down(db: AnyKysely): Promise<void> {
  if (isPostgres(db)) return
  for (const trigger of ['customers_search_insert', 'customers_search_delete', 'customers_search_update'])
    await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db)
  await sql`drop table if exists customers_search`.execute(db)
}
