import { closedSince, removedSince } from "../../archon/label-order.js";
import { findIssueClose } from "../../db/issue-close.repository.js";
import { type IssueLabel, findLabelChange, recordLabelChange } from "../../db/issue-label.repository.js";
import { insertTask } from "../../db/task.repository.js";
import type { TaskEvent } from "../../domain/task-event.js";
import { reply } from "../../github/issues.js";
import { type RecordedLater, applyEvent } from "../apply-event.js";
import type { WorkerDeps } from "../deps.js";
import { estimateTask } from "../estimate-task.js";
import { type RepoContext, loadConfig, planWithBase, specFromIssue } from "../repo-context.js";
import { NOT_ALLOWED, type Of, ensureRepositoryRow } from "./shared.js";

/**
 * What undoes this labeling though processed before it: a removal of the label or a close of the
 * issue stamped at or after it, or a payload that already says the issue is closed. Read under
 * the new task's row lock, it cancels the task in the transaction that creates it, as it would
 * have had it come after.
 */
function undoneBy(key: IssueLabel, event: Of<"issue">): RecordedLater | undefined {
  const labeledAt = event.at;
  if (event.issue.closed === true) return async () => [{ type: "issue_closed" }];
  if (labeledAt === undefined) return undefined;
  return async (ex) => {
    const change = await findLabelChange(ex, key);
    if (removedSince(change?.unlabeled_at ?? null, labeledAt)) return [{ type: "label_removed" }];
    const closedAt = (await findIssueClose(ex, key)) ?? null;
    return closedSince(closedAt, labeledAt, event.action === "reopened") ? [{ type: "issue_closed" }] : [];
  };
}

/** A person labeled an issue (or opened one from the form with the label): start a task. */
export async function onIssueLabeled(deps: WorkerDeps, deliveryId: string, event: Of<"issue">, ctx: RepoContext): Promise<void> {
  const loaded = await loadConfig(ctx);
  const label = loaded.ok ? loaded.config.label : loaded.label;
  const wanted = event.action === "labeled" ? event.label === label : event.issue.labels.includes(label);
  if (!wanted) return;
  // Issues Archon opened itself (API and MCP tasks) are planned by the job that opened them.
  if (event.sender.isBot || event.issue.body.includes("source=api -->")) return;
  if (!(await deps.permissions.canSteer(ctx.octokit, ctx.owner, ctx.repo, event.sender.login))) {
    await reply({ ...ctx, issueNumber: event.issue.number, key: `not-allowed-${deliveryId}`, body: NOT_ALLOWED(event.sender.login) });
    return;
  }
  const repoRow = await ensureRepositoryRow(deps, event.installationId, event.repo, ctx.owner);
  const key = { repositoryId: repoRow.id, issueNumber: event.issue.number, label };
  if (event.at !== undefined) await recordLabelChange(deps.db, key, "labeled", event.at);
  const spec = specFromIssue(event.issue);
  const { task, created } = await insertTask(deps.db, {
    installation_id: event.installationId,
    repository_id: repoRow.id,
    source: "issue",
    status: "received",
    issue_number: event.issue.number,
    title: spec.title,
    body: event.issue.body,
    spec,
    requested_by: event.sender.login,
    budget_usd: loaded.ok ? (loaded.config.budgetUsd ?? null) : null,
    branch: `archon/issue-${event.issue.number}`,
    config: JSON.stringify(loaded.ok ? loaded.config : {}),
    started_by: deliveryId,
  });
  // Labeling an issue that already has an active task starts nothing new; neither does this
  // delivery's job run again, whatever became of the task it started.
  if (!created && task.snapshot !== null) return;
  const undone = undoneBy(key, event);
  if (!loaded.ok) {
    await applyEvent(deps, String(task.id), { type: "config_invalid", problems: loaded.problems }, { later: undone });
    return;
  }
  const provider = deps.provider(loaded.config, async () => undefined);
  const { plan, base, declined } = await planWithBase(ctx, spec, deps.blobs, provider);
  const first: TaskEvent = declined
    ? { type: "task_declined", reason: declined }
    : { type: "task_created", plan, estimate: await estimateTask(deps.db, task.id, provider, plan) };
  await applyEvent(deps, String(task.id), first, { base, later: undone });
}
