import { listDocumentsOfTask } from "../db/document.repository.js";
import type { TestFailure } from "../domain/agent.js";
import type { PlanDraft } from "../domain/plan.js";
import { listAgentRuns } from "../db/agent-run.repository.js";
import { listCiResults } from "../db/ci-result.repository.js";
import type { Db } from "../db/database.js";
import { snapshotOf } from "../db/task-state.js";
import { getTask } from "../db/task.repository.js";
import { git } from "../repo/git.js";
import type { LocalForge } from "../forge/local/local-forge.js";
import type { TestRunSummary } from "../testing/test-run.js";
import type { SeenTests } from "./local-terminal.js";
import type { LocalOutcome, LocalTaskReport, StepResult } from "./local-report.js";
import { messageOf, outcomeOf } from "./local-outcome.js";

export interface ReportInput {
  db: Db;
  forge: LocalForge;
  taskId: string;
  base: { branch: string; sha: string };
  plan?: PlanDraft | undefined;
  seen: SeenTests;
  /** Set when the run ended before the state machine had a say (a decline, an interruption). */
  ended?: { outcome: LocalOutcome; message: string } | undefined;
}

function testsOf(seen: SeenTests, preexisting: TestFailure[], fixAttempts: number): LocalTaskReport["tests"] {
  const runs: TestRunSummary[] = [];
  let base: TestRunSummary | undefined;
  let missingTool: string | undefined;
  for (const event of seen.events) {
    if (event.kind === "tests_not_run") missingTool = event.missingProgram;
    if (event.kind !== "tests_finished") continue;
    if (event.label === "base commit") base = event.run;
    else runs.push(event.run);
    if (event.run.status === "not_started") missingTool = event.run.missingProgram;
  }
  return { command: seen.command, base, runs, preexisting, fixAttempts, ...(missingTool ? { missingTool } : {}) };
}

/** Failures of the last head the tests ran on that the base commit has as well. */
async function preexistingOf(db: Db, taskId: string): Promise<TestFailure[]> {
  const heads = (await listCiResults(db, taskId)).filter((r) => r.source === "local" && !r.external_id.startsWith("base-"));
  const failures = (heads.at(-1)?.failures ?? []) as (TestFailure & { preExisting?: boolean })[];
  return failures.filter((f) => f.preExisting === true).map(({ preExisting: _, ...f }) => f);
}

async function commitsOf(forge: LocalForge, base: string, branch: string): Promise<string[]> {
  if (!(await forge.resolve(`refs/heads/${branch}`))) return [];
  const out = await git(forge.root, ["rev-list", "--reverse", `${base}..refs/heads/${branch}`]);
  return out.split("\n").filter((l) => l !== "");
}

async function documentsOf(db: Db, taskId: string): Promise<LocalTaskReport["documents"]> {
  const rows = await listDocumentsOfTask(db, taskId);
  return rows.map((r) => ({ id: String(r.id), kind: r.kind, title: r.title, path: r.path }));
}

async function stepsAndUsage(db: Db, taskId: string, plan: PlanDraft | undefined) {
  const runs = await listAgentRuns(db, taskId);
  const title = (agent: string) => plan?.steps.find((s) => s.agent === agent)?.title ?? agent;
  const steps = runs.map((r) => ({
    attempt: Math.max(0, r.attempt - 1),
    agent: r.agent,
    title: title(r.agent),
    outcome: (r.outcome ?? "failed") as StepResult,
    summary: r.outcome === "succeeded" ? r.summary : (r.error ?? ""),
  }));
  const sum = (pick: (r: (typeof runs)[number]) => number | string) => runs.reduce((n, r) => n + Number(pick(r)), 0);
  return { steps, usage: { tokensIn: sum((r) => r.tokens_in), tokensOut: sum((r) => r.tokens_out), costUsd: sum((r) => r.cost_usd) } };
}

/** `archon run`'s report, read back from what the task recorded: its row, runs, CI results and docs. */
export async function buildReport(input: ReportInput): Promise<LocalTaskReport> {
  const { db, forge, taskId } = input;
  const row = (await getTask(db, taskId))!;
  const task = snapshotOf(row);
  const branch = row.branch ?? `archon/task-${taskId}`;
  const tests = testsOf(input.seen, await preexistingOf(db, taskId), task.fixAttempts);
  const commits = await commitsOf(forge, input.base.sha, branch);
  const diff = commits.length > 0 ? await forge.diff(input.base.sha, branch) : undefined;
  const { steps, usage } = await stepsAndUsage(db, taskId, input.plan);
  const outcome = input.ended?.outcome ?? outcomeOf(task, tests);
  const budgetUsd = row.budget_usd === null ? undefined : Number(row.budget_usd);
  const message = input.ended?.message ?? messageOf(outcome, { task, tests, branch, budgetUsd, spentUsd: Number(row.spent_usd) });
  return {
    taskId,
    status: row.status,
    outcome,
    message,
    repository: forge.root,
    base: input.base,
    branch,
    commits,
    files: diff?.files ?? [],
    diffStat: diff?.stat ?? "",
    plan: input.plan,
    steps,
    tests,
    documents: await documentsOf(db, taskId),
    usage,
    diffCommand: `git -C ${JSON.stringify(forge.root)} diff ${input.base.sha.slice(0, 12)}...${branch}`,
  };
}
