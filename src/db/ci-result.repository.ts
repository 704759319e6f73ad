import type { Executor } from "./database.js";
import type { CiResult } from "./task.table.js";


export async function recordCiResult(
  ex: Executor,
  input: {
    taskId: number | string;
    headSha: string;
    source: string;
    externalId: string;
    conclusion: string;
    passed: number;
    failed: number;
    skipped: number;
    failures: unknown[];
    url?: string | null;
  },
): Promise<{ result: CiResult; created: boolean }> {
  const inserted = await ex
    .insertInto("ci_results")
    .values({
      task_id: input.taskId,
      head_sha: input.headSha,
      source: input.source,
      external_id: input.externalId,
      conclusion: input.conclusion,
      passed: input.passed,
      failed: input.failed,
      skipped: input.skipped,
      failures: JSON.stringify(input.failures),
      url: input.url ?? null,
    })
    .onConflict((oc) => oc.columns(["task_id", "source", "external_id"]).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { result: inserted, created: true };
  const existing = await ex
    .selectFrom("ci_results")
    .selectAll()
    .where("task_id", "=", String(input.taskId))
    .where("source", "=", input.source)
    .where("external_id", "=", input.externalId)
    .executeTakeFirstOrThrow();
  return { result: existing, created: false };
}

export async function listCiResults(ex: Executor, taskId: number | string): Promise<CiResult[]> {
  return ex.selectFrom("ci_results").selectAll().where("task_id", "=", String(taskId)).orderBy("id").execute();
}

/** The CI results recorded for one head of the task, in the order they arrived. */
export async function listCiResultsAt(ex: Executor, taskId: number | string, headSha: string): Promise<CiResult[]> {
  return ex
    .selectFrom("ci_results")
    .selectAll()
    .where("task_id", "=", String(taskId))
    .where("head_sha", "=", headSha)
    .orderBy("id")
    .execute();
}

/** One recorded result, by where it came from and its id there. */
export async function findCiResult(ex: Executor, taskId: number | string, source: string, externalId: string): Promise<CiResult | undefined> {
  return ex
    .selectFrom("ci_results")
    .selectAll()
    .where("task_id", "=", String(taskId))
    .where("source", "=", source)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
}
