import { describe, expect, it } from "vitest";
import { inferKind } from "../../src/archon/infer-kind.js";
import type { RepositoryFacts } from "../../src/domain/plan.js";
import { planTask } from "../../src/archon/planner.js";
import type { TaskSpec } from "../../src/domain/task-spec.js";

const express: RepositoryFacts = {
  language: "typescript",
  framework: "express",
  moduleStyle: "esm",
  testRunner: "vitest",
  testCommand: "npm test",
  paths: ["src/", "test/", "README.md", "package.json"],
};
const fastapi: RepositoryFacts = {
  language: "python",
  framework: "fastapi",
  moduleStyle: "python",
  testRunner: "pytest",
  testCommand: "pytest",
  paths: ["app", "tests", "pyproject.toml"],
};
const bare: RepositoryFacts = {
  language: "unknown",
  framework: "unknown",
  moduleStyle: "unknown",
  testRunner: "unknown",
  testCommand: undefined,
  paths: [],
};

function spec(over: Partial<TaskSpec>): TaskSpec {
  return { title: "Add GET /health", description: "", acceptanceCriteria: [], areas: [], ...over };
}

describe("planTask", () => {
  it("plans code, then tests and docs that depend on it", () => {
    const plan = planTask(spec({ acceptanceCriteria: ["200", "json"] }), express);
    expect(plan.steps).toEqual([
      {
        position: 1,
        agent: "CodeGenerationAgent",
        title: "Write the code for GET /health",
        dependsOn: [],
        files: ["src/routes/health.ts", "src/app.ts"],
      },
      { position: 2, agent: "TestingAgent", title: "Test GET /health", dependsOn: [1], files: ["test/health.test.ts"] },
      { position: 3, agent: "DocumentationAgent", title: "Document GET /health", dependsOn: [1], files: ["README.md"] },
    ]);
    expect(plan.facts).toBe(express);
    expect(plan.summary).toMatchInlineSnapshot(
      `"An endpoint change in this Express TypeScript repository. The CodeGenerationAgent writes the code, then the TestingAgent writes the tests and the DocumentationAgent writes the docs, all in one pull request. Files expected to change: \`src/routes/health.ts\`, \`src/app.ts\`, \`test/health.test.ts\`, \`README.md\`. The tests check the 2 acceptance criteria. CI runs \`npm test\`."`,
    );
  });

  it.each([
    ["docs", ["DocumentationAgent"]],
    ["tests", ["TestingAgent"]],
    ["fix", ["CodeGenerationAgent", "TestingAgent", "DocumentationAgent"]],
    ["feature", ["CodeGenerationAgent", "TestingAgent", "DocumentationAgent"]],
  ] as const)("plans a %s task with %j", (kind, agents) => {
    const plan = planTask(spec({ title: "Improve caching", kind }), express);
    expect(plan.steps.map((s) => s.agent)).toEqual(agents);
    if (agents.length === 1)
      expect(plan.steps[0]).toMatchObject({ position: 1, dependsOn: [], title: "Improve caching" });
  });

  it("prefers the files the requester named, by role", () => {
    const plan = planTask(
      spec({ areas: ["src/health.ts", "./test/health.spec.ts", "docs/api.md", "../etc/passwd", ""] }),
      express,
    );
    expect(plan.steps.map((s) => s.files)).toEqual([["src/health.ts"], ["test/health.spec.ts"], ["docs/api.md"]]);
  });

  it("follows a FastAPI layout", () => {
    const plan = planTask(spec({ title: "Add POST /items/{id}" }), fastapi);
    expect(plan.steps.map((s) => s.files)).toEqual([
      ["app/routers/items.py", "app/main.py"],
      ["tests/test_items.py"],
      ["README.md"],
    ]);
  });

  it("guesses sensible places in an unknown repository", () => {
    const plan = planTask(spec({ title: "Support dark mode", description: "" }), bare);
    expect(plan.steps.map((s) => s.files)).toEqual([["src/dark-mode.js"], ["test/dark-mode.test.js"], ["README.md"]]);
    expect(plan.summary).toMatch(/^A feature change in this repository\./);
  });
});

describe("inferKind", () => {
  it.each([
    [{ title: "Anything", kind: "tests" as const }, "tests"],
    [{ title: "Add an endpoint", description: "It should answer DELETE /users/:id" }, "endpoint"],
    [{ title: "Update the README" }, "docs"],
    [{ title: "Add tests for the parser" }, "tests"],
    [{ title: "Fix failing tests" }, "fix"],
    [{ title: "Crash on empty input" }, "fix"],
    [{ title: "Dark mode" }, "feature"],
  ])("%j → %s", (over, kind) => {
    expect(inferKind(spec({ description: "", ...over }))).toBe(kind);
  });
});
