import type { AgentInput, AgentResult } from "../domain/agent.js";
import type { RepositoryFacts } from "../domain/plan.js";
import type { TaskSpec } from "../domain/task-spec.js";
import type { AgentName } from "../domain/step.js";
import type { RepoView } from "../domain/forge.js";

export type Assessment = { supported: true } | { supported: false; reason: string };

/**
 * What a provider that reads the repository before planning will do: the files each agent will
 * write, so the plan lists exactly what the commit holds, or why it will not do the task.
 */
export type Draft =
  | { supported: true; files: Partial<Record<AgentName, string[]>>; summary: string }
  | { supported: false; reason: string };

/**
 * Does the thinking for the agents: `template` (built in, deterministic, no network) or `openai`
 * (any OpenAI-compatible chat completions endpoint). Agents are pure over a Provider.
 */
export interface Provider {
  readonly name: "template" | "openai";
  readonly model: string | undefined;
  /** Whether this provider can take the task at all; asked before a plan is offered. */
  assess(task: TaskSpec, facts: RepositoryFacts): Assessment;
  /** One agent's work for one plan step. */
  run(agent: AgentName, input: AgentInput): Promise<AgentResult>;
  /** Reads the repository and says what the agents will write, when the provider can tell before running. */
  draft?(task: TaskSpec, repo: RepoView, facts: RepositoryFacts): Promise<Draft>;
}
