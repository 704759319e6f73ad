import type { AgentReport, Usage } from "../domain/agent.js";
import type { FileChange } from "../domain/forge.js";
import type { Executor } from "./database.js";
import type { RunnerReport } from "./runner-report.table.js";

export interface RunnerReportInput {
  taskId: string | number;
  runKey: string;
  changes: FileChange[];
  report: AgentReport;
  usage: Usage;
  tests?: { passed: number; failed: number; outputTail: string } | undefined;
}

/** Stores the attempt's report unless one is there already; true when this one was the first. */
export async function insertRunnerReportOnce(ex: Executor, input: RunnerReportInput): Promise<boolean> {
  const { usage, tests } = input;
  const row = await ex
    .insertInto("runner_reports")
    .values({
      task_id: input.taskId,
      run_key: input.runKey,
      changes: JSON.stringify(input.changes),
      report: JSON.stringify(input.report),
      usage: JSON.stringify({ tokens_in: usage.tokensIn, tokens_out: usage.tokensOut, cost_usd: usage.costUsd }),
      tests: tests ? JSON.stringify({ passed: tests.passed, failed: tests.failed, output_tail: tests.outputTail }) : null,
    })
    .onConflict((oc) => oc.column("run_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function findRunnerReport(ex: Executor, runKey: string): Promise<RunnerReport | undefined> {
  return ex.selectFrom("runner_reports").selectAll().where("run_key", "=", runKey).executeTakeFirst();
}
