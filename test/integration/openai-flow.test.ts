import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { providerFor } from "../../src/worker/providers.js";
import { testDatabases } from "../support/databases.js";
import { type FakeAnswer, type FakeChange, type FakeOpenAi, type FakeScript, agentOf, modelOutput, promptOf, startFakeOpenAi } from "../support/fake-openai.js";
import { type Harness, openHarness, warmUp } from "../support/github-harness.js";
import { MAINTAINER, TASK_TITLE, comment, deadJobs, expressRepo, labelIssue, taskOf } from "./setup.js";

const ROUTE = `const express = require('express');

const router = express.Router();

// Kept in memory: the API is a demo and restarts empty.
const todos = [];
let nextId = 1;

router.get('/', (req, res) => {
  res.json(todos);
});

router.get('/:id', (req, res) => {
  const todo = todos.find((t) => t.id === Number(req.params.id));
  if (!todo) return res.status(404).json({ error: 'todo not found' });
  res.json(todo);
});

router.post('/', (req, res) => {
  const { title } = req.body ?? {};
  if (typeof title !== 'string' || title.trim() === '') {
    return res.status(400).json({ error: 'title is required' });
  }
  const todo = { id: nextId++, title, done: false };
  todos.push(todo);
  res.status(201).json(todo);
});

module.exports = router;
`;

const TEST = `const request = require('supertest');
const app = require('../src/app');

test('GET /todos/:id answers 404 for a missing todo', async () => {
  const res = await request(app).get('/todos/999');
  expect(res.status).toBe(404);
});
`;

const CODE_CHANGE: FakeChange = { action: "modify", path: "src/routes/todos.js", content: ROUTE };
const TEST_CHANGE: FakeChange = { action: "create", path: "tests/todo-by-id.test.js", content: TEST };
const DOC_CHANGE: FakeChange = { action: "modify", path: "README.md", content: "# Todos\n\n- `GET /todos/:id`: one todo, or 404.\n" };

// The server says which model it ran; gpt-4o-mini has a list price, so the calls cost something.
const PRICED = { model: "gpt-4o-mini-2024-07-18", promptTokens: 1000, completionTokens: 200 };
const CALL_COST = (1000 * 0.15 + 200 * 0.6) / 1_000_000;

/** A model that answers each agent with its part of the task. */
function answerByAgent(code: FakeChange[] = [CODE_CHANGE]): FakeScript {
  return (request): FakeAnswer => {
    const agent = agentOf(request);
    if (agent === "CodeGenerationAgent") return { output: modelOutput(code, { summary: "Add GET /todos/:id" }), ...PRICED };
    if (agent === "TestingAgent") {
      return { output: modelOutput([TEST_CHANGE], { summary: "Test GET /todos/:id", testsAdded: ["GET /todos/:id answers 404 for a missing todo"] }), ...PRICED };
    }
    const documents = [{ kind: "doc" as const, title: "GET /todos/:id", body: "Returns one todo, or 404.", path: "README.md" }];
    return { output: modelOutput([DOC_CHANGE], { summary: "Document GET /todos/:id", documents }), ...PRICED };
  };
}

interface NoMatchRequest {
  port?: number | string;
  options?: { port?: number | string };
}
type NoMatch = (req: NoMatchRequest) => void;

/**
 * nock lets requests to 127.0.0.1 through but still reports them as unmatched; the harness's
 * listener fails a test on any unmatched request, so it is shown only those not for the fake model.
 */
function letModelThrough(url: string): void {
  const { port } = new URL(url);
  for (const listener of nock.emitter.listeners("no match") as NoMatch[]) {
    nock.emitter.removeListener("no match", listener);
    nock.emitter.on("no match", (req: NoMatchRequest) => {
      // fetch requests arrive as bare request options, http ones wrapped in `options`.
      if (String(req.port ?? req.options?.port ?? "") !== port) listener(req);
    });
  }
}

