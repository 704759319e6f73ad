import { sql } from "kysely";
import type { Executor } from "./database.js";

/** What was last written to the outside world under `key` (a status comment's text hash, labels). */
export async function lastWritten(ex: Executor, key: string): Promise<Record<string, unknown> | undefined> {
  const row = await ex.selectFrom("effects").select("result").where("key", "=", key).executeTakeFirst();
  return row?.result;
}

/** Like lastWritten, with how long ago it was written, in milliseconds on the database's clock. */
export async function lastWrittenAged(ex: Executor, key: string): Promise<{ result: Record<string, unknown>; ageMs: number } | undefined> {
  const row = await ex
    .selectFrom("effects")
    .select(["result", sql<number>`extract(epoch from (now() - created_at)) * 1000`.as("age")])
    .where("key", "=", key)
    .executeTakeFirst();
  return row === undefined ? undefined : { result: row.result, ageMs: Number(row.age) };
}

export async function rememberWritten(
  ex: Executor,
  key: string,
  input: { taskId: string | number | null; kind: string; result: Record<string, unknown> },
): Promise<void> {
  await ex
    .insertInto("effects")
    .values({ key, task_id: input.taskId, kind: input.kind, result: JSON.stringify(input.result) })
    .onConflict((oc) => oc.column("key").doUpdateSet({ result: JSON.stringify(input.result), created_at: new Date() }))
    .execute();
}

/**
 * Records `input` under `key` unless something is recorded there already; true when this call
 * recorded it. Concurrent callers agree: exactly one of them gets true.
 */
export async function rememberFirst(
  ex: Executor,
  key: string,
  input: { taskId: string | number | null; kind: string; result: Record<string, unknown> },
): Promise<boolean> {
  const row = await ex
    .insertInto("effects")
    .values({ key, task_id: input.taskId === null ? null : String(input.taskId), kind: input.kind, result: JSON.stringify(input.result) })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("key")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records, before a create is sent, that it is about to be: true for the first attempt ever under
 * `key`, false when an earlier one started (and may have created the object before its job
 * died). Only a first attempt may create without looking for what an earlier one left.
 */
export function claimFirstAttempt(ex: Executor, key: string, taskId: string | number, kind: string): Promise<boolean> {
  return rememberFirst(ex, key, { taskId, kind, result: { startedAt: new Date().toISOString() } });
}

/** Which of these effect keys are recorded. */
export async function recordedEffectKeys(ex: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await ex.selectFrom("effects").select("key").where("key", "in", keys).execute();
  return new Set(rows.map((r) => r.key));
}

/** Forgets an effect, so that it can be done again. */
export async function forgetEffect(ex: Executor, key: string): Promise<void> {
  await ex.deleteFrom("effects").where("key", "=", key).execute();
}
