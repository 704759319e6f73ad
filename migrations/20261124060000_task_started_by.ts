import { type Kysely, sql } from "kysely";

// Frozen in time: this file never imports from src/.

// The webhook delivery that started a task. A job that runs again (its worker died before
// acknowledging it) finds its task here even once that task is over, and starts no second one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tasks").addColumn("started_by", "text").execute();
  await sql`create unique index tasks_started_by on tasks (started_by) where started_by is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tasks").dropColumn("started_by").execute();
}
