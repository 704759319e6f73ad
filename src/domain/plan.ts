import type { AgentName } from "./step.js";

/** What the planner knows about a repository before any agent runs. */
export interface RepositoryFacts {
  language: "javascript" | "typescript" | "python" | "unknown";
  framework: "express" | "fastify" | "fastapi" | "unknown";
  moduleStyle: "esm" | "commonjs" | "python" | "unknown";
  testRunner: "jest" | "vitest" | "mocha" | "node:test" | "tap" | "pytest" | "unknown";
  testCommand: string | undefined;
  /** From package.json's packageManager or devEngines, else the lockfile; absent when nothing says. */
  packageManager?: "npm" | "pnpm" | "yarn" | "bun" | undefined;
  /** Top-level layout, for the plan's "files expected to change". */
  paths: string[];
}

export interface PlannedStep {
  position: number;
  agent: AgentName;
  title: string;
  dependsOn: number[];
  files: string[];
}

export interface PlanDraft {
  summary: string;
  steps: PlannedStep[];
  facts: RepositoryFacts;
}
