import type { PlannedStep } from "../archon/plan.js";
import type { Executor } from "../db/database.js";
import { finishAgentRun, startAgentRun, updateStep } from "../db/task.repository.js";
import type { PlanStep, RunOutcome } from "../db/task.table.js";
import type { Provider } from "../llm/provider.js";
import type { StepOutcome } from "../pipeline/run-plan.js";
import type { LocalProgress } from "./local-report.js";

export interface StepRecorder {
  onStepStart(step: PlannedStep): Promise<void>;
  onStepFinish(outcome: StepOutcome): Promise<void>;
}

/** The plan runner's callbacks for one attempt: an agent_runs row per step, step status, progress. */
export function recordSteps(
  ex: Executor,
  taskId: string,
  rows: PlanStep[],
  provider: Provider,
  attempt: number,
  progress: (event: LocalProgress) => void,
): StepRecorder {
  const runs = new Map<number, string>();
  const rowOf = (position: number) => rows.find((r) => r.position === position);
  return {
    async onStepStart(step) {
      const row = rowOf(step.position);
      const run = await startAgentRun(ex, { taskId, stepId: row?.id ?? null, agent: step.agent, provider: provider.name, model: provider.model ?? null, attempt });
      runs.set(step.position, run.id);
      if (row) await updateStep(ex, row.id, { status: "running", attempt });
      progress({ kind: "step_started", position: step.position, agent: step.agent, title: step.title, attempt });
    },
    async onStepFinish(outcome) {
      const runId = runs.get(outcome.step.position);
      const row = rowOf(outcome.step.position);
      const ok = outcome.outcome === "succeeded";
      if (runId) {
        await finishAgentRun(ex, runId, {
          outcome: outcome.outcome satisfies RunOutcome,
          summary: ok ? outcome.report.summary : outcome.reason,
          error: ok ? null : outcome.reason,
          tokensIn: outcome.usage.tokensIn,
          tokensOut: outcome.usage.tokensOut,
          costUsd: outcome.usage.costUsd,
          report: ok
            ? { ...outcome.report, files: outcome.changes.map((c) => ({ action: c.action, path: c.path })) }
            : outcome.outcome === "rejected"
              ? { violations: outcome.violations }
              : {},
        });
      }
      if (row) await updateStep(ex, row.id, { status: ok ? "succeeded" : "failed", attempt });
      progress({ kind: "step_finished", outcome, attempt });
    },
  };
}
