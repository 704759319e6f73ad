import type { TaskStatus } from "../../domain/task-status.js";
import { STATUS_WORDS } from "../next-steps.js";
import type { CostEstimate } from "../../domain/cost-estimate.js";
import type { PlanDraft } from "../../domain/plan.js";
import type { TaskEvent } from "../../domain/task-event.js";
import { type TaskSnapshot, stepsFromPlan } from "../../domain/task-snapshot.js";
import { type TransitionInput, type TransitionResult, accept, advance, ignore, isFinal } from "../transition-kit.js";

type Input<T extends TaskEvent["type"]> = TransitionInput<Extract<TaskEvent, { type: T }>>;

/**
 * A plan waits for approval when the repository asks for it. Without approval a new task starts at
 * once, but a re-plan rests in `planned` until `/archon run`: the person who asked for it is
 * changing the task and should see the new plan before work starts on it. The estimate goes with
 * the plan it was made for: a plan that came without one shows none, never the last plan's.
 */
function withPlan(task: TaskSnapshot, plan: PlanDraft, status: TaskStatus, estimate: CostEstimate | undefined): TaskSnapshot {
  const { estimate: _earlier, ...rest } = task;
  return {
    ...rest,
    ...(estimate ? { estimate } : {}),
    status,
    planVersion: task.planVersion + 1,
    planSummary: plan.summary,
    steps: stepsFromPlan(plan),
    fix: null,
    fixAttempts: 0,
    lastFailures: [],
    attention: null,
    lastError: null,
    configProblems: [],
  };
}

export function onTaskCreated(input: Input<"task_created">): TransitionResult {
  const { task, event, config } = input;
  if (task.status !== "received") return ignore(input, "the task already has a plan");
  if (event.plan.steps.length === 0) {
    const next = {
      ...task,
      status: "needs_attention" as const,
      attention: "step_failed" as const,
      lastError: "The plan has no steps.",
    };
    return accept(input, next, "empty plan");
  }
  const planned = { ...withPlan(task, event.plan, "awaiting_approval", event.estimate), maxFixAttempts: config.maxFixAttempts };
  if (config.requireApproval) return accept(input, planned, "plan made; the repository requires approval");
  const started = advance({ ...planned, status: "running" }, config);
  return accept(input, started.task, "plan made; no approval required, starting", { commands: started.commands });
}

function start(input: TransitionInput, reason: string): TransitionResult {
  const started = advance({ ...input.task, status: "running" }, input.config);
  return accept(input, started.task, reason, { commands: started.commands, reaction: "rocket" });
}

export function onPlanApproved(input: Input<"plan_approved">): TransitionResult {
  if (input.task.status === "awaiting_approval" || input.task.status === "planned")
    return start(input, "plan approved");
  return ignore(input, notWaiting(input.task, "approve"));
}

export function onRunRequested(input: Input<"run_requested">): TransitionResult {
  // A person with write access typing `run` on a plan awaiting approval approves it.
  if (input.task.status === "awaiting_approval" || input.task.status === "planned")
    return start(input, "run requested");
  return ignore(input, notWaiting(input.task, "run"));
}

const REPLANNABLE: readonly TaskStatus[] = ["received", "planned", "awaiting_approval", "needs_attention", "failed"];

export function onReplanRequested(input: Input<"replan_requested">): TransitionResult {
  const { task, event, config } = input;
  if (!REPLANNABLE.includes(task.status)) {
    return ignore(
      input,
      isFinal(task.status)
        ? `this task is ${task.status}; label the issue again to start a new task.`
        : `Archon is at work on this task (${STATUS_WORDS[task.status].toLowerCase()}). Comment \`/archon cancel\` first, or \`/archon fix <what>\` to change the pull request.`,
    );
  }
  const status = config.requireApproval ? "awaiting_approval" : "planned";
  const next = { ...withPlan(task, event.plan, status, event.estimate), maxFixAttempts: config.maxFixAttempts };
  return accept(input, next, `re-planned (version ${next.planVersion})`);
}

export function onIssueEdited(input: Input<"issue_edited">): TransitionResult {
  const { task, event } = input;
  if (task.status !== "planned" && task.status !== "awaiting_approval") {
    return ignore(input, `issue edited while ${task.status}; the plan only follows edits before work starts`);
  }
  return accept(input, withPlan(task, event.plan, task.status, event.estimate), "issue edited; plan made again");
}

function notWaiting(task: TaskSnapshot, verb: string): string {
  if (task.status === "received") return `the plan is not ready yet, so there is nothing to ${verb}.`;
  if (isFinal(task.status))
    return `this task is ${task.status}, so there is nothing to ${verb}. Label the issue again to start a new task.`;
  if (task.status === "needs_attention")
    return `this task needs attention: ${task.lastError ?? "see the status comment"} Comment \`/archon retry\` to try again.`;
  return `the plan is already approved; this task is ${STATUS_WORDS[task.status].toLowerCase()}.`;
}

const DECLINABLE: readonly TaskStatus[] = ["received", "planned", "awaiting_approval"];

export function onTaskDeclined(input: Input<"task_declined">): TransitionResult {
  const { task, event } = input;
  if (!DECLINABLE.includes(task.status)) return ignore(input, `declined while ${task.status}`);
  const next = { ...task, status: "failed" as const, attention: "declined" as const, lastError: event.reason };
  return accept(input, next, "declined before any work");
}
