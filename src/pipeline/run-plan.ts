import type { Agent, AgentInput, AgentReport, KnowledgeHit, Usage } from "../agents/agent.js";
import type { PlannedStep, RepositoryFacts } from "../archon/plan.js";
import type { TaskSpec } from "../archon/task-spec.js";
import type { AgentName } from "../db/task.table.js";
import type { FileChange, RepoView } from "../forge/forge.js";
import { mergeChanges } from "./merge-changes.js";

export type StepOutcome =
  | { step: PlannedStep; outcome: "succeeded"; changes: FileChange[]; report: AgentReport; usage: Usage }
  | { step: PlannedStep; outcome: "failed"; reason: string; usage: Usage }
  /** The provider cannot do this kind of task. */
  | { step: PlannedStep; outcome: "unsupported"; reason: string; usage: Usage }
  /** The guardrails refused the step's changes. */
  | { step: PlannedStep; outcome: "rejected"; reason: string; violations: string[]; usage: Usage };

export interface RunPlanInput {
  /** The agents by name (what createAgents returns). */
  agents: Readonly<Record<AgentName, Agent>>;
  /** Steps in dependency order. */
  steps: readonly PlannedStep[];
  task: TaskSpec;
  facts: RepositoryFacts;
  repo: RepoView;
  knowledge?: KnowledgeHit[];
  /** Set on a fix attempt: the failures every step is asked to fix. */
  fix?: AgentInput["fix"];
  /** Called before each step runs, e.g. to record an agent run and show progress. */
  onStepStart?: (step: PlannedStep) => void | Promise<void>;
  onStepFinish?: (result: StepOutcome) => void | Promise<void>;
}

export interface PlanRunResult {
  ok: boolean;
  /** Every step's changes folded together, one change per path. */
  changes: FileChange[];
  steps: StepOutcome[];
  reports: { agent: AgentName; report: AgentReport }[];
  usage: Usage;
  /** The step that stopped the run, and why in plain words. */
  failure?: { step: PlannedStep; outcome: "failed" | "unsupported" | "rejected"; reason: string } | undefined;
}

function addUsage(a: Usage, b: Usage): Usage {
  return { tokensIn: a.tokensIn + b.tokensIn, tokensOut: a.tokensOut + b.tokensOut, costUsd: a.costUsd + b.costUsd };
}

function missingAgent(step: PlannedStep): StepOutcome {
  return { step, outcome: "failed", reason: `No agent named ${step.agent} is available.`, usage: { tokensIn: 0, tokensOut: 0, costUsd: 0 } };
}

/**
 * Runs the plan's steps one after another, each agent seeing what the earlier ones changed, and
 * stops at the first step that does not succeed. Pure over its ports: the same run serves GitHub
 * and local mode; the callbacks are where the caller records and shows progress.
 */
export async function runPlan(input: RunPlanInput): Promise<PlanRunResult> {
  let changes: FileChange[] = [];
  let usage: Usage = { tokensIn: 0, tokensOut: 0, costUsd: 0 };
  const steps: StepOutcome[] = [];
  const reports: PlanRunResult["reports"] = [];
  for (const step of input.steps) {
    await input.onStepStart?.(step);
    const agent = input.agents[step.agent];
    let outcome: StepOutcome;
    if (!agent) {
      outcome = missingAgent(step);
    } else {
      let result;
      try {
        result = await agent.run({
          task: input.task,
          step,
          repo: input.repo,
          facts: input.facts,
          knowledge: input.knowledge ?? [],
          previousChanges: changes,
          fix: input.fix,
        });
      } catch (error) {
        result = { outcome: "failed" as const, error: error instanceof Error ? error.message : String(error), usage: { tokensIn: 0, tokensOut: 0, costUsd: 0 } };
      }
      if (result.outcome === "succeeded") {
        outcome = { step, outcome: "succeeded", changes: result.changes, report: result.report, usage: result.usage };
      } else if (result.outcome === "unsupported") {
        outcome = { step, outcome: "unsupported", reason: result.reason, usage: result.usage };
      } else if (result.violations && result.violations.length > 0) {
        outcome = { step, outcome: "rejected", reason: result.error, violations: result.violations, usage: result.usage };
      } else {
        outcome = { step, outcome: "failed", reason: result.error, usage: result.usage };
      }
    }
    usage = addUsage(usage, outcome.usage);
    steps.push(outcome);
    await input.onStepFinish?.(outcome);
    if (outcome.outcome !== "succeeded") {
      return { ok: false, changes, steps, reports, usage, failure: { step, outcome: outcome.outcome, reason: outcome.reason } };
    }
    changes = mergeChanges(changes, outcome.changes);
    reports.push({ agent: step.agent, report: outcome.report });
  }
  return { ok: true, changes, steps, reports, usage };
}
