import { type Kysely, sql } from "kysely";

// Frozen in time: this file never imports from src/.

// Events about a task's pull request (merged, closed, a review or a comment asking for a fix),
// kept until the task has recorded that pull request. GitHub may deliver them, or Archon may
// process them, before the job that opened the pull request has recorded it; they are applied
// then, once each (`applied_at`), in the order they arrived. `key` is the webhook delivery, so a
// job that runs twice records its event once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("pull_request_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("task_id", "bigint", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("pr_number", "integer", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("event", "jsonb", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("applied_at", "timestamptz")
    .addUniqueConstraint("pull_request_events_task_key", ["task_id", "key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("pull_request_events").execute();
}
