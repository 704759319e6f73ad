import type { Executor } from "./database.js";

/** What was last written to the outside world under `key` (a status comment's text hash, labels). */
export async function lastWritten(ex: Executor, key: string): Promise<Record<string, unknown> | undefined> {
  const row = await ex.selectFrom("effects").select("result").where("key", "=", key).executeTakeFirst();
  return row?.result;
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
