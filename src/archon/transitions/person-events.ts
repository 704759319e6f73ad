import type { AgentName } from "../../domain/step.js";
import type { TaskStatus } from "../../domain/task-status.js";
import { helpText } from "../help-text.js";
import { STATUS_WORDS } from "../next-steps.js";
import type { TaskEvent } from "../../domain/task-event.js";
import type { TaskSnapshot } from "../../domain/task-snapshot.js";
import { type TransitionInput, type TransitionResult, accept, advance, answer, ignore, isFinal } from "../transition-kit.js";
import { startFix } from "./pr-events.js";

type Input<T extends TaskEvent["type"]> = TransitionInput<Extract<TaskEvent, { type: T }>>;

const FIXABLE: readonly TaskStatus[] = ["pr_open", "ci_running", "ready_for_review", "needs_attention"];

export function onFixRequested(input: Input<"fix_requested">): TransitionResult {
  const { task, event } = input;
  if (task.prNumber === null || !FIXABLE.includes(task.status)) return ignore(input, cannotFix(task));
  if (task.attention === "config_invalid" || task.attention === "budget_spent") return ignore(input, cannotFix(task));
  // A reviewer's request is not a CI failure: it does not use up the repository's fix attempts.
  const fixing = startFix(task, task.lastFailures, [event.text], input);
  return accept(input, fixing.task, "fix requested", { commands: fixing.commands });
}

function cannotFix(task: TaskSnapshot): string {
  if (task.status === "running" || task.status === "received")
    return "there is no pull request yet; Archon will open one when the plan's steps are done.";
  if (task.status === "fixing") return "a fix is already under way; ask again once the pull request is updated.";
  if (task.status === "planned" || task.status === "awaiting_approval")
    return "there is no pull request yet. Edit the issue to change the plan, or comment `/archon plan`.";
  if (isFinal(task.status)) return `this task is ${task.status}.`;
  return `this task needs attention first: ${task.lastError ?? "see the status comment"}`;
}

const STEP_WORDS: Record<string, AgentName> = {
  code: "CodeGenerationAgent",
  codegen: "CodeGenerationAgent",
  test: "TestingAgent",
  tests: "TestingAgent",
  testing: "TestingAgent",
  doc: "DocumentationAgent",
  docs: "DocumentationAgent",
  documentation: "DocumentationAgent",
};

export function onRetryRequested(input: Input<"retry_requested">): TransitionResult {
  const { task, event } = input;
  if (task.status !== "needs_attention" && task.status !== "failed") {
    return ignore(input, `there is nothing to retry: this task is ${STATUS_WORDS[task.status].toLowerCase()}.`);
  }
  if (task.steps.length === 0 || task.attention === "config_invalid") {
    return ignore(input, "there is no plan to retry yet. Comment `/archon plan` once the problem is fixed.");
  }
  const named = event.step === undefined ? undefined : findStep(task, event.step);
  if (named === null) {
    const list = task.steps.map((s) => `${s.position}`).join(", ");
    return ignore(input, `there is no step \`${event.step}\`; the steps are ${list} (or code, tests, docs).`);
  }
  const failed = task.steps.filter((s) => s.status === "failed").map((s) => s.position);
  const positions = named !== undefined ? [named] : failed;
  // Nothing failed: CI ran out of fix attempts, and the person grants one more.
  if (positions.length === 0 && task.prNumber !== null) {
    const fixing = startFix({ ...task, fixAttempts: task.fixAttempts + 1 }, task.lastFailures, [], input);
    return accept(input, fixing.task, "retry: one more fix round", { commands: fixing.commands, reaction: "rocket" });
  }
  const reset = new Set(dependents(task, positions));
  const steps = task.steps.map((s) =>
    reset.has(s.position) ? { ...s, status: "pending" as const, summary: null, error: null } : s,
  );
  const status = task.prNumber === null ? "running" : "fixing";
  const next = advance({ ...task, status, steps, attention: null, lastError: null }, input.config);
  const what =
    positions.length === 0 ? "pending steps" : `step${positions.length === 1 ? "" : "s"} ${positions.join(", ")}`;
  return accept(input, next.task, `retry ${what}`, { commands: next.commands, reaction: "rocket" });
}

