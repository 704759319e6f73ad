import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeAnswer, type FakeChange, type FakeOpenAi, type FakeScript, agentOf, modelOutput, promptOf, startFakeOpenAi } from "../support/fake-openai.js";
import { exampleRepo, git } from "./example-repo.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// Generous: a child process starts PGlite, and the repository's tests run for real.
const SLOW = 600_000;
const TASK = "Add GET /todos/:id returning the todo or 404";

/** The example's route file with GET /:id; `missing` is what it does when there is no such todo. */
function route(missing: string): string {
  return `const express = require('express');

const router = express.Router();

// Kept in memory: the API is a demo and restarts empty.
const todos = [];
let nextId = 1;

router.get('/', (req, res) => {
  res.json(todos);
});

router.get('/:id', (req, res) => {
  const todo = todos.find((t) => t.id === Number(req.params.id));
  if (!todo) ${missing}
  res.json(todo);
});

router.post('/', (req, res) => {
  const { title } = req.body ?? {};
  if (typeof title !== 'string' || title.trim() === '') {
    return res.status(400).json({ error: 'title is required' });
  }
  const todo = { id: nextId++, title: title.trim(), done: false };
  todos.push(todo);
  res.status(201).json(todo);
});

module.exports = router;
`;
}

const WORKING_ROUTE: FakeChange = { action: "modify", path: "src/routes/todos.js", content: route("return res.status(404).json({ error: 'todo not found' });") };
// A plausible first try that answers a missing todo with 200 and null.
const BROKEN_ROUTE: FakeChange = { action: "modify", path: "src/routes/todos.js", content: route("return res.json(null);") };

const TEST_FILE: FakeChange = {
  action: "create",
  path: "test/todo-by-id.test.js",
  content: `const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../src/app');

describe('GET /todos/:id', () => {
  it('returns the todo', async () => {
    const created = await request(app).post('/todos').send({ title: 'Walk the dog' });
    const res = await request(app).get('/todos/' + created.body.id);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, created.body);
  });

  it('answers 404 for a missing todo', async () => {
    const res = await request(app).get('/todos/9999');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { error: 'todo not found' });
  });
});
`,
};

const DOC_CHANGE: FakeChange = {
  action: "modify",
  path: "README.md",
  content: "# Todo API (example)\n\n- `GET /todos/:id`: one todo, or 404 with `{ \"error\": \"todo not found\" }`.\n",
};

