import type { Agent, KnowledgeHit } from "../agents/agent.js";
import type { PlanDraft, RepositoryFacts } from "../archon/plan.js";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { TaskSpec } from "../archon/task-spec.js";
import type { Db } from "../db/database.js";
import { recordCiResult, updateTask } from "../db/task.repository.js";
import type { AgentName, PlanStep, TaskStatus } from "../db/task.table.js";
import type { LocalForge } from "../forge/local/local-forge.js";
import { type GuardrailRules, checkChanges } from "../guardrails/index.js";
import type { Provider } from "../llm/provider.js";
import { runPlan } from "../pipeline/run-plan.js";
import { chooseTestCommand } from "../testing/choose-test-command.js";
import { findMissingProgram } from "../testing/find-missing-program.js";
import { runTestsAt } from "../testing/run-tests-at.js";
import { budgetSpentMessage } from "./budget-spent.js";
import { ARCHON_AUTHOR, fixCommitMessage } from "./commit-message.js";
import { splitFailures } from "./compare-failures.js";
import type { LocalOutcome, LocalProgress, LocalTaskReport, TestRunSummary } from "./local-report.js";
import { missingToolMessage } from "./missing-tool-message.js";
import { recordSteps } from "./record-steps.js";
import { failuresOf, summariseRun } from "./summarise-run.js";

export interface TestAndFixInput {
  db: Db;
  forge: LocalForge;
  provider: Provider;
  agents: Record<AgentName, Agent>;
  knowledge: KnowledgeHit[];
  taskId: string;
  spec: TaskSpec;
  plan: PlanDraft;
  planSteps: PlanStep[];
  facts: RepositoryFacts;
  rules: Partial<GuardrailRules>;
  baseSha: string;
  branch: string;
  headSha: string;
  config: RepoConfig;
  maxFixAttempts: number;
  /** Filled in as the tests run. */
  report: LocalTaskReport;
  progress: (event: LocalProgress) => void;
  /** Whether a program is on PATH; the real lookup unless a test gives its own. */
  isInstalled?: ((program: string) => boolean) | undefined;
  /** Aborted when the person stops the run: the tests running are stopped and no fix is attempted. */
  signal?: AbortSignal | undefined;
}

/** A stopped run is recorded as cancelled, never as failing tests. */
const CONCLUSIONS: Record<TestRunSummary["status"], string> = {
  passed: "success",
  failed: "failure",
  not_started: "failure",
  timed_out: "timed_out",
  interrupted: "cancelled",
};

export interface TestAndFixResult {
  status: TaskStatus;
  outcome: LocalOutcome;
  message: string;
}

/**
 * Runs the tests on the base commit, then on the branch; new failures go back to the agents as
 * context, a commit per attempt, until the tests pass or the attempts run out. Failures the base
 * commit had already are reported as such and never blamed on the change, and a test command
 * whose program is not installed is named as such, never reported as failing tests.
 */
