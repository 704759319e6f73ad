import type { TestFailure } from "./agent.js";
import type { AgentName, StepStatus } from "./step.js";
import type { TaskStatus } from "./task-status.js";
import type { ConfigProblem } from "./config-problem.js";
import type { PlanDraft } from "./plan.js";
import type { CiUnavailableReason } from "./task-event.js";
import type { CostEstimate } from "./cost-estimate.js";

export interface StepSnapshot {
  position: number;
  agent: AgentName;
  title: string;
  dependsOn: number[];
  files: string[];
  status: StepStatus;
  /** 0 until first dispatched; each dispatch adds one, and results for older attempts are stale. */
  attempt: number;
  /** The agent's one-line report once it succeeded. */
  summary: string | null;
  error: string | null;
}

/** Why a task waits for a person in `needs_attention` (or stopped in `failed`). */
export type AttentionReason =
  | "config_invalid"
  | "budget_spent"
  | "attempts_exhausted"
  | "step_failed"
  | "step_unsupported"
  /** A fix round ended with the same commit as before. */
  | "no_change"
  /** The task was declined before any work (see the task_declined event). */
  | "declined"
  /** CI could not judge the head (see the ci_unavailable event). */
  | CiUnavailableReason;

/** What a fix round gives the agents: CI failures and what reviewers asked for. */
export interface FixContext {
  attempt: number;
  failures: TestFailure[];
  requests: string[];
}

/** Everything the state machine needs to decide, and the status comment needs to render. */
export interface TaskSnapshot {
  id: string;
  issueNumber: number | null;
  title: string;
  status: TaskStatus;
  /** Bumped on every accepted transition; part of idempotency keys, so replays dedupe. */
  revision: number;
  planVersion: number;
  planSummary: string;
  steps: StepSnapshot[];
  /** Fix rounds started because CI was red; they count against maxFixAttempts. */
  fixAttempts: number;
  maxFixAttempts: number;
  /** The fix round under way, until its commit reaches the pull request. */
  fix: FixContext | null;
  prNumber: number | null;
  prUrl: string | null;
  headSha: string | null;
  ciUrl: string | null;
  /** Failures of the last red CI run on the current head, for the next fix or retry. */
  lastFailures: TestFailure[];
  attention: AttentionReason | null;
  lastError: string | null;
  configProblems: ConfigProblem[];
  /** What the current plan is expected to cost; absent on plans made before estimates were. */
  estimate?: CostEstimate | undefined;
}

/** A task just recorded from an issue (or the API, MCP, CLI), before it has a plan. */
export function newTaskSnapshot(init: { id: string; title: string; issueNumber?: number | null }): TaskSnapshot {
  return {
    id: init.id,
    issueNumber: init.issueNumber ?? null,
    title: init.title,
    status: "received",
    revision: 0,
    planVersion: 0,
    planSummary: "",
    steps: [],
    fixAttempts: 0,
    maxFixAttempts: 0,
    fix: null,
    prNumber: null,
    prUrl: null,
    headSha: null,
    ciUrl: null,
    lastFailures: [],
    attention: null,
    lastError: null,
    configProblems: [],
  };
}

export function stepsFromPlan(plan: PlanDraft): StepSnapshot[] {
  return plan.steps.map((step) => ({
    position: step.position,
    agent: step.agent,
    title: step.title,
    dependsOn: [...step.dependsOn],
    files: [...step.files],
    status: "pending",
    attempt: 0,
    summary: null,
    error: null,
  }));
}
