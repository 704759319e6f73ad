import { type Kysely, sql } from "kysely";

// The orchestrator's state of a task (plan steps with their attempts, fix context, failures),
// stored whole so a transition reads and writes it in one row under the task's lock.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tasks").addColumn("snapshot", "jsonb").execute();
  await db.schema.alterTable("tasks").addColumn("config", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tasks").dropColumn("config").execute();
  await db.schema.alterTable("tasks").dropColumn("snapshot").execute();
}
