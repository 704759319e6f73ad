import { sql } from "kysely";
import type { AgentInput } from "../agents/agent.js";
import { createAgents } from "../agents/create-agents.js";
import type { PlannedStep, RepositoryFacts } from "../archon/plan.js";
import type { Command } from "../archon/task-command.js";
import type { TaskEvent } from "../archon/task-event.js";
import { TaskSpec } from "../archon/task-spec.js";
import type { Db } from "../db/database.js";
import { getRepository } from "../db/installation.repository.js";
import type { Task } from "../db/task.table.js";
import { finishAgentRun, startAgentRun } from "../db/task.repository.js";
import type { FileChange } from "../forge/forge.js";
import type { GitHubForge } from "../github/github-forge.js";
import type { GitHubRepoView } from "../github/github-view.js";
import { addDocument } from "../kb/add-document.js";
import { mergeChanges } from "../pipeline/merge-changes.js";
import { detectFacts } from "../repo/detect-facts.js";
import type { WorkerDeps } from "./deps.js";
import { knowledgeForTask } from "./knowledge-context.js";
import { roundBase, roundBaseKey } from "./round-base.js";
import { configOf, snapshotOf } from "./task-state.js";

type RunStep = Extract<Command, { type: "run_step" }>;

export interface StoredRun {
  planVersion: number;
  position: number;
  changes: FileChange[];
  /**
   * Git modes, in the tree the step read, of its changed paths that are not regular files there
   * (executables, symlinks), so the commit keeps them whichever worker makes it.
   */
  modes?: Record<string, string>;
}

export interface RoundChanges {
  changes: FileChange[];
  /** Modes of the changed paths that are not regular files; undefined when a run did not record them. */
  modes: Record<string, string> | undefined;
}

/** Changes of the latest successful run of each step of this plan version, in plan order. */
export async function collectChanges(db: Db, taskId: string | number, planVersion: number, positions: number[]): Promise<FileChange[]> {
  return (await collectRound(db, taskId, planVersion, positions)).changes;
}

/** Like collectChanges, with the modes the runs recorded for the paths they changed. */
export async function collectRound(db: Db, taskId: string | number, planVersion: number, positions: number[]): Promise<RoundChanges> {
  const runs = await db
    .selectFrom("agent_runs")
    .select(["id", "report"])
    .where("task_id", "=", String(taskId))
    .where("outcome", "=", "succeeded")
    .orderBy("id", "desc")
    .execute();
  let changes: FileChange[] = [];
  let modes: Record<string, string> | undefined = {};
  for (const position of positions) {
    const run = runs.find((r) => {
      const rep = r.report as Partial<StoredRun>;
      return rep.planVersion === planVersion && rep.position === position;
    });
    if (!run) continue;
    const stored = run.report as unknown as StoredRun;
    changes = mergeChanges(changes, stored.changes ?? []);
    modes = modes === undefined || stored.modes === undefined ? undefined : { ...modes, ...stored.modes };
  }
  return { changes, modes };
}

/** The modes in `view` of the changed paths that are not regular files. */
function specialModes(view: GitHubRepoView, changes: FileChange[]): Record<string, string> {
  const modes: Record<string, string> = {};
  for (const change of changes) {
    const mode = view.mode(change.path);
    if (change.action !== "delete" && mode !== undefined && mode !== "100644") modes[change.path] = mode;
  }
  return modes;
}

/**
 * One plan step: read the repository (the branch when a fix builds on it), run the step's agent
 * over the configured provider, record the agent run with its changes, and say how it went.
 */
