import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RepoConfig } from "../../src/archon/repo-config.schema.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { DatabaseHandle } from "../../src/db/connect.js";
import type { BudgetSource } from "../../src/llm/openai/budget.js";
import { runLocalTask } from "../../src/local/run-local-task.js";
import { providerFor } from "../../src/worker/providers.js";
import { testDatabases } from "../support/databases.js";
import { type ScriptStep, type ScriptedReply, type ScriptedRequest, lastToolResult, startScriptedModel } from "../support/scripted-model.js";
import { exampleRepo, git } from "./example-repo.js";

const SLOW = 600_000;
const ROUTE_OLD = "  fastify.post('/todos',";
const ROUTE_NEW = "  fastify.get('/todos/:id', async (request, reply) => {\n    const todo = todos.get(Number(request.params.id))\n    if (!todo) return { error: 'todo not found' }\n    return todo\n  })\n\n  fastify.post('/todos',";
const BROKEN = "    if (!todo) return { error: 'todo not found' }";
const FIXED = "    if (!todo) {\n      reply.code(404)\n      return { error: 'todo not found' }\n    }";
const TEST = `import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildApp } from '../src/app.js'

test('gets a todo by id', async (t) => {
  const app = buildApp()
  t.after(() => app.close())
  const created = await app.inject({ method: 'POST', url: '/todos', payload: { title: 'Walk' } })
  const res = await app.inject({ method: 'GET', url: '/todos/' + created.json().id })
  assert.equal(res.statusCode, 200)
  assert.equal(res.json().title, 'Walk')
})

test('answers 404 for a missing todo', async (t) => {
  const app = buildApp()
  t.after(() => app.close())
  const res = await app.inject({ method: 'GET', url: '/todos/9999' })
  assert.equal(res.statusCode, 404)
})
`;
const call = (name: string, args: Record<string, unknown> = {}): ScriptedReply => ({ tools: [{ name, args }] });

/** What the model saw of its test runs, by agent. */
const seen: string[] = [];

const SCRIPTS: Record<string, ((request: ScriptedRequest) => ScriptedReply)[]> = {
  CodeGenerationAgent: [
    () => ({ tools: [{ name: "edit_file", args: { path: "src/routes/todos.js", oldText: ROUTE_OLD, newText: ROUTE_NEW } }, { name: "write_file", args: { path: "test/todo-by-id.test.js", content: TEST } }] }),
    () => call("run_tests"),
    (request) => {
      seen.push(lastToolResult(request));
      return call("edit_file", { path: "src/routes/todos.js", oldText: BROKEN, newText: FIXED });
    },
    () => call("run_tests"),
    (request) => {
      seen.push(lastToolResult(request));
      return /exit code 0/.test(lastToolResult(request)) ? call("finish", { summary: "Add GET /todos/:id" }) : { content: "still failing" };
    },
  ],
  TestingAgent: [() => call("run_tests"), () => call("finish", { summary: "Tests for GET /todos/:id are in place", testsAdded: ["gets a todo by id", "answers 404 for a missing todo"] })],
  DocumentationAgent: [
    () => call("write_file", { path: "docs/todos.md", content: "# Todos\n\n- `GET /todos/:id`: one todo, or 404.\n" }),
    () => call("finish", { summary: "Document GET /todos/:id" }),
  ],
};

/** Each request answered by the script of the agent it is for, in that agent's order. */
function byAgent(): ScriptStep[] {
  const turns: Record<string, number> = {};
  return Array.from({ length: 40 }, () => (request: ScriptedRequest) => {
    const agent = /You are Archon's (\w+)\./.exec(request.messages[0]?.content ?? "")?.[1] ?? "?";
    const turn = (turns[agent] = (turns[agent] ?? 0) + 1);
    return SCRIPTS[agent]?.[turn - 1]?.(request) ?? { content: `no script for ${agent} turn ${turn}` };
  });
}

describe.each(testDatabases())("archon run with a model that works in a tool loop, on $name", (backend) => {
  let handle: DatabaseHandle;
  const cleanups: (() => unknown)[] = [];
  beforeAll(async () => {
    handle = await backend.open();
  }, SLOW);
  afterAll(async () => {
    await handle?.close();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("writes code, runs the tests, sees the failure, fixes it and finishes: ready_for_review, the branch holds the fix", async () => {
    seen.length = 0;
    const model = await startScriptedModel(byAgent());
    cleanups.push(() => model.close());
    const repo = exampleRepo({}, "test/fixtures/fastify-node-test");
    cleanups.push(repo.remove);
    const config = loadConfig({ ARCHON_PROVIDER: "openai", ARCHON_MODEL: "gpt-4o-mini", OPENAI_BASE_URL: model.url, OPENAI_API_KEY: "sk-e2e-0123456789abcdefghijklmn" });
    const provider = (repoConfig: RepoConfig, budget?: BudgetSource) => providerFor(config, repoConfig, budget ?? repoConfig.budgetUsd);
    const spec = { title: "Add GET /todos/:id returning the todo or 404", description: "", acceptanceCriteria: [], areas: [] };
    const report = await runLocalTask({ repoPath: repo.dir, spec }, { db: handle.db, provider, approve: async () => true });

    expect(report.message).toContain("The tests pass on");
    expect(report).toMatchObject({ outcome: "passed", status: "ready_for_review" });
    expect(seen[0]).toMatch(/exit code 1\n4 passed, 1 failed/);
    expect(seen[0]).toMatch(/- answers 404 for a missing todo \(test\/todo-by-id\.test\.js:\d+\)/);
    expect(seen[1]).toMatch(/exit code 0\n5 passed, 0 failed/);
    const branch = report.branch!;
    expect(git(repo.dir, "show", `${branch}:src/routes/todos.js`)).toContain(FIXED);
    expect(git(repo.dir, "diff", "--name-only", `main...${branch}`).split("\n").sort()).toEqual(["docs/todos.md", "src/routes/todos.js", "test/todo-by-id.test.js"]);
    expect(model.requests).toHaveLength(9);
    // No worktree is left behind.
    expect(git(repo.dir, "worktree", "list").split("\n")).toHaveLength(1);

    const runs = await handle.db.selectFrom("agent_runs").selectAll().where("task_id", "=", report.taskId).orderBy("id").execute();
    expect(runs.map((r) => `${r.agent}:${r.outcome}`)).toEqual(["CodeGenerationAgent:succeeded", "TestingAgent:succeeded", "DocumentationAgent:succeeded"]);
    expect(runs.map((r) => Number(r.tokens_in))).toEqual([2500, 1000, 1000]);
    expect(runs.map((r) => Number(r.tokens_out))).toEqual([500, 200, 200]);
    // gpt-4o-mini: $0.15 in and $0.60 out per million tokens.
    expect(Number(runs[0]!.cost_usd)).toBeCloseTo((2500 * 0.15 + 500 * 0.6) / 1e6, 8);
  }, SLOW);
});
