import type { Task } from "../../db/task.table.js";
import type { TestRunSummary } from "../../testing/test-run.js";

/** A test run on this machine, as the terminal shows it. */
export type LocalTestsEvent =
  | { kind: "tests_started"; label: string; command: string }
  | { kind: "tests_finished"; label: string; run: TestRunSummary }
  /** The command could not run at all: a program it starts is not on PATH. */
  | { kind: "tests_not_run"; command: string; missingProgram: string };

/**
 * Where a local task shows itself instead of a status comment: the terminal `archon run` was
 * started from. Without one (a worker of `archon serve` running a local task) nothing is shown.
 */
export interface LocalTerminal {
  /** The task as it now stands; the terminal shows what changed since it last showed it. */
  showTask(task: Task): void;
  /** A line for the person: a reply to a command, a note. */
  say(text: string): void;
  tests(event: LocalTestsEvent): void;
}
