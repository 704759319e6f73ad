import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentInput, AgentResult } from "../../src/agents/agent.js";
import type { RepositoryFacts } from "../../src/archon/plan.js";
import { TaskSpec } from "../../src/archon/task-spec.js";
import type { AgentName } from "../../src/db/task.table.js";
import type { RepoView } from "../../src/forge/forge.js";
import { createTemplateProvider } from "../../src/llm/template/template-provider.js";
import { detectFacts } from "../../src/repo/detect-facts.js";
import { FIXTURES_DIR, fsRepoView } from "../support/fs-repo-view.js";

const provider = createTemplateProvider();

async function fixture(name: string): Promise<{ repo: RepoView; facts: RepositoryFacts }> {
  const repo = fsRepoView(join(FIXTURES_DIR, name));
  return { repo, facts: await detectFacts(repo) };
}

async function runAgent(agent: AgentName, name: string, title: string, extra: Partial<AgentInput> = {}): Promise<AgentResult> {
  const { repo, facts } = await fixture(name);
  return provider.run(agent, {
    task: TaskSpec.parse({ title }),
    step: { position: 1, agent, title, dependsOn: [], files: [] },
    repo,
    facts,
    knowledge: [],
    previousChanges: [],
    ...extra,
  });
}

function contentOf(result: AgentResult, path: string): string {
  if (result.outcome !== "succeeded") throw new Error(JSON.stringify(result));
  const change = result.changes.find((c) => c.path === path);
  if (!change || change.action === "delete") throw new Error(`no ${path} in ${result.changes.map((c) => c.path).join(", ")}`);
  return change.content;
}