export async function testAndFix(input: TestAndFixInput): Promise<TestAndFixResult> {
  const { db, forge, taskId, report, progress } = input;
  const timeoutSeconds = input.config.testTimeoutSeconds;
  const choice = await chooseTestCommand(await forge.view(input.baseSha), input.config.testCommand, input.facts.testCommand);
  if (!choice) {
    return {
      status: "needs_attention",
      outcome: "no_test_command",
      message: `The change is committed on ${input.branch}, but no test command was found: set testCommand in .github/archon.yml or a test script in package.json.`,
    };
  }
  const command = choice.command;
  report.tests.command = command;
  const missingTool = (program: string, baseSummary?: string): TestAndFixResult => {
    report.tests.missingTool = program;
    const message = missingToolMessage({ program, command, branch: input.branch, packageManager: input.facts.packageManager, baseSummary });
    return { status: "needs_attention", outcome: "missing_tool", message };
  };
  const absent = findMissingProgram(command, input.isInstalled);
  if (absent) {
    progress({ kind: "phase", text: `\`${absent}\` is not on PATH, so \`${command}\` cannot run` });
    return missingTool(absent);
  }
  await updateTask(db, taskId, { status: "ci_running" });

  async function test(label: string, externalId: string, sha: string): Promise<TestRunSummary> {
    progress({ kind: "tests_started", label, command });
    const run = summariseRun(sha, await runTestsAt({ repoRoot: forge.root, ref: sha, command, timeoutSeconds, signal: input.signal }));
    await recordCiResult(db, {
      taskId,
      headSha: sha,
      source: "local",
      externalId,
      conclusion: CONCLUSIONS[run.status],
      passed: run.passed,
      failed: run.failed,
      skipped: run.skipped,
      failures: run.failures,
    });
    progress({ kind: "tests_finished", label, run });
    return run;
  }

  const stopped = (): TestAndFixResult => ({ status: "cancelled", outcome: "interrupted", message: `Stopped: ${String(input.signal?.reason ?? "interrupted")}.` });
  const base = await test("base commit", `base-${input.baseSha}`, input.baseSha);
  report.tests.base = base;
  if (base.status === "interrupted") return stopped();
  if (base.status === "not_started") return missingTool(base.missingProgram ?? command);
  if (base.status === "timed_out") {
    return {
      status: "failed",
      outcome: "timed_out",
      message: `The test command \`${command}\` timed out after ${timeoutSeconds} s on the base commit, before any change; the tests were not run on ${input.branch}. Make the tests finish, or raise testTimeoutSeconds in .github/archon.yml.`,
    };
  }

  let head = input.headSha;
  // Fix attempts rerun the steps that write code and tests; the docs stand.
  const fixSteps = input.plan.steps.filter((s) => s.agent !== "DocumentationAgent");
  for (let attempt = 0; ; attempt++) {
    const run = await test(attempt === 0 ? input.branch : `${input.branch} after fix ${attempt}`, `attempt-${attempt}`, head);
    report.tests.runs.push(run);
    if (run.status === "interrupted") return stopped();
    if (run.status === "not_started") return missingTool(run.missingProgram ?? command, base.summary);
    if (run.status === "passed") {
      return { status: "done", outcome: "passed", message: `The tests pass on ${input.branch} (${run.summary}). Review the change, then merge it.` };
    }
    if (run.status === "timed_out") {
      return { status: "failed", outcome: "timed_out", message: `The test command \`${command}\` timed out after ${timeoutSeconds} s on ${input.branch}; it finished on the base commit.` };
    }
    const split = base.status === "failed" ? splitFailures(run.failures, base.failures) : { preexisting: [], introduced: run.failures };
    report.tests.preexisting = split.preexisting;
    if (base.status === "failed" && split.introduced.length === 0) {
      return {
        status: "needs_attention",
        outcome: "preexisting_failures",
        message: `The tests already failed on the base commit (${base.summary}), before any change; the branch adds no new failure (${run.summary}). Fix those tests first.`,
      };
    }
    if (attempt >= input.maxFixAttempts || fixSteps.length === 0) {
      const tried = attempt === 0 ? "no fix attempts allowed" : `${attempt} fix attempt(s)`;
      return { status: "failed", outcome: "tests_failed", message: `The tests fail on ${input.branch} (${run.summary}) after ${tried}.` };
    }
    const failures = split.introduced.length > 0 ? split.introduced : failuresOf(run);
    const next = attempt + 1;
    report.tests.fixAttempts = next;
    await updateTask(db, taskId, { status: "fixing", fix_attempts: next });
    progress({ kind: "phase", text: `Fix attempt ${next} of ${input.maxFixAttempts}: ${failures.length} failing test(s)` });
    const fixed = await runPlan({
      agents: input.agents,
      steps: fixSteps,
      task: input.spec,
      facts: input.facts,
      repo: await forge.view(head),
      knowledge: input.knowledge,
      fix: { attempt: next, failures, requests: [] },
      ...recordSteps(db, taskId, input.planSteps, input.provider, next, progress),
    });
    report.usage = {
      tokensIn: report.usage.tokensIn + fixed.usage.tokensIn,
      tokensOut: report.usage.tokensOut + fixed.usage.tokensOut,
      costUsd: report.usage.costUsd + fixed.usage.costUsd,
    };
    for (const s of fixed.steps) {
      report.steps.push({ attempt: next, agent: s.step.agent, title: s.step.title, outcome: s.outcome, summary: s.outcome === "succeeded" ? s.report.summary : s.reason });
    }
    if (!fixed.ok) {
      const spent = budgetSpentMessage(input.config.budgetUsd, report.usage.costUsd, `fix attempt ${next} stopped at the ${fixed.failure!.step.agent}`);
      if (spent) return { status: "needs_attention", outcome: "budget_spent", message: `The tests fail on ${input.branch} (${run.summary}). ${spent}` };
      return { status: "failed", outcome: "tests_failed", message: `The tests fail on ${input.branch} (${run.summary}); fix attempt ${next} stopped: ${fixed.failure!.reason}` };
    }
    const checked = checkChanges(fixed.changes, input.rules);
    if (!checked.ok) return { status: "failed", outcome: "rejected", message: `The guardrails refused fix attempt ${next}: ${checked.violations.map((v) => v.message).join(" ")}` };
    const commit = await forge.commit({
      branch: input.branch,
      base: head,
      message: fixCommitMessage(taskId, next, failures),
      changes: checked.changes,
      author: ARCHON_AUTHOR,
    });
    if (!commit.created) {
      return { status: "failed", outcome: "tests_failed", message: `The tests fail on ${input.branch} (${run.summary}); fix attempt ${next} changed nothing, so Archon stopped.` };
    }
    head = commit.sha;
    report.commits.push(head);
    await updateTask(db, taskId, { head_sha: head });
  }
}