export async function runStep(deps: WorkerDeps, task: Task, forge: GitHubForge, command: RunStep): Promise<TaskEvent> {
  const snapshot = snapshotOf(task);
  const config = configOf(task);
  const step = snapshot.steps.find((s) => s.position === command.position);
  if (!step) return { type: "step_failed", position: command.position, attempt: command.attempt, error: "The plan has no such step." };
  const repo = await getRepository(deps.db, task.repository_id);
  // A fix builds on the pull request's branch; a first round reads the default branch. Every step
  // of a round reads the base the round's first step pinned.
  const key = roundBaseKey(task.id, snapshot.planVersion, command.fix);
  const defaultBranch = repo?.default_branch ?? (await forge.defaultBranch());
  const base =
    (command.fix && task.branch ? await roundBase(deps.db, forge, task.id, key, task.branch) : undefined) ??
    (await roundBase(deps.db, forge, task.id, key, defaultBranch));
  const view = base ? await forge.viewPinned(base) : await forge.view(defaultBranch);
  const facts: RepositoryFacts = await detectFacts(view);
  const earlier = snapshot.steps.filter((s) => s.position < step.position).map((s) => s.position);
  const previousChanges = await collectChanges(deps.db, task.id, snapshot.planVersion, earlier);
  // Asked before every model call, from the row: steps running at once share one ledger.
  const budget = async () => {
    const row = await deps.db.selectFrom("tasks").select(["budget_usd", "spent_usd"]).where("id", "=", String(task.id)).executeTakeFirst();
    return row?.budget_usd === null || row === undefined ? undefined : Number(row.budget_usd) - Number(row.spent_usd);
  };
  const provider = deps.provider(config, budget);
  const agents = createAgents(provider, { rules: { allowed: config.paths.allowed, forbidden: config.paths.forbidden } });
  const spec = TaskSpec.parse(task.spec);
  const planned: PlannedStep = { position: step.position, agent: step.agent, title: step.title, dependsOn: step.dependsOn, files: step.files };
  const input: AgentInput = {
    task: spec,
    step: planned,
    repo: view,
    facts,
    knowledge: await knowledgeForTask(deps.db, { installationId: Number(task.installation_id), repository: repo?.full_name }, `${spec.title} ${spec.description}`).catch(() => []),
    previousChanges,
    fix: command.fix ?? undefined,
  };
  const run = await startAgentRun(deps.db, {
    taskId: task.id,
    agent: step.agent,
    provider: provider.name,
    model: provider.model ?? null,
    attempt: command.attempt,
  });
  const before = forge.requestCount();
  const result = await agents[step.agent].run(input);
  const usage = result.usage;
  const common = {
    tokensIn: usage.tokensIn,
    tokensOut: usage.tokensOut,
    costUsd: usage.costUsd,
    githubRequests: forge.requestCount() - before,
  };
  if (usage.costUsd > 0) {
    // An increment in SQL: the tests and docs steps run at once, and neither may lose the other's cost.
    await deps.db
      .updateTable("tasks")
      .set({ spent_usd: sql<string>`spent_usd + ${usage.costUsd}` })
      .where("id", "=", String(task.id))
      .execute();
  }
  const at = { position: step.position, attempt: command.attempt };
  if (result.outcome === "succeeded") {
    await finishAgentRun(deps.db, run.id, {
      ...common,
      outcome: "succeeded",
      summary: result.report.summary,
      report: {
        planVersion: snapshot.planVersion,
        position: step.position,
        changes: result.changes,
        modes: specialModes(view, result.changes),
        report: result.report,
      },
    });
    for (const doc of result.report.documents ?? []) {
      await addDocument(deps.db, { installationId: Number(task.installation_id) }, {
        kind: doc.kind,
        title: doc.title,
        body: doc.body,
        ...(repo ? { repository: repo.full_name } : {}),
        ...(doc.path ? { path: doc.path } : {}),
        sourceTaskId: String(task.id),
      });
    }
    return { type: "step_succeeded", ...at, summary: result.report.summary };
  }
  if (result.outcome === "unsupported") {
    await finishAgentRun(deps.db, run.id, { ...common, outcome: "unsupported", error: result.reason });
    return { type: "step_unsupported", ...at, reason: result.reason };
  }
  await finishAgentRun(deps.db, run.id, { ...common, outcome: "failed", error: result.error });
  if (/\(budget_spent\)$/.test(result.error) && task.budget_usd !== null) {
    const row = await deps.db.selectFrom("tasks").select(["spent_usd"]).where("id", "=", String(task.id)).executeTakeFirst();
    return { type: "budget_spent", spentUsd: Number(row?.spent_usd ?? 0), budgetUsd: Number(task.budget_usd) };
  }
  return { type: "step_failed", ...at, error: result.error };
}
