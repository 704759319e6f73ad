import type { TestFailure } from "../domain/agent.js";

export type TestRunner = "jest" | "vitest" | "node:test" | "mocha" | "pytest";

/** Counts and failures read from a test command's output. */
export interface ParsedTestOutput {
  runner: TestRunner;
  passed: number;
  failed: number;
  skipped: number;
  failures: TestFailure[];
}

/**
 * `not_started`: the command could not find a program it runs, so no test ran. `interrupted`: the
 * person stopped the run (Ctrl-C, SIGTERM) while the command ran; what it printed says nothing.
 */
export type TestRunStatus = "passed" | "failed" | "timed_out" | "not_started" | "interrupted";

/** One run of a repository's test command. */
export interface TestRun {
  command: string;
  status: TestRunStatus;
  exitCode: number | null;
  /** What a person reads: "12 passed, 1 failed", "timed out after 600 s". */
  summary: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: TestFailure[];
  /** The end of the combined stdout and stderr (the start is dropped past the limit). */
  output: string;
  /** True when the start of the output was dropped. */
  truncated: boolean;
  /** The program the command could not find (status `not_started`), e.g. "pnpm". */
  missingProgram?: string | undefined;
}

/** What a person and the database keep of a run: its counts, failures and the end of its output. */
export interface TestRunSummary {
  sha: string;
  status: TestRunStatus;
  summary: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: TestFailure[];
  /** The end of the output, for a person to read when nothing could be parsed. */
  outputTail: string;
  /** The program the command could not find (status `not_started`). */
  missingProgram?: string | undefined;
}
