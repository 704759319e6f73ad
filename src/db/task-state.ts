import type { RepoConfig } from "../archon/repo-config.schema.js";
import { defaultRepoConfig, parseRepoConfig } from "../archon/parse-repo-config.js";
import { newTaskSnapshot, type TaskSnapshot } from "../domain/task-snapshot.js";
import type { Executor } from "./database.js";
import type { Task } from "./task.table.js";
import { updateStep } from "./task.repository.js";

export function snapshotOf(task: Task): TaskSnapshot {
  const stored = task.snapshot as TaskSnapshot | null;
  if (stored && typeof stored === "object" && "status" in stored) return stored;
  return newTaskSnapshot({ id: String(task.id), title: task.title, issueNumber: task.issue_number });
}

/** The config the task runs under: what was stored with it, defaults otherwise. */
export function configOf(task: Task): RepoConfig {
  const parsed = parseRepoConfig(task.config);
  return parsed.ok ? parsed.config : defaultRepoConfig();
}

/**
 * Writes the snapshot and mirrors it onto the queryable columns and plan rows, so the API, MCP
 * and `archon tasks` read the same truth the state machine decided.
 */
export async function persistSnapshot(ex: Executor, task: Task, next: TaskSnapshot): Promise<void> {
  await ex
    .updateTable("tasks")
    .set({
      snapshot: JSON.stringify(next),
      status: next.status,
      pr_number: next.prNumber,
      pr_url: next.prUrl,
      head_sha: next.headSha,
      fix_attempts: next.fixAttempts,
      error: next.lastError,
      updated_at: new Date(),
    })
    .where("id", "=", String(task.id))
    .execute();
  const plan = await ex
    .selectFrom("plans")
    .select(["id"])
    .where("task_id", "=", String(task.id))
    .where("version", "=", next.planVersion)
    .executeTakeFirst();
  if (!plan) return;
  const rows = await ex.selectFrom("plan_steps").select(["id", "position", "status", "attempt"]).where("plan_id", "=", plan.id).execute();
  for (const row of rows) {
    const step = next.steps.find((s) => s.position === row.position);
    if (step && (step.status !== row.status || step.attempt !== row.attempt)) {
      await updateStep(ex, row.id, { status: step.status, attempt: step.attempt });
    }
  }
}
