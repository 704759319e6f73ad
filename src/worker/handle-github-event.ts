import { commandEvent } from "../archon/command-event.js";
import { diffCheckboxes } from "../render/diff-checkboxes.js";
import { helpText } from "../archon/help-text.js";
import { closedSince, labeledSince, removedSince } from "../archon/label-order.js";
import { parseCommand } from "../archon/parse-command.js";
import type { PlanDraft } from "../domain/plan.js";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { ParsedComment } from "../archon/slash-command.js";
import type { TaskEvent } from "../domain/task-event.js";
import type { Task } from "../db/task.table.js";
import { findIssueClose, recordIssueClose } from "../db/issue-close.repository.js";
import { type IssueLabel, findLabelChange, recordLabelChange } from "../db/issue-label.repository.js";
import { recordCiResult } from "../db/ci-result.repository.js";
import { recordPullRequestEvent } from "../db/pull-request-event.repository.js";
import { findActiveTaskForIssue, findLatestTaskForIssue, findTaskByBranch, findTaskByPullRequest, getTask, insertTask } from "../db/task.repository.js";
import { findRepository, markRepositoriesRemoved, setInstallationState, upsertInstallation, upsertRepository } from "../db/installation.repository.js";
import { addReaction, reply } from "../github/issues.js";
import type { PinnedBase } from "../github/github-forge.js";
import type { DomainEvent } from "../webhooks/domain-event.js";
import { type PlannedRequest, type RecordedLater, applyEvent, applyPullRequestEvents } from "./apply-event.js";
import { ciCompletedEvent } from "./ci-result-event.js";
import { readCiFailures } from "./ci-failures.js";
import { ARCHON_CHECK_NAME } from "../github/archon-check-run.js";
import type { WorkerDeps } from "./deps.js";
import { loadConfig, planWithBase, repoContext, specFromIssue, type RepoContext } from "./repo-context.js";
import { recordDecision } from "./record-decision.js";
import { forgetStatusCommentText, upsertStatusComment } from "../github/task-status-comment.js";
import { snapshotOf } from "../db/task-state.js";

type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>;

const NOT_ALLOWED = (login: string) =>
  `@${login} only people with write, maintain or admin access to this repository can start or steer Archon tasks, so nothing was done.`;

async function ensureRepositoryRow(deps: WorkerDeps, installationId: number, repo: Of<"issue">["repo"], owner: string) {
  await upsertInstallation(deps.db, { id: installationId, accountLogin: owner });
  return upsertRepository(deps.db, {
    installationId,
    githubId: repo.id,
    fullName: repo.fullName,
    defaultBranch: repo.defaultBranch,
    private: repo.private,
  });
}

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
async function startFromIssue(deps: WorkerDeps, deliveryId: string, event: Of<"issue">, ctx: RepoContext): Promise<void> {
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
  const { plan, base, declined } = await planWithBase(ctx, spec, deps.blobs, deps.provider(loaded.config, async () => undefined));
  const first: TaskEvent = declined ? { type: "task_declined", reason: declined } : { type: "task_created", plan };
  await applyEvent(deps, String(task.id), first, { base, later: undone });
}

/**
 * A label came off the issue. The removal is recorded before any task is looked for: a labeling
 * processed at the same time either finds it when it creates its task, or its task is found here.
 */
