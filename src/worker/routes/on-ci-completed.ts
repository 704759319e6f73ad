import { recordCiResult } from "../../db/ci-result.repository.js";
import { findRepository } from "../../db/installation.repository.js";
import { findTaskByBranch, findTaskByPullRequest } from "../../db/task.repository.js";
import { ARCHON_CHECK_NAME } from "../../github/archon-check-run.js";
import { applyEvent } from "../apply-event.js";
import { readCiFailures } from "../../github/ci-failures.js";
import { ciCompletedEvent } from "../ci-result-event.js";
import type { WorkerDeps } from "../deps.js";
import { repoContext } from "../repo-context.js";
import type { Of } from "./shared.js";

const CONCLUSIONS = new Set(["success", "failure", "timed_out"]);

/**
 * CI finished on an Archon branch: record it, then tell the state machine. A result for a head
 * the task does not have yet is set aside there, and counts once the pull request event records
 * that head (see applyEvent); results for older heads stay stale.
 */
export async function onCiCompleted(deps: WorkerDeps, _deliveryId: string, event: Of<"ci">): Promise<void> {
  if (event.name === ARCHON_CHECK_NAME || !CONCLUSIONS.has(event.conclusion)) return;
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return;
  let task = event.headBranch ? await findTaskByBranch(deps.db, repoRow.id, event.headBranch) : undefined;
  for (const number of event.pullRequests) task ??= await findTaskByPullRequest(deps.db, repoRow.id, number);
  if (!task) return;
  const ctx = await repoContext(deps, event.installationId, event.repo);
  const green = event.conclusion === "success";
  const { failures, preExisting } = green ? { failures: [], preExisting: [] } : await readCiFailures(ctx, event);
  const { result } = await recordCiResult(deps.db, {
    taskId: task.id,
    headSha: event.headSha,
    source: event.source,
    externalId: String(event.id),
    conclusion: event.conclusion,
    passed: 0,
    failed: failures.length,
    skipped: 0,
    failures: [...failures, ...preExisting.map((name) => ({ name, message: "already failing on the base branch", preExisting: true }))],
    url: event.url ?? null,
  });
  await applyEvent(deps, String(task.id), ciCompletedEvent(result));
}
