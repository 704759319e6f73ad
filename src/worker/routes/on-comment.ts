import { commandEvent } from "../../archon/command-event.js";
import { helpText } from "../../archon/help-text.js";
import { parseCommand } from "../../archon/parse-command.js";
import type { RepoConfig } from "../../archon/repo-config.schema.js";
import type { ParsedComment } from "../../archon/slash-command.js";
import { findRepository } from "../../db/installation.repository.js";
import { snapshotOf } from "../../db/task-state.js";
import { findActiveTaskForIssue, findLatestTaskForIssue, getTask, findTaskByPullRequest } from "../../db/task.repository.js";
import type { Task } from "../../db/task.table.js";
import type { CostEstimate } from "../../domain/cost-estimate.js";
import type { PlanDraft } from "../../domain/plan.js";
import type { PinnedBase } from "../../github/github-forge.js";
import { addReaction, reply } from "../../github/issues.js";
import { forgetStatusCommentText, upsertStatusComment } from "../../github/task-status-comment.js";
import { diffCheckboxes } from "../../render/diff-checkboxes.js";
import { type PlannedRequest, applyEvent } from "../apply-event.js";
import type { WorkerDeps } from "../deps.js";
import { estimateTask } from "../estimate-task.js";
import { type RepoContext, loadConfig, planWithBase, repoContext, specFromIssue } from "../repo-context.js";
import { NOT_ALLOWED, type Of, onPullRequestOf } from "./shared.js";

/** The task a comment is about: its pull request's, else the issue's active one, else its latest. */
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

/** The command a comment carries: a new slash command, or the first box newly ticked in the status comment. */
function readComment(event: Of<"comment">): { parsed: ParsedComment; tick: boolean } | undefined {
  const tick = event.action === "edited" && event.comment.body.includes("<!-- archon:status");
  if (tick) {
    const ticked = diffCheckboxes(event.comment.previousBody ?? "", event.comment.body);
    return ticked.length === 0 ? undefined : { parsed: ticked[0]!, tick };
  }
  // An edited comment is not a new request: only new comments run commands.
  if (event.action !== "created") return undefined;
  const parsed = parseCommand(event.comment.body);
  return parsed.kind === "none" ? undefined : { parsed, tick };
}

/** A task created through the API or MCP with `approve` keeps that choice when re-planned. */
function keepApiApproval(task: Task, config: RepoConfig): RepoConfig {
  const approved = task.source !== "issue" && (task.config as { requireApproval?: unknown }).requireApproval === false;
  return approved ? { ...config, requireApproval: false } : config;
}

interface NewPlan {
  plan: PlanDraft;
  estimate: CostEstimate | undefined;
  base: PinnedBase | undefined;
  request: PlannedRequest;
}

/**
 * `/archon plan`: the configuration read again (it is what a person types after fixing
 * .github/archon.yml) and the task planned from the issue as it reads now. Undefined when the
 * configuration is invalid: the task is told so.
 */
async function planAgain(deps: WorkerDeps, ctx: RepoContext, task: Task, event: Of<"comment">): Promise<NewPlan | undefined> {
  const loaded = await loadConfig(ctx);
  if (!loaded.ok) {
    await applyEvent(deps, String(task.id), { type: "config_invalid", problems: loaded.problems });
    return undefined;
  }
  // The issue as it reads now (the comment's payload carries it), in case an edit was missed;
  // tasks from the API or MCP keep the text they were created with.
  const body = task.source === "issue" && !event.issue.isPullRequest ? event.issue.body : undefined;
  const text = body !== undefined ? { title: event.issue.title, body } : { title: task.title, body: task.body };
  const spec = specFromIssue(text);
  const provider = deps.provider(loaded.config, async () => undefined);
  const { plan, base } = await planWithBase(ctx, spec, deps.blobs, provider);
  const estimate = await estimateTask(deps.db, task.id, provider, plan);
  return { plan, base, estimate, request: { ...text, spec, config: keepApiApproval(task, loaded.config) } };
}

/** The answer on an issue without a task: help, and how to start one. */
function noTaskReply(parsed: ParsedComment): string {
  if (parsed.kind === "command" && parsed.name === "help") return helpText();
  return `There is no Archon task on this issue yet. Add the task label to the issue to start one.\n\n${helpText()}`;
}

/** A slash command, or a ticked checkbox in the status comment. */
export async function onComment(deps: WorkerDeps, deliveryId: string, event: Of<"comment">): Promise<void> {
  const ctx = await repoContext(deps, event.installationId, event.repo);
  const read = readComment(event);
  if (!read) return;
  const { parsed, tick } = read;
  const issueNumber = event.issue.number;
  // Every tick is an edit of the same comment: only the delivery tells one tick from the next.
  const answerKey = tick ? `tick-${deliveryId}` : `comment-${event.comment.id}`;
  const task = await taskForComment(deps, event);
  if (tick && task) await forgetStatusCommentText(deps, task, event.comment.id);
  if (!(await deps.permissions.canSteer(ctx.octokit, ctx.owner, ctx.repo, event.sender.login))) {
    await reply({ ...ctx, issueNumber, key: `not-allowed-${answerKey}`, body: NOT_ALLOWED(event.sender.login) });
    // The box they ticked is unticked by writing the comment as it was: nothing was done.
    if (tick && task?.issue_number != null) await upsertStatusComment(deps, task, ctx, task.issue_number, snapshotOf(task));
    return;
  }
  if (!tick) await addReaction({ ...ctx, commentId: event.comment.id, content: "eyes" });
  if (!task) return void (await reply({ ...ctx, issueNumber, key: answerKey, body: noTaskReply(parsed) }));
  const again = parsed.kind === "command" && parsed.name === "plan" ? await planAgain(deps, ctx, task, event) : undefined;
  if (parsed.kind === "command" && parsed.name === "plan" && !again) return;
  const from = tick ? undefined : { commentId: event.comment.id, author: event.sender.login, number: issueNumber };
  const taskEvent = commandEvent(parsed, from, () => {
    if (!again) throw new Error("plan requested without a plan");
    return again.plan;
  }, deliveryId);
  if (!taskEvent) return;
  const planned = taskEvent.type === "replan_requested" ? { ...taskEvent, estimate: again?.estimate } : taskEvent;
  // A fix asked for on the pull request waits, if need be, until the task has recorded it.
  if (taskEvent.type === "fix_requested" && event.issue.isPullRequest) return onPullRequestOf(deps, task, issueNumber, deliveryId, taskEvent);
  await applyEvent(deps, String(task.id), planned, { request: again?.request, base: again?.base });
}
