import type { AgentInput, AgentResult } from "../../domain/agent.js";
import { createAgents } from "../../agents/create-agents.js";
import type { PlannedStep } from "../../domain/plan.js";
import type { TaskEvent } from "../../domain/task-event.js";
import type { StepSnapshot } from "../../domain/task-snapshot.js";
import { TaskSpec } from "../../domain/task-spec.js";
import { collectRound, finishAgentRun, startAgentRun } from "../../db/agent-run.repository.js";
import { addSpent, budgetLeft, spentOf } from "../../db/task-budget.repository.js";
import { getRepository } from "../../db/installation.repository.js";
import { roundBase, roundBaseKey } from "../../db/round-base.repository.js";
import { configOf, snapshotOf } from "../../db/task-state.js";
import type { FileChange, ModedRepoView } from "../../domain/forge.js";
import { addDocument } from "../../kb/add-document.js";
import { detectFacts } from "../../repo/detect-facts.js";
import { applyEvent } from "../apply-event.js";
import { knowledgeForTask } from "../knowledge-context.js";
import type { CommandContext, CommandOf } from "./context.js";
import { runInWorkspace } from "./step-workspace.js";

type RunStep = CommandOf<"run_step">;

/** The modes in `view` of the changed paths that are not regular files. */
function specialModes(view: ModedRepoView, changes: FileChange[]): Record<string, string> {
  const modes: Record<string, string> = {};
  for (const change of changes) {
    const mode = view.mode?.(change.path);
    if (change.action !== "delete" && mode !== undefined && mode !== "100644") modes[change.path] = mode;
  }
  return modes;
}

/**
 * The tree a step reads: a fix builds on the task's branch, a first round on the default branch.
 * Every step of a round reads the base the round's first step pinned.
 */
async function readBase(ctx: CommandContext, command: RunStep): Promise<ModedRepoView> {
  const { deps, task, forge } = ctx;
  const key = roundBaseKey(task.id, snapshotOf(task).planVersion, command.fix);
  const repo = await getRepository(deps.db, task.repository_id);
  const defaultBranch = repo?.default_branch ?? (await forge.repo.defaultBranch());
  const base =
    (command.fix && task.branch ? await roundBase(deps.db, forge.repo, task.id, key, task.branch) : undefined) ??
    (await roundBase(deps.db, forge.repo, task.id, key, defaultBranch));
  return base ? forge.repo.viewPinned(base) : forge.repo.view(defaultBranch);
}

async function agentInput(ctx: CommandContext, step: StepSnapshot, command: RunStep, view: ModedRepoView): Promise<AgentInput> {
  const { deps, task } = ctx;
  const snapshot = snapshotOf(task);
  const repo = await getRepository(deps.db, task.repository_id);
  const spec = TaskSpec.parse(task.spec);
  const earlier = snapshot.steps.filter((s) => s.position < step.position).map((s) => s.position);
  const planned: PlannedStep = { position: step.position, agent: step.agent, title: step.title, dependsOn: step.dependsOn, files: step.files };
  // Earlier tasks' docs are context, not a requirement: a failed search gives none.
  const scope = { installationId: Number(task.installation_id), repository: repo?.full_name };
  return {
    task: spec,
    step: planned,
    repo: view,
    facts: await detectFacts(view),
    knowledge: await knowledgeForTask(deps.db, scope, `${spec.title} ${spec.description}`).catch(() => []),
    previousChanges: (await collectRound(deps.db, task.id, snapshot.planVersion, earlier)).changes,
    fix: command.fix ?? undefined,
  };
}

/** Keeps the docs a step wrote in the knowledge base, for later tasks on the repository. */
async function storeDocuments(ctx: CommandContext, result: Extract<AgentResult, { outcome: "succeeded" }>): Promise<void> {
  const { deps, task } = ctx;
  const repo = await getRepository(deps.db, task.repository_id);
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
}

/** Records how the run went and says it as the state machine's event. */
interface RunRecord {
  id: string;
  attempt: number;
  /** Requests the forge made while the agent ran. */
  requests: number;
}

async function recordResult(ctx: CommandContext, run: RunRecord, input: AgentInput, result: AgentResult, view: ModedRepoView): Promise<TaskEvent> {
  const { deps, task } = ctx;
  const { usage } = result;
  const common = { tokensIn: usage.tokensIn, tokensOut: usage.tokensOut, costUsd: usage.costUsd, githubRequests: run.requests };
  const runId = run.id;
  // An increment in SQL: steps running at once may not lose each other's cost.
  if (usage.costUsd > 0) await addSpent(deps.db, task.id, usage.costUsd);
  const at = { position: input.step.position, attempt: run.attempt };
  if (result.outcome === "succeeded") {
    const report = { planVersion: snapshotOf(task).planVersion, position: input.step.position, changes: result.changes, modes: specialModes(view, result.changes), report: result.report };
    await finishAgentRun(deps.db, runId, { ...common, outcome: "succeeded", summary: result.report.summary, report });
    await storeDocuments(ctx, result);
    return { type: "step_succeeded", ...at, summary: result.report.summary };
  }
  if (result.outcome === "unsupported") {
    await finishAgentRun(deps.db, runId, { ...common, outcome: "unsupported", error: result.reason });
    return { type: "step_unsupported", ...at, reason: result.reason };
  }
  await finishAgentRun(deps.db, runId, { ...common, outcome: "failed", error: result.error });
  if (/\(budget_spent\)$/.test(result.error) && task.budget_usd !== null) {
    return { type: "budget_spent", spentUsd: await spentOf(deps.db, task.id), budgetUsd: Number(task.budget_usd) };
  }
  return { type: "step_failed", ...at, error: result.error };
}

/**
 * One plan step: read the repository, run the step's agent over the configured provider, record
 * the agent run with its changes and docs, and tell the state machine how it went.
 */
async function runStep(ctx: CommandContext, command: RunStep): Promise<TaskEvent> {
  const { deps, task, forge } = ctx;
  const step = snapshotOf(task).steps.find((s) => s.position === command.position);
  if (!step) return { type: "step_failed", position: command.position, attempt: command.attempt, error: "The plan has no such step." };
  const view = await readBase(ctx, command);
  const input = await agentInput(ctx, step, command, view);
  const config = configOf(task);
  // Asked before every model call, from the row: steps running at once share one ledger.
  const provider = deps.provider(config, () => budgetLeft(deps.db, task.id));
  const agents = createAgents(provider, { rules: { allowed: config.paths.allowed, forbidden: config.paths.forbidden } });
  const run = await startAgentRun(deps.db, { taskId: task.id, agent: step.agent, provider: provider.name, model: provider.model ?? null, attempt: command.attempt });
  const before = forge.repo.requestCount();
  const result = await runInWorkspace(ctx, provider, config, input, (withWorkspace) => agents[step.agent].run(withWorkspace));
  const record = { id: String(run.id), attempt: command.attempt, requests: forge.repo.requestCount() - before };
  return recordResult(ctx, record, input, result, view);
}

export async function onRunStep(ctx: CommandContext, command: RunStep): Promise<void> {
  const event = await runStep(ctx, command);
  await applyEvent(ctx.deps, String(ctx.task.id), event);
}
