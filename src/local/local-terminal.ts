import type { StepSnapshot, TaskSnapshot } from "../domain/task-snapshot.js";
import type { TaskStatus } from "../domain/task-status.js";
import { snapshotOf } from "../db/task-state.js";
import type { LocalTerminal, LocalTestsEvent } from "../forge/local/terminal.js";
import type { LocalProgress } from "./local-report.js";

/** What a run's terminal saw of the tests, for the closing report. */
export interface SeenTests {
  command?: string | undefined;
  events: LocalTestsEvent[];
}

export interface ProgressTerminal extends LocalTerminal {
  readonly tests: LocalTerminal["tests"];
  /** The test runs the terminal was shown, in order. */
  seen(): SeenTests;
}

function stepEvents(before: StepSnapshot | undefined, step: StepSnapshot): LocalProgress[] {
  if (before?.status === step.status && before.attempt === step.attempt) return [];
  const at = { position: step.position, agent: step.agent, title: step.title, attempt: Math.max(0, step.attempt - 1) };
  if (step.status === "running") return [{ kind: "step_started", ...at }];
  if (step.status === "succeeded") return [{ kind: "step_finished", ...at, outcome: "succeeded", summary: step.summary ?? "" }];
  if (step.status === "failed") return [{ kind: "step_finished", ...at, outcome: "failed", summary: step.error ?? "" }];
  return [];
}

/** What a status is worth saying on a terminal; the others show in the steps and tests. */
const LOCAL_WORDS: Partial<Record<TaskStatus, (task: TaskSnapshot) => string>> = {
  awaiting_approval: () => "Plan made, waiting for approval",
  pr_open: (task) => `Committed ${task.headSha?.slice(0, 7) ?? ""} on the task's branch`,
  fixing: (task) => `Fix attempt ${task.fixAttempts} of ${task.maxFixAttempts}: ${task.lastFailures.length} failing test(s)`,
};

/** The lines a new state of the task is worth: steps that moved, and the status when it changed. */
function changes(before: TaskSnapshot | undefined, now: TaskSnapshot): LocalProgress[] {
  const events = now.steps.flatMap((step) => stepEvents(before?.steps.find((s) => s.position === step.position), step));
  const words = LOCAL_WORDS[now.status];
  if (before?.status !== now.status && words) events.push({ kind: "phase", text: words(now) });
  return events;
}

/**
 * The terminal of `archon run`: each state of the task the state machine shows it becomes the
 * progress lines of what changed since the last (steps started and finished, the status), and
 * test runs are shown as they start and finish.
 */
export function createProgressTerminal(progress: (event: LocalProgress) => void): ProgressTerminal {
  const shown = new Map<string, TaskSnapshot>();
  const seen: SeenTests = { events: [] };
  return {
    showTask(task) {
      const now = snapshotOf(task);
      // Status jobs may run out of order; an older state than the one shown says nothing new.
      const before = shown.get(now.id);
      if (before && before.revision >= now.revision) return;
      shown.set(now.id, now);
      for (const event of changes(before, now)) progress(event);
    },
    say(text) {
      progress({ kind: "phase", text });
    },
    tests(event) {
      seen.events.push(event);
      if (event.kind !== "tests_finished") seen.command = event.command;
      if (event.kind !== "tests_not_run") progress(event);
    },
    seen: () => seen,
  };
}
