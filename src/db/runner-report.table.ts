import type { ColumnType, Generated, JSONColumnType, Selectable } from "kysely";

/** What a runner's tokens and spend came to, as stored. */
export interface StoredUsage {
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
}

/** The runner's own test run, when it ran one; the output's tail only. */
export interface StoredTests {
  passed: number;
  failed: number;
  output_tail: string;
}

/** One agent attempt's report from the target repository's Actions runner; one row per run key. */
export interface RunnerReportTable {
  id: Generated<string>;
  task_id: string | number;
  /** The attempt: `task-12/plan-1/step-3/attempt-2` (src/auth/runner-token.ts). */
  run_key: string;
  received_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** FileChange[] with normalised paths, as the guardrails passed them. */
  changes: JSONColumnType<Record<string, unknown>[], string, string>;
  /** The AgentReport. */
  report: JSONColumnType<Record<string, unknown>, string, string>;
  usage: JSONColumnType<StoredUsage, string, string>;
  tests: JSONColumnType<StoredTests | null, string | null | undefined, string | null>;
}
export type RunnerReport = Selectable<RunnerReportTable>;
