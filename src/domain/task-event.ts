import type { TestFailure } from "./agent.js";
import type { ConfigProblem } from "./config-problem.js";
import type { PlanDraft } from "./plan.js";
import type { CostEstimate } from "./cost-estimate.js";

/** The comment a person's command came from; absent for checkbox ticks, the API, MCP and the CLI. */
export interface CommentRef {
  commentId: string | number;
  author: string;
  /** The issue or pull request the comment is on. */
  number: number;
}

interface FromPerson {
  from?: CommentRef | undefined;
  /**
   * Set for a checkbox tick (which has no comment of its own), e.g. to the webhook delivery id:
   * it keeps the answer to each tick apart from the answer to an earlier one.
   */
  eventId?: string | undefined;
}

/** Why CI could not judge a head. */
export type CiUnavailableReason = "no_test_command" | "missing_tool" | "tests_timed_out";

/**
 * Everything that can happen to a task. Events that need a fresh plan carry it: the shell runs the
 * (pure) planner first, so the state machine never waits on anything; with the plan, what it is
 * expected to cost (absent when the shell could not tell, e.g. the config is invalid).
 */
export type TaskEvent =
  | { type: "task_created"; plan: PlanDraft; estimate?: CostEstimate | undefined }
  | ({ type: "plan_approved" } & FromPerson)
  | ({ type: "run_requested" } & FromPerson)
  | ({ type: "replan_requested"; plan: PlanDraft; estimate?: CostEstimate | undefined } & FromPerson)
  | { type: "issue_edited"; plan: PlanDraft; estimate?: CostEstimate | undefined }
  | { type: "step_started"; position: number; attempt: number }
  | { type: "step_succeeded"; position: number; attempt: number; summary: string }
  | { type: "step_failed"; position: number; attempt: number; error: string }
  /** The provider cannot do this kind of task; `reason` is for the person, in plain words. */
  | { type: "step_unsupported"; position: number; attempt: number; reason: string }
  /** The pull request was opened, or its head moved (Archon's fix commit or a person's push). */
  | { type: "pr_opened"; prNumber: number; headSha: string; url?: string | undefined }
  /** The commit or pull request could not be written, even after the job's retries. */
  | { type: "pr_failed"; error: string }
  | { type: "ci_started"; headSha: string; url?: string | undefined }
  | {
      type: "ci_completed";
      headSha: string;
      conclusion: "success" | "failure";
      failures: TestFailure[];
      url?: string | undefined;
    }
  /**
   * CI cannot judge the head: no test command, a program it needs is missing, or it did not
   * finish. Local test runs say so; `message` is for the person, with what to do.
   */
  | { type: "ci_unavailable"; headSha: string; reason: CiUnavailableReason; message: string }
  /** Before any work: the task cannot be done as asked (the provider declines, the branch is taken). */
  | { type: "task_declined"; reason: string }
  | ({ type: "fix_requested"; text: string } & FromPerson)
  /** `step` as typed: a position (`2`) or an agent word (`tests`, `docs`, `code`). */
  | ({ type: "retry_requested"; step?: string | undefined } & FromPerson)
  /** `reason`, when given, is kept as the task's last word: why it was stopped (an interrupted local run). */
  | ({ type: "cancel_requested"; reason?: string | undefined } & FromPerson)
  | ({ type: "status_requested" } & FromPerson)
  | ({ type: "help_requested" } & FromPerson)
  | ({ type: "unknown_command"; text: string } & FromPerson)
  | { type: "issue_closed" }
  | { type: "label_removed" }
  | { type: "pr_merged"; prNumber: number }
  | { type: "pr_closed"; prNumber: number }
  | { type: "config_invalid"; problems: ConfigProblem[] }
  | { type: "budget_spent"; spentUsd: number; budgetUsd: number };

export type TaskEventType = TaskEvent["type"];

/** Events a person sends, by comment or by ticking a box in the status comment. */
export type PersonEvent = Extract<
  TaskEvent,
  {
    type:
      | "plan_approved"
      | "run_requested"
      | "replan_requested"
      | "fix_requested"
      | "retry_requested"
      | "cancel_requested"
      | "status_requested"
      | "help_requested"
      | "unknown_command";
  }
>;
