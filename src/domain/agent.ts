import type { PlannedStep, RepositoryFacts } from "./plan.js";
import type { TaskSpec } from "./task-spec.js";
import type { AgentName } from "./step.js";
import type { FileChange, RepoView } from "./forge.js";
import type { Workspace } from "./workspace.js";

/** A failing test from CI or a local run, given to a fix attempt as context. */
export interface TestFailure {
  name: string;
  message: string;
  file?: string | undefined;
  line?: number | undefined;
}

export interface KnowledgeHit {
  id: string;
  kind: string;
  title: string;
  snippet: string;
}

export interface AgentInput {
  task: TaskSpec;
  step: PlannedStep;
  repo: RepoView;
  facts: RepositoryFacts;
  /** Top knowledge-base hits for the task. */
  knowledge: KnowledgeHit[];
  /** Changes earlier steps of this attempt made (the tests agent sees the code agent's output). */
  previousChanges: FileChange[];
  /** On a fix attempt: what failed and what reviewers asked for. */
  fix?: { attempt: number; failures: TestFailure[]; requests: string[] } | undefined;
  /** A checkout the agent may work in (local mode); without one the provider answers in one go. */
  workspace?: Workspace | undefined;
}

export interface Usage {
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

export interface AgentReport {
  /** One line for the status comment and the PR's plan section. */
  summary: string;
  /** What was done and why, for the PR body. */
  details: string[];
  /** Documents for the knowledge base (DocumentationAgent). */
  documents?: { kind: "doc" | "adr" | "snippet"; title: string; body: string; path?: string }[];
  /** Test names added (TestingAgent). */
  testsAdded?: string[];
}

export type AgentResult =
  | { outcome: "succeeded"; changes: FileChange[]; report: AgentReport; usage: Usage }
  /** The provider cannot do this task; `reason` is said to the person in plain words. */
  | { outcome: "unsupported"; reason: string; usage: Usage }
  /**
   * Something went wrong. `violations` is set when the guardrails refused the changes: each one
   * names a path and the rule it broke, in plain words.
   */
  | { outcome: "failed"; error: string; usage: Usage; violations?: string[] | undefined };

/** CodeGenerationAgent, TestingAgent and DocumentationAgent all have this shape. */
export interface Agent {
  readonly name: AgentName;
  run(input: AgentInput): Promise<AgentResult>;
}
