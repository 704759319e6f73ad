import { pino, type Logger } from "pino";
import type { CostEstimate } from "../domain/cost-estimate.js";
import type { PlanDraft } from "../domain/plan.js";
import type { TaskEvent } from "../domain/task-event.js";
import type { TaskSpec } from "../domain/task-spec.js";
import type { Db } from "../db/database.js";
import { storePlanBase } from "../db/round-base.repository.js";
import { snapshotOf } from "../db/task-state.js";
import { getTask, updateTask } from "../db/task.repository.js";
import type { PinnedBase } from "../domain/forge.js";
import { type LocalForge, createLocalForge } from "../forge/local/local-forge.js";
import type { Provider } from "../llm/provider.js";
import { createMemoryQueue } from "../queue/memory-queue.js";
import type { Worker } from "../queue/worker.js";
import { removeStaleWorktrees } from "../testing/stale-worktrees.js";
import { applyEvent } from "../worker/apply-event.js";
import type { WorkerDeps } from "../worker/deps.js";
import { estimateTask } from "../worker/estimate-task.js";
import { buildReport } from "./build-report.js";
import { runUntilAtRest, startLocalWorker } from "./drive-task.js";
import { type LocalProviderFactory, localWorkerDeps } from "./local-deps.js";
import { type LocalPlanning, planLocalTask, recordLocalTask } from "./local-intake.js";
import type { LocalOutcome, LocalProgress, LocalTaskReport } from "./local-report.js";
import { type ProgressTerminal, createProgressTerminal } from "./local-terminal.js";
import { abandonedRuns, claimRun } from "./run-lock.js";

export type { LocalProviderFactory };

export interface LocalTaskInput {
  repoPath: string;
  spec: TaskSpec;
  /** Overrides `maxFixAttempts` of .github/archon.yml. */
  maxFixAttempts?: number | undefined;
  /** Who asked, for the task row; the local user by default. */
  requestedBy?: string | undefined;
}

export interface LocalTaskPorts {
  db: Db;
  provider: Provider | LocalProviderFactory;
  /** Shown the plan and what it may cost; false cancels the task before any agent runs. */
  approve: (plan: PlanDraft, estimate?: CostEstimate) => Promise<boolean>;
  progress?: (event: LocalProgress) => void;
  /** Whether a program is on PATH, for the test command; the real lookup by default. */
  isInstalled?: (program: string) => boolean;
  /**
   * Aborted when the person stops the run (Ctrl-C, SIGTERM, a closed pipe): the run stops its
   * tests, removes its worktrees, cancels the task with the reason and returns.
   */
  signal?: AbortSignal | undefined;
  /** Where runs leave a mark while they last, so a run after a crash finds what the crash left. */
  dataDir?: string | undefined;
  logger?: Logger | undefined;
}

/** One run: the task, its repository and base, the worker and terminal that carry it. */
interface Run {
  deps: WorkerDeps;
  worker: Worker;
  terminal: ProgressTerminal;
  forge: LocalForge;
  base: PinnedBase;
  taskId: string;
  input: LocalTaskInput;
  ports: LocalTaskPorts;
}

type Ended = { outcome: LocalOutcome; message: string };

/** Applies an event and lets the worker carry out what it asked, until the task is at rest. */
async function settle(run: Run, event: TaskEvent, options: Parameters<typeof applyEvent>[3] = {}): Promise<void> {
  await applyEvent(run.deps, run.taskId, event, options);
  await runUntilAtRest(run.deps, run.worker, run.taskId, run.ports.signal);
}

/**
 * Ends a task that cannot go on, with the reason: declined while nothing has been done yet,
 * cancelled otherwise.
 */
async function stopTask(deps: WorkerDeps, taskId: string, reason: string): Promise<void> {
  const declined = await applyEvent(deps, taskId, { type: "task_declined", reason });
  if (!declined.accepted) await applyEvent(deps, taskId, { type: "cancel_requested", reason });
}

/** Tasks a crashed run left in flight are cancelled, and the worktrees it left are removed. */
async function clearAbandoned(deps: WorkerDeps, forge: LocalForge, dataDir: string | undefined): Promise<void> {
  await removeStaleWorktrees(forge.root).catch(() => []);
  if (!dataDir) return;
  for (const taskId of await abandonedRuns(dataDir)) {
    if (!(await getTask(deps.db, taskId))) continue;
    await applyEvent(deps, taskId, { type: "cancel_requested", reason: "The run that started this task ended without finishing (the process was killed); a later run cleared what it left." });
  }
}

function providerOf(ports: LocalTaskPorts): (config: Parameters<LocalProviderFactory>[0]) => Provider {
  const { provider } = ports;
  return (config) => (typeof provider === "function" ? provider(config, config.budgetUsd) : provider);
}

