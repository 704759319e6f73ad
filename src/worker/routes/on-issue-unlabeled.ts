import { labeledSince } from "../../archon/label-order.js";
import { recordLabelChange } from "../../db/issue-label.repository.js";
import { findRepository } from "../../db/installation.repository.js";
import { findActiveTaskForIssue } from "../../db/task.repository.js";
import { applyEvent } from "../apply-event.js";
import type { WorkerDeps } from "../deps.js";
import { type RepoContext, loadConfig } from "../repo-context.js";
import { type Of, ensureRepositoryRow } from "./shared.js";

/**
 * A label came off the issue. The removal is recorded before any task is looked for: a labeling
 * processed at the same time either finds it when it creates its task, or its task is found here.
 */
export async function onIssueUnlabeled(deps: WorkerDeps, event: Of<"issue">, ctx: RepoContext): Promise<void> {
  if (event.label === undefined) return;
  const repoRow =
    (await findRepository(deps.db, event.installationId, event.repo.fullName)) ??
    (await ensureRepositoryRow(deps, event.installationId, event.repo, ctx.owner));
  const key = { repositoryId: repoRow.id, issueNumber: event.issue.number, label: event.label };
  const change = event.at === undefined ? undefined : await recordLabelChange(deps.db, key, "unlabeled", event.at);
  const task = await findActiveTaskForIssue(deps.db, repoRow.id, event.issue.number);
  if (!task) return;
  // The label went back on after this removal, and that labeling's task stands.
  if (change && event.at !== undefined && labeledSince(change.labeled_at, event.at)) return;
  const loaded = await loadConfig(ctx);
  const label = loaded.ok ? loaded.config.label : loaded.label;
  if (event.label === label) await applyEvent(deps, String(task.id), { type: "label_removed" });
}