async function onUnlabeled(deps: WorkerDeps, event: Of<"issue">, ctx: RepoContext): Promise<void> {
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

/**
 * The issue was closed (or deleted). The close of a labeled issue is recorded before any task is
 * looked for, as a removal of the label is: a labeling processed late, or at the same time,
 * either finds it when it creates its task, or its task is found here.
 */
async function onClosed(deps: WorkerDeps, event: Of<"issue">, ctx: RepoContext): Promise<void> {
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

async function onIssue(deps: WorkerDeps, deliveryId: string, event: Of<"issue">): Promise<void> {
  const ctx = await repoContext(deps, event.installationId, event.repo);
  if (event.action === "labeled" || event.action === "opened" || event.action === "reopened") {
    if (event.action === "reopened" && !event.issue.labels.length) return;
    await startFromIssue(deps, deliveryId, event, ctx);
    return;
  }
  if (event.action === "unlabeled") return onUnlabeled(deps, event, ctx);
  if (event.action === "closed" || event.action === "deleted") return onClosed(deps, event, ctx);
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return;
  const task = await findActiveTaskForIssue(deps.db, repoRow.id, event.issue.number);
  if (!task) return;
  if (event.action === "edited") {
    const spec = specFromIssue(event.issue);
    // The plan names the files the repository's provider will write, so it reads the config too.
    const loaded = await loadConfig(ctx);
    const { plan, base } = await planWithBase(ctx, spec, deps.blobs, loaded.ok ? deps.provider(loaded.config, async () => undefined) : undefined);
    const request = { title: spec.title, body: event.issue.body, spec };
    await applyEvent(deps, String(task.id), { type: "issue_edited", plan }, { request, base });
  }
}

async function taskForComment(deps: WorkerDeps, event: Of<"comment">): Promise<Task | undefined> {
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return undefined;
  if (event.issue.isPullRequest) {
    const byPr = await findTaskByPullRequest(deps.db, repoRow.id, event.issue.number);
    if (byPr) return byPr;
    // Archon's pull request, before the job that opened it has recorded it on the task.
    const marked = event.issue.markedTask === undefined ? undefined : await getTask(deps.db, event.issue.markedTask);
    if (marked && String(marked.repository_id) === String(repoRow.id) && marked.pr_number === null) return marked;
  }
  return (
    (await findActiveTaskForIssue(deps.db, repoRow.id, event.issue.number)) ??
    (await findLatestTaskForIssue(deps.db, repoRow.id, event.issue.number))
  );
}

/** A slash command, or a ticked checkbox in the status comment. */
async function onComment(deps: WorkerDeps, deliveryId: string, event: Of<"comment">): Promise<void> {
  const ctx = await repoContext(deps, event.installationId, event.repo);
  const tick = event.action === "edited" && event.comment.body.includes("<!-- archon:status");
  let parsed: ParsedComment;
  if (tick) {
    const ticked = diffCheckboxes(event.comment.previousBody ?? "", event.comment.body);
    if (ticked.length === 0) return;
    parsed = ticked[0]!;
  } else {
    // An edited comment is not a new request: only new comments run commands.
    if (event.action !== "created") return;
    parsed = parseCommand(event.comment.body);
    if (parsed.kind === "none") return;
  }
  const key = `comment-${event.comment.id}`;
  const issueNumber = event.issue.number;
  // Every tick is an edit of the same comment: only the delivery tells one tick from the next.
  const answerKey = tick ? `tick-${deliveryId}` : key;
  const task = await taskForComment(deps, event);
  if (tick && task) await forgetStatusCommentText(deps, task, event.comment.id);
  if (!(await deps.permissions.canSteer(ctx.octokit, ctx.owner, ctx.repo, event.sender.login))) {
    await reply({ ...ctx, issueNumber, key: `not-allowed-${answerKey}`, body: NOT_ALLOWED(event.sender.login) });
    // The box they ticked is unticked by writing the comment as it was: nothing was done.
    if (tick && task?.issue_number != null) await upsertStatusComment(deps, task, ctx, task.issue_number, snapshotOf(task));
    return;
  }
  if (!tick) await addReaction({ ...ctx, commentId: event.comment.id, content: "eyes" });
  if (!task) {
    const body =
      parsed.kind === "command" && parsed.name === "help"
        ? helpText()
        : `There is no Archon task on this issue yet. Add the task label to the issue to start one.\n\n${helpText()}`;
    await reply({ ...ctx, issueNumber, key: answerKey, body });
    return;
  }
  const from = tick ? undefined : { commentId: event.comment.id, author: event.sender.login, number: issueNumber };
  let request: PlannedRequest | undefined;
  let base: PinnedBase | undefined;
  let plan: PlanDraft | undefined;
  if (parsed.kind === "command" && parsed.name === "plan") {
    // "Plan again" is what a person types after fixing .github/archon.yml: read it again too.
    const loaded = await loadConfig(ctx);
    if (!loaded.ok) {
      await applyEvent(deps, String(task.id), { type: "config_invalid", problems: loaded.problems });
      return;
    }
    // The issue as it reads now (the comment's payload carries it), in case an edit was missed;
    // tasks from the API or MCP keep the text they were created with.
    const body = task.source === "issue" && !event.issue.isPullRequest ? event.issue.body : undefined;
    const text = body !== undefined ? { title: event.issue.title, body } : { title: task.title, body: task.body };
    const spec = specFromIssue(text);
    ({ plan, base } = await planWithBase(ctx, spec, deps.blobs, deps.provider(loaded.config, async () => undefined)));
    request = { ...text, spec, config: keepApiApproval(task, loaded.config) };
  }
  const taskEvent = commandEvent(parsed, from, () => {
    if (!plan) throw new Error("plan requested without a plan");
    return plan;
  }, deliveryId);
  if (!taskEvent) return;
  // A fix asked for on the pull request waits, if need be, until the task has recorded it.
  if (taskEvent.type === "fix_requested" && event.issue.isPullRequest) {
    await onPullRequestOf(deps, task, event.issue.number, deliveryId, taskEvent);
    return;
  }
  await applyEvent(deps, String(task.id), taskEvent, { request, base });
}

/** A task created through the API or MCP with `approve` keeps that choice when re-planned. */
function keepApiApproval(task: Task, config: RepoConfig): RepoConfig {
  const approved = task.source !== "issue" && (task.config as { requireApproval?: unknown }).requireApproval === false;
  return approved ? { ...config, requireApproval: false } : config;
}

/**
 * CI finished on an Archon branch: record it, then tell the state machine. A result for a head
 * the task does not have yet is set aside there, and counts once the pull request event records
 * that head (see applyEvent); results for older heads stay stale.
 */
async function onCi(deps: WorkerDeps, event: Of<"ci">): Promise<void> {
  if (event.name === ARCHON_CHECK_NAME) return;
  if (event.conclusion !== "success" && event.conclusion !== "failure" && event.conclusion !== "timed_out") return;
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

/**
 * An event about pull request `prNumber` of the task: recorded, then applied once the task has
 * recorded that pull request. The pull request can be merged, closed, reviewed or commented on
 * before the job that opened it has recorded it; the event then waits, and the job applies it
 * (see applyPullRequestEvents). Keyed by the delivery, so a job that runs twice applies it once.
 */
async function onPullRequestOf(deps: WorkerDeps, task: Task, prNumber: number, deliveryId: string, event: TaskEvent): Promise<void> {
  await recordPullRequestEvent(deps.db, { taskId: task.id, prNumber, key: deliveryId, event });
  await applyPullRequestEvents(deps, String(task.id));
}

/** The task of an Archon pull request: by its number, or by its branch while the task has not recorded it. */
async function taskForPullRequest(deps: WorkerDeps, repositoryId: string, number: number, headRef: string): Promise<Task | undefined> {
  return (await findTaskByPullRequest(deps.db, repositoryId, number)) ?? (await findTaskByBranch(deps.db, repositoryId, headRef));
}

async function onPullRequestClosed(deps: WorkerDeps, deliveryId: string, event: Of<"pull_request_closed">): Promise<void> {
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

async function onReview(deps: WorkerDeps, deliveryId: string, event: Of<"review">): Promise<void> {
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return;
  const task = await taskForPullRequest(deps, repoRow.id, event.number, event.headRef);
  if (!task || event.body.trim() === "") return;
  const ctx = await repoContext(deps, event.installationId, event.repo);
  if (!(await deps.permissions.canSteer(ctx.octokit, ctx.owner, ctx.repo, event.reviewer.login))) return;
  await onPullRequestOf(deps, task, event.number, deliveryId, { type: "fix_requested", text: event.body });
}

async function onInstallation(deps: WorkerDeps, event: Of<"installation"> | Of<"installation_repositories">): Promise<void> {
  const id = event.installationId;
  if (event.type === "installation" && event.action === "deleted") return setInstallationState(deps.db, id, "deleted");
  if (event.type === "installation" && event.action === "suspend") return setInstallationState(deps.db, id, "suspended");
  await upsertInstallation(deps.db, { id, accountLogin: event.account.login, accountType: event.account.type });
  if (event.type === "installation" && event.action === "unsuspend") await setInstallationState(deps.db, id, "active");
  const added = event.type === "installation" ? event.repositories : event.added;
  for (const repo of added) {
    await upsertRepository(deps.db, { installationId: id, githubId: repo.id, fullName: repo.fullName, private: repo.private });
  }
  if (event.type === "installation_repositories") {
    await markRepositoriesRemoved(deps.db, id, event.removed.map((r) => r.fullName));
  }
}

/** The worker side of a webhook: domain event in, database rows and state-machine events out. */
export async function handleGitHubEvent(deps: WorkerDeps, deliveryId: string, event: DomainEvent): Promise<void> {
  switch (event.type) {
    case "installation":
    case "installation_repositories":
      return onInstallation(deps, event);
    case "issue":
      return onIssue(deps, deliveryId, event);
    case "comment":
      return onComment(deps, deliveryId, event);
    case "ci":
      return onCi(deps, event);
    case "pull_request_closed":
      return onPullRequestClosed(deps, deliveryId, event);
    case "review":
      return onReview(deps, deliveryId, event);
  }
}