/** The plan, approved, carried out: steps, commit, tests, fix rounds, until the task rests. */
async function carryOut(run: Run, planning: Extract<LocalPlanning, { ok: true }>): Promise<Ended | undefined> {
  const { deps, taskId, input, ports } = run;
  const { plan, config } = planning;
  const maxFixAttempts = input.maxFixAttempts ?? config.maxFixAttempts;
  // The person at the terminal approves (or --yes did), whatever the repository asks of GitHub tasks.
  await updateTask(deps.db, taskId, { budget_usd: config.budgetUsd ?? null, config: { ...config, requireApproval: true, maxFixAttempts } });
  const estimate = await estimateTask(deps.db, taskId, planning.provider, plan);
  await settle(run, { type: "task_created", plan, estimate }, { base: run.base });
  const approved = await Promise.race([ports.approve(plan, estimate), aborted(ports.signal)]);
  if (ports.signal?.aborted) return undefined;
  if (!approved) {
    await settle(run, { type: "cancel_requested", reason: "The plan was not approved; nothing was written." });
    return { outcome: "declined", message: "The plan was not approved; nothing was written." };
  }
  // The run starts from the commit the plan was read from, however long the approval took.
  const task = (await getTask(deps.db, taskId))!;
  await storePlanBase(deps.db, taskId, snapshotOf(task).planVersion, run.base);
  ports.progress?.({ kind: "phase", text: `Running ${plan.steps.length} step(s) with the ${planning.provider.name} provider` });
  await settle(run, { type: "plan_approved" });
  return undefined;
}

function aborted(signal: AbortSignal | undefined): Promise<false> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve(false);
    signal.addEventListener("abort", () => resolve(false), { once: true });
  });
}

async function moveTask(run: Run): Promise<{ plan?: PlanDraft; ended?: Ended }> {
  const { forge, base, taskId, input, ports } = run;
  ports.progress?.({ kind: "phase", text: `Reading ${forge.root} at ${await forge.defaultBranch()} (${base.commit.slice(0, 7)})` });
  const branch = `archon/task-${taskId}`;
  const planning = await planLocalTask({ forge, base, branch, spec: input.spec, provider: providerOf(ports) });
  if (!planning.ok) {
    const problems = (planning.problems ?? []).map((message) => ({ path: "", message }));
    const event: TaskEvent = planning.outcome === "bad_config" ? { type: "config_invalid", problems } : { type: "task_declined", reason: planning.reason };
    await settle(run, event);
    return { ended: { outcome: planning.outcome, message: planning.reason } };
  }
  return { plan: planning.plan, ended: await carryOut(run, planning) };
}

/** After Ctrl-C: the worker's jobs stopped (test runs killed, worktrees removed), the task cancelled. */
async function interrupt(run: Run): Promise<Ended> {
  const reason = String(run.ports.signal?.reason ?? "interrupted");
  await run.worker.stop();
  await waitIdle(run.worker);
  const deps = run.deps;
  await applyEvent(deps, run.taskId, { type: "cancel_requested", reason: `Stopped: ${reason}.` });
  // What the cancellation asks (the status shown) runs on a worker of its own.
  const after = startLocalWorker(deps);
  await runUntilAtRest(deps, after, run.taskId);
  await after.stop();
  return { outcome: "interrupted", message: `Stopped: ${reason}. The task is cancelled.` };
}

async function waitIdle(worker: Worker): Promise<void> {
  for (let waited = 0; worker.running() > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

/**
 * `archon run` on a git repository of this machine, through the same state machine and command
 * handlers as GitHub mode: the task is recorded and planned, the plan approved at the terminal,
 * and the in-process worker carries out the commands with the local forge (the terminal for the
 * status comment, `archon/task-<id>` for the pull request, a test run here for CI) until the task
 * rests. The person's checkout, index and current branch are left alone. Throws LocalForgeError
 * before recording anything when the path is not a usable repository.
 */
export async function runLocalTask(input: LocalTaskInput, ports: LocalTaskPorts): Promise<LocalTaskReport> {
  const forge = await createLocalForge(input.repoPath);
  const baseBranch = await forge.defaultBranch();
  const base = (await forge.pin("HEAD"))!;
  const terminal = createProgressTerminal(ports.progress ?? (() => undefined));
  const queue = createMemoryQueue();
  const logger = ports.logger ?? pino({ level: "silent" });
  const deps = localWorkerDeps({ db: ports.db, queue, logger, provider: ports.provider, terminal, isInstalled: ports.isInstalled, signal: ports.signal });
  await clearAbandoned(deps, forge, ports.dataDir);
  const task = await recordLocalTask(ports.db, forge, input.spec, input.requestedBy);
  const taskId = String(task.id);
  await updateTask(ports.db, taskId, { branch: `archon/task-${taskId}` });
  const release = ports.dataDir ? await claimRun(ports.dataDir, taskId) : async () => undefined;
  const run: Run = { deps, worker: startLocalWorker(deps), terminal, forge, base, taskId, input, ports };
  try {
    const moved = await moveTask(run);
    const ended = ports.signal?.aborted ? await interrupt(run) : moved.ended;
    return await buildReport({ db: ports.db, forge, taskId, base: { branch: baseBranch, sha: base.commit }, plan: moved.plan, seen: terminal.seen(), ended });
  } catch (error) {
    // Whatever breaks here (git, the database, a bug) ends the task with the reason, never stuck.
    await stopTask(deps, taskId, error instanceof Error ? error.message : String(error)).catch(() => undefined);
    throw error;
  } finally {
    await run.worker.stop();
    await release();
    await queue.close();
  }
}
