import type { TaskSnapshot } from "../domain/task-snapshot.js";
import type { LocalOutcome, LocalTaskReport } from "./local-report.js";
import { budgetSpentMessage } from "./budget-spent.js";

type Tests = LocalTaskReport["tests"];

const ATTENTION_OUTCOMES: Partial<Record<NonNullable<TaskSnapshot["attention"]>, LocalOutcome>> = {
  attempts_exhausted: "tests_failed",
  no_change: "tests_failed",
  missing_tool: "missing_tool",
  no_test_command: "no_test_command",
  tests_timed_out: "timed_out",
  budget_spent: "budget_spent",
  config_invalid: "bad_config",
  step_unsupported: "unsupported",
  declined: "unsupported",
};

function stepOutcome(task: TaskSnapshot): LocalOutcome {
  return /no changes to commit/.test(task.lastError ?? "") ? "no_changes" : "agent_failed";
}

/** How a local task ended, in the words of `archon run`'s report, from where the state machine left it. */
export function outcomeOf(task: TaskSnapshot, tests: Tests): LocalOutcome {
  if (task.status === "ready_for_review" || task.status === "done") return tests.preexisting.length > 0 ? "preexisting_failures" : "passed";
  if (task.status === "cancelled") return "declined";
  const byAttention = task.attention ? ATTENTION_OUTCOMES[task.attention] : undefined;
  return byAttention ?? stepOutcome(task);
}

export interface MessageFacts {
  task: TaskSnapshot;
  tests: Tests;
  branch: string;
  budgetUsd: number | undefined;
  spentUsd: number;
}

/** One or two sentences for the person: what happened and what to do next. */
export function messageOf(outcome: LocalOutcome, f: MessageFacts): string {
  const last = f.tests.runs.at(-1);
  if (outcome === "passed") return `The tests pass on ${f.branch} (${last?.summary ?? "passed"}). Review the change, then merge it.`;
  if (outcome === "preexisting_failures") {
    return `The tests already failed on the base commit (${f.tests.base?.summary ?? "failed"}), before any change; the branch adds no new failure (${last?.summary ?? "failed"}). Fix those tests first.`;
  }
  if (outcome === "budget_spent") {
    return budgetSpentMessage(f.budgetUsd, f.spentUsd, f.task.lastError ?? "the budget ran out") ?? f.task.lastError ?? "The task's budget is spent.";
  }
  if (outcome === "tests_failed" && last) {
    const tried = f.task.fixAttempts === 0 ? "no fix attempts allowed" : `${f.task.fixAttempts} fix attempt(s)`;
    return `The tests fail on ${f.branch} (${last.summary}) after ${tried}.`;
  }
  if (outcome === "declined") return f.task.lastError ?? "The plan was not approved; nothing was written.";
  return f.task.lastError ?? "The task stopped.";
}