describe.each(testDatabases())("the GitHub flow through the OpenAI-compatible provider ($name)", (backend) => {
  let h: Harness | undefined;
  let model: FakeOpenAi | undefined;
  beforeAll(() => warmUp(backend), 180_000);
  afterEach(async () => {
    await h?.close();
    await model?.close();
    h = undefined;
    model = undefined;
  });

  /** A harness whose tasks get the provider `archon worker` would build, pointed at the fake model. */
  async function open(script: FakeScript, archonYml = "provider: openai\n") {
    model = await startFakeOpenAi(script);
    const config = loadConfig({ OPENAI_BASE_URL: model.url, ARCHON_MODEL: "test-model", OPENAI_API_KEY: "sk-test-key-0123456789" });
    h = await openHarness(backend, { files: await expressRepo({ ".github/archon.yml": archonYml }), permissions: { [MAINTAINER.login]: "write" } });
    h.deps.provider = (repoConfig, budget) => providerFor(config, repoConfig, budget);
    letModelThrough(model.url);
    return { h, model };
  }

  async function labelAndApprove(h: Harness, number: number) {
    await labelIssue(h, number, { body: "Return the todo with that id, or 404 when there is none." });
    expect(deadJobs(await h.drain())).toEqual([]);
    await comment(h, number, "/archon approve");
    expect(deadJobs(await h.drain())).toEqual([]);
    return taskOf(h, number);
  }

  function statusComment(h: Harness, number: number): string {
    return h.github.commentsOn(number).find((c) => c.body.includes("archon:status"))!.body;
  }

  it("label → approve → three model calls → one commit with exactly the model's files → a draft pull request", async () => {
    const { h, model } = await open(answerByAgent());
    const task = await labelAndApprove(h, 7);
    expect(task).toMatchObject({ status: "pr_open", branch: "archon/issue-7", pr_number: 100 });

    // One call per agent (tests and docs both wait only for the code, so they run side by side),
    // the task fenced as untrusted data after the repository map.
    const agents = model.requests.map(agentOf);
    expect(agents[0]).toBe("CodeGenerationAgent");
    expect(agents.slice(1).sort()).toEqual(["DocumentationAgent", "TestingAgent"]);
    for (const request of model.requests) {
      expect(request.model).toBe("test-model");
      expect(request.response_format).toMatchObject({ type: "json_schema" });
      const prompt = promptOf(request);
      const fence = /BEGIN UNTRUSTED DATA ([0-9a-f]{24}) \(issue\)\n([\s\S]*?)\nEND UNTRUSTED DATA \1/.exec(prompt);
      expect(fence?.[2]).toContain(`Title: ${TASK_TITLE}`);
      expect(fence?.[2]).toContain("Return the todo with that id, or 404");
      expect(prompt).toMatch(/## Repository map\n[\s\S]*src\/routes\/todos\.js[\s\S]*tests\/todos\.test\.js/);
      expect(prompt.indexOf("## Repository map")).toBeLessThan(prompt.indexOf("BEGIN UNTRUSTED DATA"));
      expect(JSON.stringify(request)).not.toContain("sk-test-key-0123456789");
    }
    // Later agents see what the code step wrote.
    for (const later of model.requests.slice(1)) expect(promptOf(later)).toContain("router.get('/:id'");

    // One commit holding exactly the files the model returned.
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(1);
    const head = h.github.git.refs.get("archon/issue-7")!;
    expect(h.github.git.commits.get(head)?.parents).toEqual([h.github.base.sha]);
    const before = h.github.git.filesAt(h.github.base.sha);
    const after = h.github.git.filesAt("archon/issue-7");
    const changed = [...after].filter(([path, content]) => before.get(path) !== content).map(([path]) => path);
    expect(changed.sort()).toEqual(["README.md", "src/routes/todos.js", "tests/todo-by-id.test.js"]);
    expect(after.get("src/routes/todos.js")).toBe(ROUTE);
    expect(after.get("tests/todo-by-id.test.js")).toBe(TEST);

    const pull = h.github.pulls.get(100)!;
    expect(pull).toMatchObject({ head: "archon/issue-7", base: "master", draft: true });
    expect(pull.body).toContain("Closes #7");
    expect(pull.body).toContain("Add GET /todos/:id");

    // Each agent run records the model, its tokens and what they cost.
    const runs = await h.db.selectFrom("agent_runs").select(["agent", "provider", "model", "outcome", "tokens_in", "tokens_out", "cost_usd"]).where("task_id", "=", task.id).orderBy("agent").execute();
    expect(runs.map((r) => ({ ...r, cost_usd: Number(r.cost_usd) }))).toEqual(
      ["CodeGenerationAgent", "DocumentationAgent", "TestingAgent"].map((agent) => ({
        agent, provider: "openai", model: "test-model", outcome: "succeeded", tokens_in: 1000, tokens_out: 200, cost_usd: expect.closeTo(CALL_COST, 8),
      })),
    );
    expect(Number(task.spent_usd)).toBeGreaterThanOrEqual(CALL_COST);
    const docs = await h.db.selectFrom("documents").select(["title"]).execute();
    expect(docs.map((d) => d.title)).toContain("GET /todos/:id");
    expect(model.unexpected).toEqual([]);
  });

  it("a model answer that writes under .github/workflows is refused by the guardrails, with the reason in the status comment", async () => {
    const workflow: FakeChange = { action: "create", path: ".github/workflows/deploy.yml", content: "on: push\njobs: {}\n" };
    const { h, model } = await open(answerByAgent([CODE_CHANGE, workflow]));
    const task = await labelAndApprove(h, 7);
    expect(task).toMatchObject({ status: "needs_attention", pr_number: null });
    expect(model.requests.map(agentOf)).toEqual(["CodeGenerationAgent"]);
    expect(h.github.count("POST", /\/git\/(trees|commits|refs)$/)).toBe(0);
    expect([...h.github.pulls.values()]).toEqual([]);
    const status = statusComment(h, 7);
    expect(status).toContain("guardrails rejected");
    expect(status).toContain(".github/workflows/deploy.yml");
  });

  it("with a tiny budgetUsd and a priced model the task stops with a plain 'budget spent' message", async () => {
    const { h, model } = await open(answerByAgent(), "provider: openai\nbudgetUsd: 0.0001\n");
    const task = await labelAndApprove(h, 7);
    // The first call overran the budget; no further call was made and nothing was committed.
    expect(model.requests).toHaveLength(1);
    expect(task).toMatchObject({ status: "needs_attention", pr_number: null });
    expect(Number(task.spent_usd)).toBeCloseTo(CALL_COST, 8);
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(0);
    const status = statusComment(h, 7);
    // The state machine's own words: what was spent, of what budget, and how to go on.
    expect(status).toContain("This task has spent $0.0003 of its $0.0001 budget. Raise `budgetUsd`");
    expect(status).toContain("`/archon retry`");
    expect(task.error).toContain("budget");
  });
});
