import { describe, expect, it } from "vitest";
import type { AgentInput, AgentResult } from "../../src/domain/agent.js";
import { createAgents } from "../../src/agents/create-agents.js";
import { TaskSpec } from "../../src/domain/task-spec.js";
import type { FileChange } from "../../src/domain/forge.js";
import type { Provider } from "../../src/llm/provider.js";

const usage = { tokensIn: 10, tokensOut: 20, costUsd: 0.01 };

function providerReturning(result: AgentResult | Error): Provider {
  return {
    name: "openai",
    model: "test-model",
    assess: () => ({ supported: true }),
    run: async () => {
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

function succeededWith(changes: FileChange[]): AgentResult {
  return { outcome: "succeeded", changes, report: { summary: "done", details: [] }, usage };
}

const input: AgentInput = {
  task: TaskSpec.parse({ title: "Add GET /todos/:id" }),
  step: { position: 1, agent: "CodeGenerationAgent", title: "code", dependsOn: [], files: [] },
  repo: { ref: "main", files: async () => [], read: async () => undefined },
  facts: { language: "javascript", framework: "express", moduleStyle: "commonjs", testRunner: "jest", testCommand: "npm test", paths: [] },
  knowledge: [],
  previousChanges: [],
};

describe("createAgents", () => {
  it("returns the three agents by name", () => {
    const agents = createAgents(providerReturning(succeededWith([])));
    expect(Object.values(agents).map((a) => a.name)).toEqual(["CodeGenerationAgent", "TestingAgent", "DocumentationAgent"]);
  });

  it("passes allowed changes through with normalised paths", async () => {
    const agents = createAgents(providerReturning(succeededWith([{ action: "create", path: "./src//a.js", content: "x" }])));
    const result = await agents.CodeGenerationAgent.run(input);
    expect(result).toEqual({ outcome: "succeeded", changes: [{ action: "create", path: "src/a.js", content: "x" }], report: { summary: "done", details: [] }, usage });
  });

  it.each<[string, FileChange, Record<string, string[]>, RegExp]>([
    ["a workflow", { action: "create", path: ".github/workflows/ci.yml", content: "on: push" }, {}, /workflow files/],
    ["path traversal", { action: "modify", path: "../../etc/passwd", content: "x" }, {}, /could leave the repository/],
    ["a secrets file", { action: "create", path: ".env", content: "TOKEN=1" }, {}, /environment files hold secrets/],
    ["a forbidden path", { action: "modify", path: "src/legacy/a.js", content: "x" }, { forbidden: ["src/legacy/**"] }, /forbidden path/],
  ])("rejects %s with the reason and keeps the usage", async (_what, change, rules, reason) => {
    const agents = createAgents(providerReturning(succeededWith([change])), { rules });
    const result = await agents.TestingAgent.run(input);
    expect(result.outcome).toBe("failed");
    if (result.outcome !== "failed") return;
    expect(result.error).toMatch(/^The guardrails rejected the TestingAgent's changes: /);
    expect(result.error).toMatch(reason);
    expect(result.violations).toHaveLength(1);
    expect(result.usage).toEqual(usage);
  });

  it("rejects oversize output", async () => {
    const agents = createAgents(providerReturning(succeededWith([{ action: "create", path: "a.js", content: "x".repeat(2000) }])), { rules: { maxFileBytes: 1000 } });
    expect(await agents.DocumentationAgent.run(input)).toMatchObject({ outcome: "failed", violations: [expect.stringContaining("2000 bytes")] });
  });

  it("passes an unsupported answer through untouched", async () => {
    const unsupported: AgentResult = { outcome: "unsupported", reason: "not my kind of task", usage };
    expect(await createAgents(providerReturning(unsupported)).CodeGenerationAgent.run(input)).toEqual(unsupported);
  });

  it("turns a provider that throws into a failure a person can read", async () => {
    const result = await createAgents(providerReturning(new Error("connection refused"))).CodeGenerationAgent.run(input);
    expect(result).toEqual({ outcome: "failed", error: "The openai provider failed: connection refused", usage: { tokensIn: 0, tokensOut: 0, costUsd: 0 } });
  });
});
