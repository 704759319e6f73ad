import { type Kysely, sql } from "kysely";

// Ranking reads the search vector of every candidate. Stored out of line (the default for a value
// this size, about 2 kB) each read is a TOAST index lookup and another page; kept in the row
// (compressed when needed) reading 1,000 candidates' vectors took about 3 ms instead of 6 to 9.
// The body moves out of line in its place, and it is read only for the page of results.
// Applies to rows written from now on; older rows move in when they are next updated.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table documents alter column search set storage main`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table documents alter column search set storage extended`.execute(db);
}
