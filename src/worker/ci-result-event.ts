import type { TestFailure } from "../domain/agent.js";
import type { TaskEvent } from "../domain/task-event.js";
import type { CiResult } from "../db/task.table.js";

/** A failure as a ci_results row keeps it: the change's, or one the base branch has as well. */
interface StoredFailure extends TestFailure {
  preExisting?: boolean;
}

function isFailure(value: unknown): value is StoredFailure {
  const f = value as Partial<StoredFailure> | null;
  return typeof f?.name === "string" && typeof f.message === "string";
}

/**
 * What a recorded CI result tells the state machine, the same whether it is applied as it arrives
 * or kept until its pull request is recorded. A run red only with failures the base branch has
 * too counts as green: they are not the change's to fix.
 */
export function ciCompletedEvent(
  result: Pick<CiResult, "head_sha" | "conclusion" | "failures" | "url">,
): Extract<TaskEvent, { type: "ci_completed" }> {
  const stored = result.failures.filter(isFailure);
  const failures = stored.filter((f) => f.preExisting !== true);
  const onlyPreExisting = failures.length === 0 && stored.length > 0;
  return {
    type: "ci_completed",
    headSha: result.head_sha,
    conclusion: result.conclusion === "success" || onlyPreExisting ? "success" : "failure",
    failures,
    url: result.url ?? undefined,
  };
}