/** The model: code, tests and docs for the example; `code` picks the route for the first try and for a fix. */
function todoModel(code: (fix: boolean) => FakeChange, priced = false): FakeScript {
  const usage = priced ? { model: "gpt-4o-mini-2024-07-18", promptTokens: 1000, completionTokens: 200 } : {};
  return (request): FakeAnswer => {
    const fix = promptOf(request).includes("Fix attempt");
    switch (agentOf(request)) {
      case "CodeGenerationAgent":
        return { output: modelOutput([code(fix)], { summary: fix ? "Answer 404 for a missing todo" : "Add GET /todos/:id" }), ...usage };
      case "TestingAgent":
        return { output: modelOutput([TEST_FILE], { summary: "Test GET /todos/:id", testsAdded: ["returns the todo", "answers 404 for a missing todo"] }), ...usage };
      default:
        return { output: modelOutput([DOC_CHANGE], { summary: "Document GET /todos/:id" }), ...usage };
    }
  };
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node bin/archon.js run …` as a person types it, with the embedded database in `dataDir`. */
function archonRun(args: string[], env: Record<string, string>): Promise<CliResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|REDIS_URL|ARCHON_|OPENAI_|TEST_)/.test(name)),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["bin/archon.js", "run", ...args],
      { cwd: ROOT, env: { ...inherited, LOG_LEVEL: "silent", ...env }, timeout: SLOW, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function runTests(dir: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile("npm", ["test"], { cwd: dir, timeout: SLOW }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("archon run --provider openai on a copy of examples/todo-api", () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setUp(script: FakeScript, extra: Record<string, string> = {}) {
    const model: FakeOpenAi = await startFakeOpenAi(script);
    cleanups.push(() => model.close());
    const repo = exampleRepo(extra);
    cleanups.push(repo.remove);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "archon-openai-data-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const run = () =>
      archonRun(["--repo", repo.dir, "--yes", "--provider", "openai", "--model", "test-model", TASK], {
        OPENAI_BASE_URL: model.url,
        ARCHON_DATA_DIR: dataDir,
      });
    return { model, dir: repo.dir, base: git(repo.dir, "rev-parse", "HEAD"), run };
  }

  it(
    "the model's code, test and doc land as one commit on archon/task-1 and the repository's tests pass",
    async () => {
      const { model, dir, base, run } = await setUp(todoModel(() => WORKING_ROUTE));
      const result = await run();
      expect(result.stderr).not.toMatch(/Error:/);
      expect(result.code).toBe(0);

      expect(model.requests.map(agentOf)).toEqual(["CodeGenerationAgent", "TestingAgent", "DocumentationAgent"]);
      expect(model.requests.every((r) => r.model === "test-model")).toBe(true);
      expect(promptOf(model.requests[0]!)).toMatch(new RegExp(`BEGIN UNTRUSTED DATA ([0-9a-f]+) \\(issue\\)\\nTitle: ${TASK.replace(/[/:]/g, "\\$&")}`));

      const branch = "archon/task-1";
      expect(git(dir, "rev-list", "--count", `${base}..${branch}`)).toBe("1");
      expect(git(dir, "diff", "--name-only", `${base}...${branch}`).split("\n").sort()).toEqual(["README.md", "src/routes/todos.js", "test/todo-by-id.test.js"]);
      expect(git(dir, "show", `${branch}:src/routes/todos.js`)).toBe(WORKING_ROUTE.content!.trimEnd());
      // The person's checkout is where it was; the branch's tests pass when they look at it.
      expect(git(dir, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
      git(dir, "checkout", "-q", branch);
      const tests = await runTests(dir);
      expect(tests.code).toBe(0);
      expect(`${tests.stdout}${tests.stderr}`).toMatch(/# pass 5\b/);
      expect(result.stdout).toContain(branch);
      expect(model.unexpected).toEqual([]);
    },
    SLOW,
  );

  it(
    "a first answer that breaks a test gets one fix attempt, with the failure in its prompt: two commits, tests passing",
    async () => {
      const { model, dir, base, run } = await setUp(todoModel((fix) => (fix ? WORKING_ROUTE : BROKEN_ROUTE)));
      const result = await run();
      expect(result.code).toBe(0);

      // The first round, then the fix attempt reruns the code and test steps (the docs stand).
      expect(model.requests.map(agentOf)).toEqual([
        "CodeGenerationAgent", "TestingAgent", "DocumentationAgent",
        "CodeGenerationAgent", "TestingAgent",
      ]);
      const fixPrompt = promptOf(model.requests[3]!);
      const fixBlock = /## What to fix\nBEGIN UNTRUSTED DATA ([0-9a-f]+) \(CI results and review comments\)\n([\s\S]*?)\nEND UNTRUSTED DATA \1/.exec(fixPrompt);
      expect(fixBlock?.[2]).toContain("Fix attempt 1.");
      expect(fixBlock?.[2]).toContain("answers 404 for a missing todo");
      // It builds on the branch: the broken route is what it is shown.
      expect(fixPrompt).toContain("return res.json(null);");

      const branch = "archon/task-1";
      expect(git(dir, "rev-list", "--count", `${base}..${branch}`)).toBe("2");
      expect(git(dir, "diff", "--name-only", `${branch}~1`, branch)).toBe("src/routes/todos.js");
      git(dir, "checkout", "-q", branch);
      expect((await runTests(dir)).code).toBe(0);
    },
    SLOW,
  );

  it(
    "with a tiny budgetUsd and a priced model the run stops with a plain 'budget spent' message",
    async () => {
      const { model, dir, run } = await setUp(todoModel(() => WORKING_ROUTE, true), { ".github/archon.yml": "budgetUsd: 0.0001\n" });
      const result = await run();
      expect(result.code).toBe(1);
      expect(model.requests).toHaveLength(1);
      expect(result.stdout).toMatch(/budget of \$0\.0001 is spent/);
      expect(result.stdout).toContain("budgetUsd");
      expect(git(dir, "branch", "--list", "archon/*")).toBe("");
    },
    SLOW,
  );
});
