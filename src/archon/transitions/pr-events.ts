import type { TestFailure } from "../../domain/agent.js";
import type { TaskStatus } from "../../domain/task-status.js";
import type { TaskEvent } from "../../domain/task-event.js";
import type { TaskSnapshot } from "../../domain/task-snapshot.js";
import { type CommandDraft, type TransitionInput, type TransitionResult, accept, advance, ignore, isFinal, round } from "../transition-kit.js";

type Input<T extends TaskEvent["type"]> = TransitionInput<Extract<TaskEvent, { type: T }>>;

const HAS_PR: readonly TaskStatus[] = ["pr_open", "ci_running", "ready_for_review", "needs_attention"];

export function onPrFailed(input: Input<"pr_failed">): TransitionResult {
  const { task, event } = input;
  if (task.status !== "running" && task.status !== "fixing") return ignore(input, `pull request failure while ${task.status}`);
  const lastError = `The pull request could not be opened or updated: ${event.error} Comment \`/archon retry\` to try again.`;
  return accept(input, { ...task, status: "needs_attention", attention: "step_failed", fix: null, lastError }, "pull request failed");
}

export function onPrOpened(input: Input<"pr_opened">): TransitionResult {
  const { task, event } = input;
  if (task.prNumber !== null && task.prNumber !== event.prNumber)
    return ignore(input, `pull request #${event.prNumber} is not this task's (#${task.prNumber})`);
  const opened = {
    ...task,
    prNumber: event.prNumber,
    prUrl: event.url ?? task.prUrl,
    headSha: event.headSha,
    ciUrl: null,
    lastFailures: [],
  };
  if (task.status === "fixing" && task.headSha === event.headSha) {
    // The fix produced the same commit: CI will not run again, and would say the same.
    const lastError = "The fix round changed nothing, so the pull request is as it was.";
    const next = { ...task, status: "needs_attention" as const, attention: "no_change" as const, fix: null, lastError };
    return accept(input, next, `fix left the head at ${short(event.headSha)}`);
  }
  if (task.status === "running" || task.status === "fixing") {
    return accept(
      input,
      { ...opened, status: "pr_open", fix: null },
      `pull request #${event.prNumber} at ${short(event.headSha)}`,
    );
  }
  if (task.prNumber === null && (task.status === "cancelled" || task.status === "failed")) {
    // The job opened the pull request while the task was being stopped. It is the task's all the
    // same: the status comment links it, and merging it still makes the task done.
    return accept(input, { ...opened, status: task.status }, `pull request #${event.prNumber} opened after the task was ${task.status}`);
  }
  if (!HAS_PR.includes(task.status)) return ignore(input, `pull request event while ${task.status}`);
  if (task.headSha === event.headSha) return ignore(input, `head already at ${short(event.headSha)}`);
  // Someone pushed to the branch: the new head needs its own CI run.
  const status = task.status === "needs_attention" ? task.status : "pr_open";
  return accept(input, { ...opened, status }, `head moved to ${short(event.headSha)}`);
}

export function onCiStarted(input: Input<"ci_started">): TransitionResult {
  const { task, event } = input;
  if (event.headSha !== task.headSha)
    return ignore(input, `stale CI for ${short(event.headSha)}; the head is ${short(task.headSha)}`);
  if (task.status !== "pr_open" && task.status !== "ci_running")
    return ignore(input, `CI started while ${task.status}`);
  if (task.status === "ci_running" && (event.url === undefined || event.url === task.ciUrl))
    return ignore(input, "CI already running");
  return accept(
    input,
    { ...task, status: "ci_running", ciUrl: event.url ?? task.ciUrl },
    `CI started on ${short(event.headSha)}`,
  );
}

