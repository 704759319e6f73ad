import type { Kysely } from "kysely";

// A task's spending is the sum of its agent runs' costs, which keep six decimals: a small model
// call costs well under $0.0001, and four decimals rounded such calls away, so a budget never ran out.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tasks").alterColumn("spent_usd", (c) => c.setDataType("numeric(14, 6)")).execute();
  await db.schema.alterTable("tasks").alterColumn("budget_usd", (c) => c.setDataType("numeric(14, 6)")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tasks").alterColumn("budget_usd", (c) => c.setDataType("numeric(12, 4)")).execute();
  await db.schema.alterTable("tasks").alterColumn("spent_usd", (c) => c.setDataType("numeric(12, 4)")).execute();
}
