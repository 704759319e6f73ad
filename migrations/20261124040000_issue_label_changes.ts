import { type Kysely, sql } from "kysely";

// Frozen in time: this file never imports from src/.

// When a label was last added to and removed from an issue, as GitHub stamped the events. GitHub
// may deliver (or Archon may process) a removal before the labeling it undoes; the later of the
// two times says which one stands, whatever order they were processed in.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("issue_label_changes")
    .addColumn("repository_id", "bigint", (c) => c.notNull().references("repositories.id").onDelete("cascade"))
    .addColumn("issue_number", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("labeled_at", "timestamptz")
    .addColumn("unlabeled_at", "timestamptz")
    // When Archon last recorded a time here: what retention goes by.
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("issue_label_changes_pkey", ["repository_id", "issue_number", "label"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("issue_label_changes").execute();
}
