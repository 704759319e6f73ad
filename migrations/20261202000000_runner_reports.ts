import { type Kysely, sql } from "kysely";

// Frozen in time: this file never imports from src/.

// What an agent attempt running in the target repository's Actions runner sent back: its change
// set, report, usage and test run. One row per attempt (run key), so a second report changes nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("runner_reports")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("task_id", "bigint", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("run_key", "text", (c) => c.notNull().unique())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("changes", "jsonb", (c) => c.notNull())
    .addColumn("report", "jsonb", (c) => c.notNull())
    // { tokens_in, tokens_out, cost_usd }
    .addColumn("usage", "jsonb", (c) => c.notNull())
    // { passed, failed, output_tail }, when the runner ran the tests
    .addColumn("tests", "jsonb")
    .execute();
  await db.schema.createIndex("runner_reports_task_id").on("runner_reports").column("task_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("runner_reports").execute();
}
