import { TaskSpec } from "../../domain/task-spec.js";
import { collectRound, reportsOfPlan } from "../../db/agent-run.repository.js";
import type { Db } from "../../db/database.js";
import { getRepository } from "../../db/installation.repository.js";
import { pinnedBase, roundBaseKey } from "../../db/round-base.repository.js";
import { snapshotOf } from "../../db/task-state.js";
import { updateTask } from "../../db/task.repository.js";
import type { Task } from "../../db/task.table.js";
import type { PullRequestEvent } from "../task-forge.js";
import { ARCHON_AUTHOR, fixCommitMessage, taskCommitMessage } from "./commit-message.js";
import { LocalForgeError } from "./errors.js";
import type { LocalForge } from "./local-forge.js";

/** The branch a local task's commits go on; a task's branch stands in for its pull request. */
export function localBranch(task: Pick<Task, "id" | "branch">): string {
  return task.branch ?? `archon/task-${task.id}`;
}

/**
 * The round's changes as one commit on `archon/task-<id>`, built on the base the round's steps
 * read: the task's first commit, or a fix attempt's. The branch stands in for the pull request,
 * numbered with the task's id. A job run twice finds the branch already holding the change.
 */
export async function commitRound(db: Db, forge: LocalForge, task: Task): Promise<PullRequestEvent> {
  const snapshot = snapshotOf(task);
  const { changes } = await collectRound(db, task.id, snapshot.planVersion, snapshot.steps.map((s) => s.position));
  if (changes.length === 0) {
    const first = snapshot.steps[0];
    return { type: "step_failed", position: first?.position ?? 1, attempt: first?.attempt ?? 1, error: "The agents produced no changes to commit." };
  }
  const branch = localBranch(task);
  const pinned = await pinnedBase(db, roundBaseKey(task.id, snapshot.planVersion, snapshot.fix));
  const repo = await getRepository(db, task.repository_id);
  const taskId = String(task.id);
  const message = snapshot.fix
    ? fixCommitMessage(taskId, snapshot.fixAttempts, snapshot.fix.failures)
    : taskCommitMessage(taskId, TaskSpec.parse(task.spec), snapshot.planSummary, await reportsOfPlan(db, task.id, snapshot.planVersion));
  try {
    const base = pinned?.commit ?? repo?.default_branch ?? (await forge.defaultBranch());
    const commit = await forge.commit({ branch, base, message, changes, author: ARCHON_AUTHOR });
    if (task.branch !== branch) await updateTask(db, task.id, { branch });
    return { type: "pr_opened", prNumber: Number(task.id), headSha: commit.sha };
  } catch (error) {
    if (error instanceof LocalForgeError) return { type: "pr_failed", error: error.message };
    throw error;
  }
}
