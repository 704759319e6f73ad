import { sql } from "kysely";
import type { Executor } from "./database.js";

/** Adds a model call's cost to the task's ledger, as an increment in SQL so concurrent steps keep each other's. */
export async function addSpent(ex: Executor, taskId: string | number, costUsd: number): Promise<void> {
  await ex
    .updateTable("tasks")
    .set({ spent_usd: sql<string>`spent_usd + ${costUsd}` })
    .where("id", "=", String(taskId))
    .execute();
}

/** What is left of the task's budget, or undefined when it has none. */
export async function budgetLeft(ex: Executor, taskId: string | number): Promise<number | undefined> {
  const row = await ex.selectFrom("tasks").select(["budget_usd", "spent_usd"]).where("id", "=", String(taskId)).executeTakeFirst();
  return row === undefined || row.budget_usd === null ? undefined : Number(row.budget_usd) - Number(row.spent_usd);
}

export async function spentOf(ex: Executor, taskId: string | number): Promise<number> {
  const row = await ex.selectFrom("tasks").select(["spent_usd"]).where("id", "=", String(taskId)).executeTakeFirst();
  return Number(row?.spent_usd ?? 0);
}