describe("template provider", () => {
  it("is named template, has no model and is free", async () => {
    expect(provider.name).toBe("template");
    expect(provider.model).toBeUndefined();
    const result = await runAgent("CodeGenerationAgent", "express-jest", "Add GET /todos/:id returning the todo or 404");
    expect(result.usage).toEqual({ tokensIn: 0, tokensOut: 0, costUsd: 0 });
  });

  it.each([
    ["Refactor the auth module to use OAuth", /does not name an HTTP endpoint/],
    ["Add GET /todos/search returning matching todos", /not a plain REST route/],
  ])("says plainly it cannot do %j and how to get a model", async (title, reason) => {
    const { facts } = await fixture("express-jest");
    const assessment = provider.assess(TaskSpec.parse({ title }), facts);
    expect(assessment).toEqual({ supported: false, reason: expect.stringMatching(reason) });
    if (assessment.supported) return;
    expect(assessment.reason).toMatch(/ARCHON_PROVIDER=openai/);
    expect(assessment.reason).toMatch(/OPENAI_BASE_URL/);
    expect(assessment.reason).toMatch(/ARCHON_MODEL/);
    for (const agent of ["CodeGenerationAgent", "TestingAgent", "DocumentationAgent"] as const) {
      const result = await runAgent(agent, "express-jest", title);
      expect(result).toEqual({ outcome: "unsupported", reason: assessment.reason, usage: { tokensIn: 0, tokensOut: 0, costUsd: 0 } });
    }
  });

  it("declines repositories on other frameworks or test runners", () => {
    const facts: RepositoryFacts = { language: "javascript", framework: "unknown", moduleStyle: "esm", testRunner: "jest", testCommand: "npm test", paths: [] };
    const task = TaskSpec.parse({ title: "Add GET /todos/:id" });
    expect(provider.assess(task, facts)).toMatchObject({ supported: false, reason: expect.stringMatching(/does not use Express, Fastify or FastAPI/) });
    expect(provider.assess(task, { ...facts, framework: "express", testRunner: "tap" })).toMatchObject({ supported: false, reason: expect.stringMatching(/uses tap/) });
    expect(provider.assess(task, { ...facts, framework: "fastapi", testRunner: "pytest" })).toEqual({ supported: true });
  });

  it("declines an endpoint that already exists, naming the file", async () => {
    const result = await runAgent("CodeGenerationAgent", "express-jest", "Add POST /todos that takes {title}");
    expect(result).toMatchObject({ outcome: "unsupported", reason: expect.stringContaining("`POST /todos` already exists in `src/routes/todos.js`") });
  });

  it("asks for fields when a create has none", async () => {
    const result = await runAgent("CodeGenerationAgent", "express-jest", "Add POST /notes returning 201");
    expect(result).toMatchObject({ outcome: "unsupported", reason: expect.stringContaining("does not say which fields a note has") });
  });

  it("says it cannot repair failing tests on a fix attempt", async () => {
    const fix = { attempt: 1, failures: [{ name: "GET /todos/:id returns the todo", message: "expected 200" }], requests: [] };
    const result = await runAgent("CodeGenerationAgent", "express-jest", "Add GET /todos/:id returning the todo or 404", { fix });
    expect(result).toMatchObject({ outcome: "unsupported", reason: expect.stringContaining('cannot repair 1 failing test ("GET /todos/:id returns the todo")') });
  });

  it("is deterministic", async () => {
    const title = "Add a CRUD resource for books with title and author";
    expect(await runAgent("CodeGenerationAgent", "fastify-node-test", title)).toEqual(await runAgent("CodeGenerationAgent", "fastify-node-test", title));
    expect(await runAgent("TestingAgent", "fastapi-pytest", title)).toEqual(await runAgent("TestingAgent", "fastapi-pytest", title));
  });

  it("reuses the existing store and keeps the rest of the file as it was", async () => {
    const before = (await fixture("express-jest")).repo;
    const original = (await before.read("src/routes/todos.js"))!;
    const after = contentOf(await runAgent("CodeGenerationAgent", "express-jest", "Add GET /todos/:id returning the todo or 404"), "src/routes/todos.js");
    expect(after).toContain("todos.find((item) => String(item.id) === req.params.id)");
    expect(after).toContain("res.status(404).json({ error: 'todo not found' });");
    expect(after.replace(/\n\nrouter\.get\('\/:id'[\s\S]*?\n\}\);\n/, "\n")).toBe(original);
  });

  it("follows the repository's style: Prettier config, or the file's own quotes and semicolons", async () => {
    const express = contentOf(await runAgent("CodeGenerationAgent", "express-jest", "Add a CRUD resource for books with title and author"), "src/routes/books.js");
    expect(express).toMatch(/^const express = require\('express'\);$/m);
    expect(express).toMatch(/^module\.exports = router;$/m);
    const fastify = contentOf(await runAgent("CodeGenerationAgent", "fastify-node-test", "Add a CRUD resource for books with title and author"), "src/routes/books.js");
    expect(fastify).toMatch(/^import \{ books, nextBookId \} from '\.\.\/stores\/books\.js'$/m);
    expect(fastify).not.toMatch(/;$/m);
    const ts = contentOf(await runAgent("CodeGenerationAgent", "express-ts-vitest", "Add a CRUD resource for books with title and author"), "src/routes/books.ts");
    expect(ts).toMatch(/^export const booksRouter = Router\(\);$/m);
    expect(ts).toMatch(/from "\.\.\/stores\/books\.js";$/m);
  });

  it("registers a new router where the app registers its others", async () => {
    const result = await runAgent("CodeGenerationAgent", "express-ts-vitest", "Add POST /notes that takes {text} and returns 201 with the note");
    expect(contentOf(result, "src/app.ts")).toBe(
      [
        'import express from "express";',
        'import { todosRouter } from "./routes/todos.js";',
        'import { notesRouter } from "./routes/notes.js";',
        "",
        "export function createApp() {",
        "  const app = express();",
        "  app.use(express.json());",
        '  app.use("/todos", todosRouter);',
        '  app.use("/notes", notesRouter);',
        "  return app;",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("documents in the repository's docs page and README, and hands the page to the knowledge base", async () => {
    const result = await runAgent("DocumentationAgent", "fastify-node-test", "Add DELETE /todos/:id that answers 204, or 404 when it does not exist");
    if (result.outcome !== "succeeded") throw new Error(JSON.stringify(result));
    expect(result.changes.map((c) => c.path)).toEqual(["docs/api/todos.md", "README.md"]);
    expect(contentOf(result, "README.md")).toContain("| DELETE | /todos/:id | Delete a todo; 204, or 404 when there is none. |");
    expect(result.report.documents).toEqual([{ kind: "doc", title: "Todos API", path: "docs/api/todos.md", body: contentOf(result, "docs/api/todos.md") }]);
    const ts = await runAgent("DocumentationAgent", "express-ts-vitest", "Add GET /todos/:id returning the todo or 404");
    expect(ts.outcome === "succeeded" && ts.changes.map((c) => c.path)).toEqual(["docs/todos.md"]);
  });

  it("names new tests after the endpoint and the behaviour", async () => {
    const result = await runAgent("TestingAgent", "fastapi-pytest", "Add GET /todos/:id returning the todo or 404");
    expect(result).toMatchObject({
      outcome: "succeeded",
      changes: [{ action: "create", path: "tests/test_todos_get.py" }],
      report: { testsAdded: ["GET /todos/:id returns the todo", "GET /todos/:id answers 404 for a missing todo"] },
    });
  });
});
