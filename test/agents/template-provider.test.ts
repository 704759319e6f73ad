import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentInput, AgentResult } from "../../src/domain/agent.js";
import type { RepositoryFacts } from "../../src/domain/plan.js";
import { TaskSpec } from "../../src/domain/task-spec.js";
import type { AgentName } from "../../src/domain/step.js";
import type { RepoView } from "../../src/domain/forge.js";
import { createTemplateProvider } from "../../src/llm/template/template-provider.js";
import { detectFacts } from "../../src/repo/detect-facts.js";
import { FIXTURES_DIR, fsRepoView } from "../support/fs-repo-view.js";

const provider = createTemplateProvider();
const FREE = { tokensIn: 0, tokensOut: 0, costUsd: 0 };

async function fixture(name: string): Promise<{ repo: RepoView; facts: RepositoryFacts }> {
  const repo = fsRepoView(join(FIXTURES_DIR, name));
  return { repo, facts: await detectFacts(repo) };
}

async function runAgent(agent: AgentName, name: string, title: string, extra: Partial<AgentInput> = {}, description = ""): Promise<AgentResult> {
  const { repo, facts } = await fixture(name);
  return provider.run(agent, {
    task: TaskSpec.parse({ title, description }),
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

/** A sentence naming what is missing, then one saying what would help. */
const DECLINE = /^\S.*\.\s[A-Z].*\.$/s;

describe("template provider", () => {
  it("is named template, has no model and is free", async () => {
    expect(provider.name).toBe("template");
    expect(provider.model).toBeUndefined();
    const result = await runAgent("CodeGenerationAgent", "express-jest", "Add GET /todos/:id returning the todo or 404");
    expect(result.usage).toEqual(FREE);
  });

  it("declines a task that names no endpoint, in one sentence and with what to add, the same for every agent", async () => {
    const { facts } = await fixture("express-jest");
    const title = "Refactor the auth module to use OAuth";
    const assessment = provider.assess(TaskSpec.parse({ title }), facts);
    if (assessment.supported) throw new Error("expected a decline");
    expect(assessment.reason).toMatch(/names no HTTP endpoint/);
    expect(assessment.reason).toMatch(/e\.g\. `GET \/health`/);
    for (const agent of ["CodeGenerationAgent", "TestingAgent", "DocumentationAgent"] as const) {
      expect(await runAgent(agent, "express-jest", title)).toEqual({ outcome: "unsupported", reason: assessment.reason, usage: FREE });
    }
  });

  it("declines repositories on other frameworks", () => {
    const facts: RepositoryFacts = { language: "javascript", framework: "unknown", moduleStyle: "esm", testRunner: "jest", testCommand: "npm test", paths: [] };
    const task = TaskSpec.parse({ title: "Add GET /todos/:id" });
    expect(provider.assess(task, facts)).toMatchObject({ supported: false, reason: expect.stringMatching(/does not use Express, Fastify or FastAPI/) });
  });

  it("declines an endpoint that already exists, naming the file", async () => {
    const result = await runAgent("CodeGenerationAgent", "express-jest", "Add POST /todos that takes {title}");
    expect(result).toMatchObject({ outcome: "unsupported", reason: expect.stringContaining("`POST /todos` already exists in `src/routes/todos.js`.") });
    if (result.outcome === "unsupported") expect(result.reason).toMatch(DECLINE);
  });

  it("asks for fields when a new collection's create has none", async () => {
    const result = await runAgent("CodeGenerationAgent", "express-jest", "Add POST /notes returning 201");
    expect(result).toMatchObject({ outcome: "unsupported", reason: expect.stringContaining("does not say which fields a note has") });
  });

  it("says it cannot repair failing tests on a fix attempt", async () => {
    const fix = { attempt: 1, failures: [{ name: "GET /todos/:id returns the todo", message: "expected 200" }], requests: [] };
    const result = await runAgent("CodeGenerationAgent", "express-jest", "Add GET /todos/:id returning the todo or 404", { fix });
    expect(result).toMatchObject({ outcome: "unsupported", reason: expect.stringContaining('cannot repair 1 failing test ("GET /todos/:id returns the todo")') });
  });

  it("drafts exactly the files its agents then write", async () => {
    const { repo, facts } = await fixture("express-jest");
    const title = "Add a CRUD resource for books with title and author";
    const draft = await provider.draft!(TaskSpec.parse({ title }), repo, facts);
    if (!draft.supported) throw new Error(draft.reason);
    for (const agent of ["CodeGenerationAgent", "TestingAgent", "DocumentationAgent"] as const) {
      const result = await runAgent(agent, "express-jest", title);
      expect(result.outcome === "succeeded" && result.changes.map((c) => c.path)).toEqual(draft.files[agent]);
    }
    expect(draft.files.CodeGenerationAgent).toEqual(["src/routes/books.js", "src/app.js"]);
  });

  it("is deterministic", async () => {
    const title = "Add a CRUD resource for books with title and author";
    expect(await runAgent("CodeGenerationAgent", "express-ts-vitest", title)).toEqual(await createTemplateProvider().run("CodeGenerationAgent", { ...(await inputFor("express-ts-vitest", title)) }));
  });

  it("reuses the existing store and keeps the rest of the file as it was", async () => {
    const original = (await (await fixture("express-jest")).repo.read("src/routes/todos.js"))!;
    const after = contentOf(await runAgent("CodeGenerationAgent", "express-jest", "Add GET /todos/:id returning the todo or 404"), "src/routes/todos.js");
    expect(after).toContain("const item = todos.find((entry) => entry.id === id);");
    expect(after).toContain("return res.status(404).json({ error: 'Todo not found' });");
    expect(after.replace(/\n\nrouter\.get\('\/:id'[\s\S]*?\n\}\);\n/, "\n")).toBe(original);
  });

  it("follows the repository's style: its Prettier config, its module style, its export style", async () => {
    const js = contentOf(await runAgent("CodeGenerationAgent", "express-jest", "Add a CRUD resource for books with title and author"), "src/routes/books.js");
    expect(js).toMatch(/^const express = require\('express'\);$/m);
    expect(js).toMatch(/^module\.exports = router;$/m);
    const ts = contentOf(await runAgent("CodeGenerationAgent", "express-ts-vitest", "Add a CRUD resource for books with title and author"), "src/routes/books.ts");
    expect(ts).toMatch(/^export const booksRouter = Router\(\);$/m);
    expect(ts).toMatch(/^import \{ Router \} from "express";$/m);
    expect(ts).toContain("interface Book {");
  });

  it("mounts a new router where the app mounts its others, with the import beside theirs", async () => {
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
        "",
        '  app.use("/notes", notesRouter);',
        "  return app;",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("keeps a path's prefix and answers errors in the shape the issue shows", async () => {
    const description = "Endpoints, relative to `/api/v1/quotes`:\n- `GET /` – list\n- `POST /` – create; `201`\n\nA quote has `text` (string, required) and `author` (string, optional). Answer `400` with `{ \"error\": \"...\" }` when the text is missing.";
    const code = await runAgent("CodeGenerationAgent", "express-jest", "Quotes", {}, description);
    const router = contentOf(code, "src/routes/quotes.js");
    expect(router).toContain("return res.status(400).json({ error: 'text is required' });");
    expect(contentOf(code, "src/app.js")).toContain("app.use('/api/v1/quotes', quotesRouter);");
    const tests = await runAgent("TestingAgent", "express-jest", "Quotes", {}, description);
    expect(tests).toMatchObject({ outcome: "succeeded", report: { testsAdded: expect.arrayContaining(["POST /api/v1/quotes answers 400 when `text` is missing"]) } });
  });

  it("documents in the README's API section and hands the reference to the knowledge base", async () => {
    const result = await runAgent("DocumentationAgent", "express-jest", "Add DELETE /todos/:id that answers 204, or 404 when it does not exist");
    if (result.outcome !== "succeeded") throw new Error(JSON.stringify(result));
    expect(result.changes.map((c) => c.path)).toEqual(["README.md"]);
    expect(contentOf(result, "README.md")).toContain("- `DELETE /todos/:id` — deletes a todo; 204; 404 when there is none.");
    expect(result.report.documents).toEqual([expect.objectContaining({ kind: "doc", title: "Todos API", path: "README.md" })]);
    const ts = await runAgent("DocumentationAgent", "express-ts-vitest", "Add GET /todos/:id returning the todo or 404");
    expect(ts.outcome === "succeeded" && ts.changes.map((c) => c.path)).toEqual(["docs/todos.md"]);
  });

  it("names new tests after the endpoint and the behaviour", async () => {
    const result = await runAgent("TestingAgent", "express-jest", "Add GET /todos/:id returning the todo or 404");
    expect(result).toMatchObject({
      outcome: "succeeded",
      changes: [{ action: "create", path: "tests/todos-get.test.js" }],
      report: { testsAdded: ["GET /todos/:id answers the todo", "GET /todos/:id answers 404 for an unknown id"] },
    });
  });
});

async function inputFor(name: string, title: string): Promise<AgentInput> {
  const { repo, facts } = await fixture(name);
  return { task: TaskSpec.parse({ title }), step: { position: 1, agent: "CodeGenerationAgent", title, dependsOn: [], files: [] }, repo, facts, knowledge: [], previousChanges: [] };
}
