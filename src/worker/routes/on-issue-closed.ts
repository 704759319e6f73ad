import { recordIssueClose } from "../../db/issue-close.repository.js";
import { findRepository } from "../../db/installation.repository.js";
import { findActiveTaskForIssue } from "../../db/task.repository.js";
import { applyEvent } from "../apply-event.js";
import type { WorkerDeps } from "../deps.js";
import type { RepoContext } from "../repo-context.js";
import { type Of, ensureRepositoryRow } from "./shared.js";

/**
 * The issue was closed (or deleted). The close of a labeled issue is recorded before any task is
 * looked for, as a removal of the label is: a labeling processed late, or at the same time,
 * either finds it when it creates its task, or its task is found here.
 */
export async function onIssueClosed(deps: WorkerDeps, event: Of<"issue">, ctx: RepoContext): Promise<void> {
  // Only a labeling from before the close can be processed after it, and the label is on the issue then.
  const at = event.issue.labels.length > 0 ? event.at : undefined;
  const repoRow =
    (await findRepository(deps.db, event.installationId, event.repo.fullName)) ??
    (at === undefined ? undefined : await ensureRepositoryRow(deps, event.installationId, event.repo, ctx.owner));
  if (!repoRow) return;
  if (at !== undefined) await recordIssueClose(deps.db, { repositoryId: repoRow.id, issueNumber: event.issue.number }, at);
  const task = await findActiveTaskForIssue(deps.db, repoRow.id, event.issue.number);
  if (task) await applyEvent(deps, String(task.id), { type: "issue_closed" });
}
