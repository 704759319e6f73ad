import type { AgentReport } from "../domain/agent.js";
import type { FileChange } from "../domain/forge.js";
import { mergeChanges } from "../domain/merge-changes.js";
import type { Executor } from "./database.js";
import type { AgentName, RunOutcome } from "../domain/step.js";
import type { TaskStatus } from "../domain/task-status.js";
import type { AgentRun } from "./task.table.js";

export async function startAgentRun(
  ex: Executor,
  input: { taskId: number | string; stepId?: number | string | null; agent: AgentName; provider: string; model?: string | null; attempt: number },
): Promise<AgentRun> {
  return ex
    .insertInto("agent_runs")
    .values({
      task_id: input.taskId,
      plan_step_id: input.stepId ?? null,
      agent: input.agent,
      provider: input.provider,
      model: input.model ?? null,
      attempt: input.attempt,
      finished_at: null,
      error: null,
      report: JSON.stringify({}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function finishAgentRun(
  ex: Executor,
  id: number | string,
  result: {
    outcome: RunOutcome;
    summary?: string;
    error?: string | null;
    tokensIn?: number;
    tokensOut?: number;
    costUsd?: number;
    githubRequests?: number;
    report?: Record<string, unknown>;
  },
): Promise<AgentRun> {
  return ex
    .updateTable("agent_runs")
    .set({
      outcome: result.outcome,
      finished_at: new Date(),
      summary: result.summary ?? "",
      error: result.error ?? null,
      tokens_in: result.tokensIn ?? 0,
      tokens_out: result.tokensOut ?? 0,
      cost_usd: result.costUsd ?? 0,
      github_requests: result.githubRequests ?? 0,
      report: JSON.stringify(result.report ?? {}),
    })
    .where("id", "=", String(id))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Tasks whose runs are over: at rest for good, or handed to reviewers. */
const SETTLED: readonly TaskStatus[] = ["ready_for_review", "done", "failed", "cancelled"];

/**
 * What each earlier task of a repository cost with one provider and model: the sum over its
 * finished runs of that provider and model, for the `limit` tasks that ran last, newest first.
 * Tasks still at work (or waiting on a person) are left out, as their totals are not final yet.
 */
export async function costsOfEarlierTasks(
  ex: Executor,
  input: { repositoryId: number | string; exceptTaskId: number | string; provider: string; model: string | null; limit: number },
): Promise<{ taskId: string; costUsd: number; tokensIn: number; tokensOut: number }[]> {
  const rows = await ex
    .selectFrom("agent_runs")
    .innerJoin("tasks", "tasks.id", "agent_runs.task_id")
    .select((eb) => [
      "agent_runs.task_id as taskId",
      eb.fn.sum<string>("agent_runs.cost_usd").as("costUsd"),
      eb.fn.sum<string>("agent_runs.tokens_in").as("tokensIn"),
      eb.fn.sum<string>("agent_runs.tokens_out").as("tokensOut"),
    ])
    .where("tasks.repository_id", "=", String(input.repositoryId))
    .where("tasks.id", "<>", String(input.exceptTaskId))
    .where("tasks.status", "in", SETTLED)
    .where("agent_runs.provider", "=", input.provider)
    .where("agent_runs.model", input.model === null ? "is" : "=", input.model)
    .where("agent_runs.finished_at", "is not", null)
    .groupBy("agent_runs.task_id")
    .orderBy((eb) => eb.fn.max("agent_runs.id"), "desc")
    .limit(input.limit)
    .execute();
  return rows.map((r) => ({ taskId: String(r.taskId), costUsd: Number(r.costUsd), tokensIn: Number(r.tokensIn), tokensOut: Number(r.tokensOut) }));
}

export async function listAgentRuns(ex: Executor, taskId: number | string): Promise<AgentRun[]> {
  return ex.selectFrom("agent_runs").selectAll().where("task_id", "=", String(taskId)).orderBy("id").execute();
}

/** What a successful run stores in its report: its step, its changes and the agent's report. */
export interface StoredRun {
  planVersion: number;
  position: number;
  changes: FileChange[];
  /**
   * Git modes, in the tree the step read, of its changed paths that are not regular files there
   * (executables, symlinks), so the commit keeps them whichever worker makes it.
   */
  modes?: Record<string, string>;
  report?: AgentReport;
}

export interface RoundChanges {
  changes: FileChange[];
  /** Modes of the changed paths that are not regular files; undefined when a run did not record them. */
  modes: Record<string, string> | undefined;
}

/** The latest successful run of each step of this plan version, in plan order, changes folded together. */
export async function collectRound(ex: Executor, taskId: string | number, planVersion: number, positions: number[]): Promise<RoundChanges> {
  const runs = await ex
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

/** The agents' reports of the successful runs of one plan version, oldest first. */
export async function reportsOfPlan(ex: Executor, taskId: string | number, planVersion: number): Promise<{ agent: AgentName; report: AgentReport }[]> {
  const runs = await listAgentRuns(ex, taskId);
  const reports: { agent: AgentName; report: AgentReport }[] = [];
  for (const run of runs) {
    const stored = run.report as Partial<StoredRun>;
    if (run.outcome === "succeeded" && stored.planVersion === planVersion && stored.report) reports.push({ agent: run.agent, report: stored.report });
  }
  return reports;
}