/** A step by position or agent word; null when it names nothing, undefined when not given. */
function findStep(task: TaskSnapshot, word: string): number | null {
  const position = Number.parseInt(word, 10);
  if (String(position) === word) return task.steps.some((s) => s.position === position) ? position : null;
  const agent = STEP_WORDS[word.toLowerCase()];
  return task.steps.find((s) => s.agent === agent)?.position ?? null;
}

/** The steps and everything that depends on them, directly or not. */
function dependents(task: TaskSnapshot, positions: readonly number[]): number[] {
  const found = new Set(positions);
  for (let grew = true; grew;) {
    grew = false;
    for (const step of task.steps) {
      if (!found.has(step.position) && step.dependsOn.some((d) => found.has(d))) {
        found.add(step.position);
        grew = true;
      }
    }
  }
  return [...found];
}

export function onCancelRequested(input: Input<"cancel_requested">): TransitionResult {
  if (isFinal(input.task.status)) return ignore(input, `this task is already ${input.task.status}.`);
  const lastError = input.event.reason ?? input.task.lastError;
  return accept(input, { ...input.task, status: "cancelled", lastError }, input.event.reason ?? "cancelled by a person");
}

export function onStatusRequested(input: Input<"status_requested">): TransitionResult {
  const { task } = input;
  const step = task.steps.find((s) => s.status === "running");
  const where = step ? ` (step ${step.position} of ${task.steps.length}: ${step.title})` : "";
  return answer(input, `Status: **${STATUS_WORDS[task.status]}**${where}. The status comment is up to date.`, true);
}

export function onHelpRequested(input: Input<"help_requested">): TransitionResult {
  return answer(input, `here is what Archon understands.\n\n${helpText()}`, false);
}

export function onUnknownCommand(input: Input<"unknown_command">): TransitionResult {
  const quoted = input.event.text.replace(/`/g, "'").slice(0, 200);
  return ignore(input, `Archon did not understand \`${quoted}\`.\n\n${helpText()}`);
}

function stop(input: TransitionInput, why: string): TransitionResult {
  if (isFinal(input.task.status)) return ignore(input, `${why}, but the task is already ${input.task.status}`);
  return accept(input, { ...input.task, status: "cancelled" }, why);
}

export function onIssueClosed(input: Input<"issue_closed">): TransitionResult {
  return stop(input, "issue closed");
}

export function onLabelRemoved(input: Input<"label_removed">): TransitionResult {
  return stop(input, "task label removed");
}

export function onConfigInvalid(input: Input<"config_invalid">): TransitionResult {
  const { task, event } = input;
  if (isFinal(task.status)) return ignore(input, `config invalid, but the task is already ${task.status}`);
  const summary = event.problems.map((p) => (p.path === "" ? p.message : `${p.path}: ${p.message}`)).join("; ");
  const next = {
    ...task,
    status: "needs_attention" as const,
    attention: "config_invalid" as const,
    lastError: `.github/archon.yml is invalid: ${summary}`,
    configProblems: event.problems,
  };
  return accept(input, next, "repository config invalid");
}

/** Cents for real budgets, more digits for the tiny ones people try first. */
function usd(amount: number): string {
  return `$${amount.toFixed(amount > 0 && amount < 0.01 ? 4 : 2)}`;
}

export function onBudgetSpent(input: Input<"budget_spent">): TransitionResult {
  const { task, event } = input;
  if (isFinal(task.status) || task.status === "needs_attention")
    return ignore(input, `budget spent while ${task.status}`);
  const lastError = `This task has spent ${usd(event.spentUsd)} of its ${usd(event.budgetUsd)} budget. Raise \`budgetUsd\` in .github/archon.yml and comment \`/archon retry\` to go on.`;
  // Steps cut short by the budget count as failed, so `/archon retry` runs them again.
  const steps = task.steps.map((s) => (s.status === "running" ? { ...s, status: "failed" as const, error: "budget spent" } : s));
  return accept(input, { ...task, steps, status: "needs_attention", attention: "budget_spent", lastError }, "budget spent");
}
