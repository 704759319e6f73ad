import { commandEvent } from "../archon/command-event.js";
import { diffCheckboxes } from "../archon/diff-checkboxes.js";
import { helpText } from "../archon/help-text.js";
import { parseCommand } from "../archon/parse-command.js";
import type { PlanDraft } from "../archon/plan.js";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { ParsedComment } from "../archon/slash-command.js";
import type { TaskEvent } from "../archon/task-event.js";
import type { Task } from "../db/task.table.js";
import {
  findActiveTaskForIssue,
  findLatestTaskForIssue,
  findTaskByBranch,
  findTaskByPullRequest,
  insertTask,
  recordCiResult,
} from "../db/task.repository.js";
import {
  findRepository,
  markRepositoriesRemoved,
  setInstallationState,
  upsertInstallation,
  upsertRepository,
} from "../db/installation.repository.js";
import { addReaction, reply } from "../github/issues.js";
import type { DomainEvent } from "../webhooks/domain-event.js";
import { type PlannedRequest, applyEvent } from "./apply-event.js";
import { readCiFailures } from "./ci-failures.js";
import { ARCHON_CHECK_NAME } from "./archon-check-run.js";
import type { WorkerDeps } from "./deps.js";
import { loadConfig, planFromRepository, repoContext, specFromIssue, type RepoContext } from "./repo-context.js";
import { recordDecision } from "./record-decision.js";
import { forgetStatusCommentText, upsertStatusComment } from "./status-comment.js";
import { snapshotOf } from "./task-state.js";

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
  });
  // Labeling an issue that already has an active task starts nothing new.
  if (!created && task.snapshot !== null) return;
  if (!loaded.ok) {
    await applyEvent(deps, String(task.id), { type: "config_invalid", problems: loaded.problems });
    return;
  }
  const plan = await planFromRepository(ctx, spec, deps.blobs);
  await applyEvent(deps, String(task.id), { type: "task_created", plan });
}

async function onIssue(deps: WorkerDeps, deliveryId: string, event: Of<"issue">): Promise<void> {
  const ctx = await repoContext(deps, event.installationId, event.repo);
  if (event.action === "labeled" || event.action === "opened" || event.action === "reopened") {
    if (event.action === "reopened" && !event.issue.labels.length) return;
    await startFromIssue(deps, deliveryId, event, ctx);
    return;
  }
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return;
  const task = await findActiveTaskForIssue(deps.db, repoRow.id, event.issue.number);
  if (!task) return;
  if (event.action === "closed" || event.action === "deleted") {
    await applyEvent(deps, String(task.id), { type: "issue_closed" });
  } else if (event.action === "unlabeled") {
    const loaded = await loadConfig(ctx);
    const label = loaded.ok ? loaded.config.label : loaded.label;
    if (event.label === label) await applyEvent(deps, String(task.id), { type: "label_removed" });
  } else if (event.action === "edited") {
    const spec = specFromIssue(event.issue);
    const plan = await planFromRepository(ctx, spec, deps.blobs);
    await applyEvent(deps, String(task.id), { type: "issue_edited", plan }, { title: spec.title, body: event.issue.body, spec });
  }
}

async function taskForComment(deps: WorkerDeps, event: Of<"comment">): Promise<Task | undefined> {
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return undefined;
  if (event.issue.isPullRequest) {
    const byPr = await findTaskByPullRequest(deps.db, repoRow.id, event.issue.number);
    if (byPr) return byPr;
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
  let plan: PlanDraft | undefined;
  if (parsed.kind === "command" && parsed.name === "plan") {
    // "Plan again" is what a person types after fixing .github/archon.yml: read it again too.
    const loaded = await loadConfig(ctx);
    if (!loaded.ok) {
      await applyEvent(deps, String(task.id), { type: "config_invalid", problems: loaded.problems });
      return;
    }
    const spec = specFromIssue({ title: task.title, body: task.body });
    request = { title: task.title, body: task.body, spec, config: keepApiApproval(task, loaded.config) };
    plan = await planFromRepository(ctx, spec, deps.blobs);
  }
  const taskEvent = commandEvent(parsed, from, () => {
    if (!plan) throw new Error("plan requested without a plan");
    return plan;
  }, deliveryId);
  if (taskEvent) await applyEvent(deps, String(task.id), taskEvent, request);
}

/** A task created through the API or MCP with `approve` keeps that choice when re-planned. */
function keepApiApproval(task: Task, config: RepoConfig): RepoConfig {
  const approved = task.source !== "issue" && (task.config as { requireApproval?: unknown }).requireApproval === false;
  return approved ? { ...config, requireApproval: false } : config;
}

/** CI finished on an Archon branch: record it, then tell the state machine (stale heads are ignored there). */
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
  await recordCiResult(deps.db, {
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
  const onlyPreExisting = !green && failures.length === 0 && preExisting.length > 0;
  const ciEvent: TaskEvent = {
    type: "ci_completed",
    headSha: event.headSha,
    conclusion: green || onlyPreExisting ? "success" : "failure",
    failures,
    url: event.url,
  };
  await applyEvent(deps, String(task.id), ciEvent);
}

async function onPullRequestClosed(deps: WorkerDeps, event: Of<"pull_request_closed">): Promise<void> {
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return;
  const task = (await findTaskByPullRequest(deps.db, repoRow.id, event.number)) ?? (await findTaskByBranch(deps.db, repoRow.id, event.headRef));
  if (!task) return;
  if (event.merged) {
    await applyEvent(deps, String(task.id), { type: "pr_merged", prNumber: event.number });
    await recordDecision(deps.db, task, { prNumber: event.number, prUrl: event.url, mergeCommitSha: event.mergeCommitSha, mergedBy: event.sender.login });
  } else {
    await applyEvent(deps, String(task.id), { type: "pr_closed", prNumber: event.number });
  }
}

async function onReview(deps: WorkerDeps, event: Of<"review">): Promise<void> {
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return;
  const task = await findTaskByPullRequest(deps.db, repoRow.id, event.number);
  if (!task || event.body.trim() === "") return;
  const ctx = await repoContext(deps, event.installationId, event.repo);
  if (!(await deps.permissions.canSteer(ctx.octokit, ctx.owner, ctx.repo, event.reviewer.login))) return;
  await applyEvent(deps, String(task.id), { type: "fix_requested", text: event.body });
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
      return onPullRequestClosed(deps, event);
    case "review":
      return onReview(deps, event);
  }
}
