import type { TestFailure, Usage } from "../domain/agent.js";
import type { PlanDraft } from "../domain/plan.js";
import type { TaskStatus } from "../domain/task-status.js";
import type { TestRunSummary } from "../testing/test-run.js";

export type { TestRunSummary };

/** How one agent run ended. */
export type StepResult = "succeeded" | "failed" | "unsupported";

/** How a local run ended; the command turns this into its exit code. */
export type LocalOutcome =
  | "passed"
  | "tests_failed"
  | "preexisting_failures"
  | "timed_out"
  | "no_test_command"
  /** The test command's program (pnpm, pytest, …) is not installed here: the tests never ran. */
  | "missing_tool"
  | "no_changes"
  | "unsupported"
  | "agent_failed"
  /** The task's budgetUsd is spent; a person raises it or lets the task be. */
  | "budget_spent"
  | "rejected"
  | "declined"
  /** The person stopped the run (Ctrl-C, SIGTERM, a closed pipe). */
  | "interrupted"
  | "branch_collision"
  | "bad_config";

/** Outcomes caused by what the person asked for or their repository, not by the change. */
export const BAD_INPUT_OUTCOMES: readonly LocalOutcome[] = ["unsupported", "branch_collision", "bad_config"];


export type LocalProgress =
  | { kind: "phase"; text: string }
  | { kind: "step_started"; position: number; agent: string; title: string; attempt: number }
  | { kind: "step_finished"; position: number; agent: string; title: string; attempt: number; outcome: StepResult; summary: string }
  | { kind: "tests_started"; label: string; command: string }
  | { kind: "tests_finished"; label: string; run: TestRunSummary };

export interface LocalTaskReport {
  taskId: string;
  status: TaskStatus;
  outcome: LocalOutcome;
  /** One or two sentences for the person: what happened and what to do next. */
  message: string;
  repository: string;
  base: { branch: string; sha: string };
  branch: string;
  commits: string[];
  files: { status: string; path: string }[];
  diffStat: string;
  plan?: PlanDraft | undefined;
  steps: { attempt: number; agent: string; title: string; outcome: StepResult; summary: string }[];
  tests: {
    command?: string | undefined;
    base?: TestRunSummary | undefined;
    runs: TestRunSummary[];
    /** Failures on the base commit too: not caused by the change. */
    preexisting: TestFailure[];
    fixAttempts: number;
    /** The program the test command needs and this machine lacks, so the tests could not run. */
    missingTool?: string | undefined;
  };
  documents: { id: string; kind: string; title: string; path: string | null }[];
  usage: Usage;
  /** How to look at the change. */
  diffCommand: string;
}
