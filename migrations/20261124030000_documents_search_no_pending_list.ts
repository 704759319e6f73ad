import { type Kysely, sql } from "kysely";

// With fastupdate, new documents wait in the GIN index's pending list (up to 4 MB) until a vacuum
// merges them, and every search reads that whole list: about 9 ms per query at 100,000 documents.
// The knowledge base is read far more often than written, so a write pays for its index entries
// at once (about 2 ms a document) and searches never scan a pending list.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter index documents_search set (fastupdate = off)`.execute(db);
  // Turning fastupdate off keeps what is already pending; merge it now.
  await sql`select gin_clean_pending_list('documents_search'::regclass)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter index documents_search reset (fastupdate)`.execute(db);
}
