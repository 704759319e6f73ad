import { type Kysely, sql } from "kysely";

// Frozen in time: this file never imports from src/.

// When an issue was last closed (or deleted), as GitHub stamped the event. A close processed
// before the labeling it followed finds no task to stop; the labeling finds the close here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("issue_closes")
    .addColumn("repository_id", "bigint", (c) => c.notNull().references("repositories.id").onDelete("cascade"))
    .addColumn("issue_number", "integer", (c) => c.notNull())
    .addColumn("closed_at", "timestamptz", (c) => c.notNull())
    // When Archon last recorded a time here: what retention goes by.
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("issue_closes_pkey", ["repository_id", "issue_number"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("issue_closes").execute();
}
