import type { TestFailure } from "../domain/agent.js";
import type { CiUnavailableReason } from "../domain/task-event.js";
import type { RepositoryFacts } from "../domain/plan.js";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import { getRepository } from "../db/installation.repository.js";
import { pinnedBase, roundBaseKey } from "../db/round-base.repository.js";
import { configOf, snapshotOf } from "../db/task-state.js";
import { getTask } from "../db/task.repository.js";
import { findCiResult, listCiResults, recordCiResult } from "../db/ci-result.repository.js";
import type { Task } from "../db/task.table.js";
import { localBranch } from "../forge/local/commit-round.js";
import { type LocalForge, createLocalForge } from "../forge/local/local-forge.js";
import type { LocalCiJobPayload } from "../forge/local/local-task-forge.js";
import { detectFacts } from "../repo/detect-facts.js";
import { chooseTestCommand } from "../testing/choose-test-command.js";
import { splitFailures } from "../testing/compare-failures.js";
import { findMissingProgram } from "../testing/find-missing-program.js";
import { missingToolMessage } from "../testing/missing-tool-message.js";
import { runTestsAt } from "../testing/run-tests-at.js";
import { failuresOf, summariseRun } from "../testing/summarise-run.js";
import type { TestRunSummary } from "../testing/test-run.js";
import { applyEvent } from "./apply-event.js";
import { ciCompletedEvent } from "./ci-result-event.js";
import type { WorkerDeps } from "./deps.js";

/** One local CI run: the task, its repository, the test command and the commits it compares. */
interface LocalCi {
  deps: WorkerDeps;
  task: Task;
  forge: LocalForge;
  config: RepoConfig;
  command: string;
  base: string;
  head: string;
  packageManager: RepositoryFacts["packageManager"];
  signal?: AbortSignal | undefined;
}

/** What the base commit's run left to go on: its failures and how it went, or why CI stops there. */
interface BaseResult {
  failures: TestFailure[];
  summary: string;
  stop?: [CiUnavailableReason, string] | undefined;
}

const CONCLUSION = { passed: "success", timed_out: "timed_out" } as const;

/** Runs the tests at `sha` and records the result as a CI result of the task's. */
async function testAt(ci: LocalCi, label: string, sha: string, externalId: string, failuresFrom: (run: TestRunSummary) => unknown[]) {
  const { deps, task, command } = ci;
  deps.terminal?.tests({ kind: "tests_started", label, command });
  const raw = await runTestsAt({ repoRoot: ci.forge.root, ref: sha, command, timeoutSeconds: ci.config.testTimeoutSeconds, signal: ci.signal });
  const run = summariseRun(sha, raw);
  if (run.status === "interrupted") return { run, row: undefined };
  const conclusion = run.status === "passed" || run.status === "timed_out" ? CONCLUSION[run.status] : "failure";
  const { result } = await recordCiResult(deps.db, {
    taskId: task.id, headSha: sha, source: "local", externalId, conclusion, passed: run.passed, failed: run.failed, skipped: run.skipped, failures: failuresFrom(run),
  });
  deps.terminal?.tests({ kind: "tests_finished", label, run });
  return { run, row: result };
}

/** The base commit's failures: recorded once per task and base, since later rounds share the base. */
async function baseResult(ci: LocalCi): Promise<BaseResult | undefined> {
  const known = await findCiResult(ci.deps.db, ci.task.id, "local", `base-${ci.base}`);
  if (known && known.conclusion !== "timed_out") return { failures: known.failures as TestFailure[], summary: `${known.passed} passed, ${known.failed} failed` };
  const { run } = await testAt(ci, "base commit", ci.base, `base-${ci.base}`, (r) => r.failures);
  const branch = localBranch(ci.task);
  if (run.status === "interrupted") return undefined;
  if (run.status === "not_started") {
    return { failures: [], summary: run.summary, stop: ["missing_tool", message(ci, run.missingProgram ?? ci.command)] };
  }
  if (run.status === "timed_out") {
    const text = `The test command \`${ci.command}\` timed out after ${ci.config.testTimeoutSeconds} s on the base commit, before any change; the tests were not run on ${branch}. Make the tests finish, or raise testTimeoutSeconds in .github/archon.yml.`;
    return { failures: [], summary: run.summary, stop: ["tests_timed_out", text] };
  }
  return { failures: run.failures, summary: run.summary };
}

