import type { PlanDraft, RepositoryFacts } from "../../src/domain/plan.js";
import type { StepSnapshot, TaskSnapshot } from "../../src/domain/task-snapshot.js";
import { newTaskSnapshot } from "../../src/domain/task-snapshot.js";
import type { TransitionConfig } from "../../src/archon/state-machine.js";
import type { CommentRef } from "../../src/domain/task-event.js";
import { type StepStatus } from "../../src/domain/step.js";
import { TASK_STATUSES, type TaskStatus } from "../../src/domain/task-status.js";

export const FACTS: RepositoryFacts = {
  language: "typescript",
  framework: "express",
  moduleStyle: "esm",
  testRunner: "vitest",
  testCommand: "npm test",
  paths: ["src/", "test/", "README.md"],
};

export const PLAN: PlanDraft = {
  summary: "An endpoint change: code, tests, docs.",
  facts: FACTS,
  steps: [
    {
      position: 1,
      agent: "CodeGenerationAgent",
      title: "Write the code for GET /health",
      dependsOn: [],
      files: ["src/routes/health.ts"],
    },
    { position: 2, agent: "TestingAgent", title: "Test GET /health", dependsOn: [1], files: ["test/health.test.ts"] },
    { position: 3, agent: "DocumentationAgent", title: "Document GET /health", dependsOn: [1], files: ["README.md"] },
  ],
};

export const CONFIG: TransitionConfig = {
  requireApproval: true,
  maxFixAttempts: 3,
  draft: true,
  reviewers: { users: ["octocat"], teams: [] },
};

export const FROM: CommentRef = { commentId: 555, author: "mona", number: 42 };

export const STATUSES: TaskStatus[] = [...TASK_STATUSES];

function steps(...states: [StepStatus, number][]): StepSnapshot[] {
  return PLAN.steps.map((s, i) => {
    const [status, attempt] = states[i] ?? ["pending", 0];
    return {
      ...s,
      status,
      attempt,
      summary: status === "succeeded" ? `${s.agent} did it` : null,
      error: status === "failed" ? "boom" : null,
    };
  });
}

const base = (): TaskSnapshot => ({
  ...newTaskSnapshot({ id: "42", title: "Add GET /health", issueNumber: 42 }),
  revision: 5,
  planVersion: 1,
  planSummary: PLAN.summary,
  maxFixAttempts: 3,
});
const withPr = { prNumber: 7, prUrl: "https://github.com/o/r/pull/7", headSha: "aaa1111" };
const allDone = steps(["succeeded", 1], ["succeeded", 1], ["succeeded", 1]);

/** One plausible task per state, as the state machine would have left it. */
export function taskIn(status: TaskStatus): TaskSnapshot {
  const task = base();
  switch (status) {
    case "received":
      return { ...task, revision: 0, planVersion: 0, planSummary: "", maxFixAttempts: 0 };
    case "planned":
    case "awaiting_approval":
      return { ...task, status, steps: steps() };
    case "running":
      return { ...task, status, steps: steps(["running", 1], ["pending", 0], ["pending", 0]) };
    case "pr_open":
    case "ci_running":
    case "ready_for_review":
      return { ...task, ...withPr, status, steps: allDone, ciUrl: status === "pr_open" ? null : "https://ci/1" };
    case "fixing":
      return {
        ...task,
        ...withPr,
        status,
        fixAttempts: 1,
        fix: { attempt: 1, failures: [{ name: "health answers 200", message: "got 404" }], requests: [] },
        steps: steps(["running", 2], ["pending", 1], ["succeeded", 1]),
      };
    case "needs_attention":
      return {
        ...task,
        status,
        attention: "step_failed",
        lastError: "Step 2 (TestingAgent) failed: boom",
        steps: steps(["succeeded", 1], ["failed", 1], ["running", 1]),
      };
    case "done":
      return { ...task, ...withPr, status, steps: allDone };
    case "failed":
      return {
        ...task,
        status,
        attention: "step_unsupported",
        lastError: "Step 1 (CodeGenerationAgent) cannot be done by this provider: not an endpoint",
        steps: steps(["failed", 1]),
      };
    case "cancelled":
      return { ...task, status, steps: steps(["succeeded", 1]) };
  }
}
