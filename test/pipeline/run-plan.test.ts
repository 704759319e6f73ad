import { describe, expect, it } from "vitest";
import type { Agent, AgentInput, AgentResult } from "../../src/agents/agent.js";
import type { PlannedStep, RepositoryFacts } from "../../src/archon/plan.js";
import type { AgentName } from "../../src/db/task.table.js";
import type { FileChange } from "../../src/forge/forge.js";
import { mergeChanges } from "../../src/pipeline/merge-changes.js";
import { runPlan } from "../../src/pipeline/run-plan.js";

const usage = { tokensIn: 10, tokensOut: 5, costUsd: 0.01 };
const facts: RepositoryFacts = { language: "javascript", framework: "express", moduleStyle: "commonjs", testRunner: "node:test", testCommand: "npm test", paths: [] };
const repo = { ref: "abc", files: async () => [], read: async () => undefined };
const steps: PlannedStep[] = [
  { position: 1, agent: "CodeGenerationAgent", title: "code", dependsOn: [], files: [] },
  { position: 2, agent: "TestingAgent", title: "tests", dependsOn: [1], files: [] },
  { position: 3, agent: "DocumentationAgent", title: "docs", dependsOn: [1], files: [] },
];

function agent(name: AgentName, run: (input: AgentInput) => AgentResult, seen: AgentInput[] = []): Agent {
  return {
    name,
    run: async (input) => {
      seen.push(input);
      return run(input);
    },
  };
}

function succeed(changes: FileChange[]): () => AgentResult {
  return () => ({ outcome: "succeeded", changes, report: { summary: "done", details: [] }, usage });
}

describe("runPlan", () => {
  it("runs every step in order, later steps seeing earlier changes, and sums the usage", async () => {
    const seen: AgentInput[] = [];
    const events: string[] = [];
    const result = await runPlan({
      agents: {
        CodeGenerationAgent: agent("CodeGenerationAgent", succeed([{ action: "create", path: "src/a.js", content: "a" }]), seen),
        TestingAgent: agent("TestingAgent", succeed([{ action: "create", path: "test/a.test.js", content: "t" }]), seen),
        DocumentationAgent: agent("DocumentationAgent", succeed([{ action: "modify", path: "src/a.js", content: "a2" }]), seen),
      },
      steps,
      task: { title: "t", description: "", acceptanceCriteria: [], areas: [] },
      facts,
      repo,
      fix: { attempt: 1, failures: [{ name: "x", message: "y" }], requests: [] },
      onStepStart: (s) => void events.push(`start ${s.position}`),
      onStepFinish: (o) => void events.push(`finish ${o.step.position} ${o.outcome}`),
    });
    expect(result.ok).toBe(true);
    expect(events).toEqual(["start 1", "finish 1 succeeded", "start 2", "finish 2 succeeded", "start 3", "finish 3 succeeded"]);
    expect(seen.map((s) => s.previousChanges.map((c) => c.path))).toEqual([[], ["src/a.js"], ["src/a.js", "test/a.test.js"]]);
    expect(seen.every((s) => s.fix?.attempt === 1)).toBe(true);
    expect(result.changes).toEqual([
      { action: "create", path: "src/a.js", content: "a2" },
      { action: "create", path: "test/a.test.js", content: "t" },
    ]);
    expect(result.usage).toEqual({ tokensIn: 30, tokensOut: 15, costUsd: 0.03 });
    expect(result.reports.map((r) => r.agent)).toEqual(["CodeGenerationAgent", "TestingAgent", "DocumentationAgent"]);
  });

  it.each([
    ["unsupported", { outcome: "unsupported", reason: "cannot", usage } as AgentResult, "cannot"],
    ["failed", { outcome: "failed", error: "boom", usage } as AgentResult, "boom"],
    ["rejected", { outcome: "failed", error: "guardrails said no", violations: ["`.github/workflows/x.yml` is off limits"], usage } as AgentResult, "guardrails said no"],
  ])("stops at the first %s step with the reason", async (outcome, second, reason) => {
    const third: AgentInput[] = [];
    const result = await runPlan({
      agents: {
        CodeGenerationAgent: agent("CodeGenerationAgent", succeed([{ action: "create", path: "a", content: "a" }])),
        TestingAgent: agent("TestingAgent", () => second),
        DocumentationAgent: agent("DocumentationAgent", succeed([]), third),
      },
      steps,
      task: { title: "t", description: "", acceptanceCriteria: [], areas: [] },
      facts,
      repo,
    });
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ outcome, reason, step: { position: 2 } });
    expect(result.steps.map((s) => s.outcome)).toEqual(["succeeded", outcome]);
    expect(third).toEqual([]);
    expect(result.changes.map((c) => c.path)).toEqual(["a"]);
  });

  it("turns an agent that throws into a failed step", async () => {
    const result = await runPlan({
      agents: {
        CodeGenerationAgent: agent("CodeGenerationAgent", () => {
          throw new Error("provider down");
        }),
      } as unknown as Record<AgentName, Agent>,
      steps,
      task: { title: "t", description: "", acceptanceCriteria: [], areas: [] },
      facts,
      repo,
    });
    expect(result.failure).toMatchObject({ outcome: "failed", reason: "provider down" });
  });
});

describe("mergeChanges", () => {
  it.each<[string, FileChange[], FileChange[], FileChange[]]>([
    ["later wins", [{ action: "modify", path: "a", content: "1" }], [{ action: "modify", path: "a", content: "2" }], [{ action: "modify", path: "a", content: "2" }]],
    ["created then modified stays created", [{ action: "create", path: "a", content: "1" }], [{ action: "modify", path: "a", content: "2" }], [{ action: "create", path: "a", content: "2" }]],
    ["created then deleted is nothing", [{ action: "create", path: "a", content: "1" }], [{ action: "delete", path: "a" }], []],
    ["different paths both stay", [{ action: "create", path: "a", content: "1" }], [{ action: "delete", path: "b" }], [{ action: "create", path: "a", content: "1" }, { action: "delete", path: "b" }]],
  ])("%s", (_name, earlier, later, expected) => {
    expect(mergeChanges(earlier, later)).toEqual(expected);
  });
});