function message(ci: LocalCi, program: string, baseSummary?: string): string {
  return missingToolMessage({ program, command: ci.command, branch: localBranch(ci.task), packageManager: ci.packageManager, baseSummary });
}

/** `attempt-N` for the Nth head tested (from 0); a head tested before keeps its id. */
async function attemptId(ci: LocalCi): Promise<string> {
  const rows = (await listCiResults(ci.deps.db, ci.task.id)).filter((r) => r.source === "local" && !r.external_id.startsWith("base-"));
  return rows.find((r) => r.head_sha === ci.head)?.external_id ?? `attempt-${rows.length}`;
}

/** Tests the head against the base and says what CI would: completed, or unable to judge. */
async function judge(ci: LocalCi): Promise<void> {
  const { deps, task, head } = ci;
  const id = String(task.id);
  const unavailable = (reason: CiUnavailableReason, text: string) => applyEvent(deps, id, { type: "ci_unavailable", headSha: head, reason, message: text });
  await applyEvent(deps, id, { type: "ci_started", headSha: head });
  const base = await baseResult(ci);
  if (!base) return;
  if (base.stop) return void (await unavailable(...base.stop));
  // Failures the base commit has too are kept, flagged: they are not the change's to fix.
  const flagged = (run: TestRunSummary) => {
    const { preexisting } = splitFailures(run.failures, base.failures);
    return failuresOf(run).map((f) => (preexisting.includes(f) ? { ...f, preExisting: true } : f));
  };
  const { run, row } = await testAt(ci, `${localBranch(task)} at ${head.slice(0, 7)}`, head, await attemptId(ci), (r) => (r.status === "failed" ? flagged(r) : []));
  if (!row) return;
  if (run.status === "not_started") return void (await unavailable("missing_tool", message(ci, run.missingProgram ?? ci.command, base.summary)));
  if (run.status === "timed_out") {
    return void (await unavailable("tests_timed_out", `The test command \`${ci.command}\` timed out after ${ci.config.testTimeoutSeconds} s on ${localBranch(task)}; it finished on the base commit.`));
  }
  await applyEvent(deps, id, ciCompletedEvent(row));
}

/**
 * CI for a task on this machine: the repository's test command on the task's base commit and on
 * its head, each in a throwaway worktree. What it finds goes to the state machine as GitHub's CI
 * would: started, then completed (red only with failures the base commit does not have), or
 * unavailable when no test command is found, its program is missing or it does not finish.
 */
export async function runLocalCi(deps: WorkerDeps, payload: LocalCiJobPayload, signal?: AbortSignal): Promise<void> {
  const task = await getTask(deps.db, payload.taskId);
  const repo = task && (await getRepository(deps.db, task.repository_id));
  if (!task || !repo?.local_path || snapshotOf(task).headSha !== payload.headSha) return;
  const forge = await createLocalForge(repo.local_path);
  const snapshot = snapshotOf(task);
  const pinned = await pinnedBase(deps.db, roundBaseKey(task.id, snapshot.planVersion, null));
  const base = pinned?.commit ?? (await forge.resolve(repo.default_branch));
  if (!base) throw new Error(`the base of task ${task.id} is gone from ${forge.root}`);
  const config = configOf(task);
  const view = await forge.view(base);
  const facts = await detectFacts(view);
  const choice = await chooseTestCommand(view, config.testCommand, facts.testCommand);
  const id = String(task.id);
  const branch = localBranch(task);
  if (!choice) {
    const text = `The change is committed on ${branch}, but no test command was found: set testCommand in .github/archon.yml or a test script in package.json.`;
    return void (await applyEvent(deps, id, { type: "ci_unavailable", headSha: payload.headSha, reason: "no_test_command", message: text }));
  }
  const ci: LocalCi = { deps, task, forge, config, command: choice.command, base, head: payload.headSha, packageManager: facts.packageManager, signal };
  const absent = findMissingProgram(choice.command, deps.isInstalled);
  if (absent) deps.terminal?.tests({ kind: "tests_not_run", command: choice.command, missingProgram: absent });
  if (absent) return void (await applyEvent(deps, id, { type: "ci_unavailable", headSha: payload.headSha, reason: "missing_tool", message: message(ci, absent) }));
  await judge(ci);
}
