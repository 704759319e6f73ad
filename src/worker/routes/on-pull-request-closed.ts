import { findRepository } from "../../db/installation.repository.js";
import type { TaskEvent } from "../../domain/task-event.js";
import type { WorkerDeps } from "../deps.js";
import { recordDecision } from "../record-decision.js";
import { type Of, onPullRequestOf, taskForPullRequest } from "./shared.js";

/** Archon's pull request was merged or closed; a merge is kept in the knowledge base as a decision. */
export async function onPullRequestClosed(deps: WorkerDeps, deliveryId: string, event: Of<"pull_request_closed">): Promise<void> {
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return;
  const task = await taskForPullRequest(deps, repoRow.id, event.number, event.headRef);
  if (!task) return;
  const closed: TaskEvent = event.merged ? { type: "pr_merged", prNumber: event.number } : { type: "pr_closed", prNumber: event.number };
  await onPullRequestOf(deps, task, event.number, deliveryId, closed);
  if (event.merged) {
    await recordDecision(deps.db, task, { prNumber: event.number, prUrl: event.url, mergeCommitSha: event.mergeCommitSha, mergedBy: event.sender.login });
  }
}