export function onCiCompleted(input: Input<"ci_completed">): TransitionResult {
  const { task, event, config } = input;
  if (event.headSha !== task.headSha)
    return ignore(input, `stale CI for ${short(event.headSha)}; the head is ${short(task.headSha)}`);
  if (!HAS_PR.includes(task.status)) return ignore(input, `CI result while ${task.status}`);
  const seen = { ...task, ciUrl: event.url ?? task.ciUrl };

  if (event.conclusion === "success") {
    if (task.status === "ready_for_review") return ignore(input, "CI green again on the same head");
    const prNumber = task.prNumber ?? 0;
    const commands: CommandDraft[] = [];
    if (config.draft) commands.push({ type: "mark_pr_ready", prNumber });
    const { users, teams } = config.reviewers;
    if (users.length + teams.length > 0) commands.push({ type: "request_reviewers", prNumber, users, teams });
    const next = { ...seen, status: "ready_for_review" as const, attention: null, lastError: null, lastFailures: [] };
    return accept(input, next, `CI green on ${short(event.headSha)}`, { commands });
  }

  const failed = { ...seen, lastFailures: event.failures };
  if (task.status === "needs_attention")
    return accept(input, failed, `CI red on ${short(event.headSha)} while waiting for a person`);
  if (task.fixAttempts >= task.maxFixAttempts) {
    const next = {
      ...failed,
      status: "needs_attention" as const,
      attention: "attempts_exhausted" as const,
      lastError: exhausted(task, event.failures),
    };
    return accept(input, next, `CI red; ${task.fixAttempts} of ${task.maxFixAttempts} fix attempts used`);
  }
  const fixing = startFix({ ...failed, fixAttempts: task.fixAttempts + 1 }, event.failures, [], input);
  return accept(input, fixing.task, `CI red; fix attempt ${task.fixAttempts + 1} of ${task.maxFixAttempts}`, {
    commands: fixing.commands,
  });
}

export function onCiUnavailable(input: Input<"ci_unavailable">): TransitionResult {
  const { task, event } = input;
  if (event.headSha !== task.headSha)
    return ignore(input, `stale CI for ${short(event.headSha)}; the head is ${short(task.headSha)}`);
  if (task.status !== "pr_open" && task.status !== "ci_running") return ignore(input, `CI unavailable while ${task.status}`);
  const next = { ...task, status: "needs_attention" as const, attention: event.reason, lastError: event.message };
  return accept(input, next, `CI could not judge ${short(event.headSha)}: ${event.reason}`);
}

/** Runs the code and test steps again with what failed and what was asked (the docs stand). */
export function startFix(
  task: TaskSnapshot,
  failures: TestFailure[],
  requests: string[],
  input: TransitionInput,
): { task: TaskSnapshot; commands: CommandDraft[] } {
  const redo = task.steps.filter((s) => s.agent !== "DocumentationAgent").map((s) => s.position);
  const positions = new Set(redo.length > 0 ? redo : task.steps.map((s) => s.position));
  const steps = task.steps.map((s) =>
    positions.has(s.position) ? { ...s, status: "pending" as const, summary: null, error: null } : s,
  );
  const fix = { attempt: round(task.steps), failures, requests };
  return advance({ ...task, status: "fixing", steps, fix, attention: null, lastError: null }, input.config);
}

export function onPrMerged(input: Input<"pr_merged">): TransitionResult {
  const { task, event } = input;
  if (task.prNumber !== event.prNumber) return ignore(input, `pull request #${event.prNumber} is not this task's`);
  // Merged wins over an earlier cancel: GitHub may deliver the close before the merge.
  if (task.status === "done") return ignore(input, "already done");
  return accept(
    input,
    { ...task, status: "done", attention: null, lastError: null },
    `pull request #${event.prNumber} merged`,
  );
}

export function onPrClosed(input: Input<"pr_closed">): TransitionResult {
  const { task, event } = input;
  if (task.prNumber !== event.prNumber) return ignore(input, `pull request #${event.prNumber} is not this task's`);
  if (isFinal(task.status)) return ignore(input, `already ${task.status}`);
  return accept(
    input,
    { ...task, status: "cancelled", lastError: `Pull request #${event.prNumber} was closed without merging.` },
    "pull request closed unmerged",
  );
}

function exhausted(task: TaskSnapshot, failures: readonly TestFailure[]): string {
  const names = failures.slice(0, 5).map((f) => f.name);
  const more = failures.length > names.length ? `, and ${failures.length - names.length} more` : "";
  const which =
    failures.length === 0 ? "CI failed" : `CI still fails (${failures.length} failing: ${names.join(", ")}${more})`;
  return `${which} after ${task.fixAttempts} fix attempt${task.fixAttempts === 1 ? "" : "s"}, the most this repository allows. A person needs to look.`;
}

function short(sha: string | null): string {
  return sha === null ? "none" : sha.slice(0, 7);
}
