import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AgentInput, AgentResult } from "../../src/domain/agent.js";
import type { AgentName } from "../../src/domain/step.js";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { createTemplateProvider } from "../../src/llm/template/template-provider.js";
import type { Provider } from "../../src/llm/provider.js";
import { exitCodeFor } from "../../src/cli/commands/run.js";
import { renderSummary } from "../../src/local/render-report.js";
import { runLocalTask } from "../../src/local/run-local-task.js";
import { testDatabases } from "../support/databases.js";
import { checkoutState, exampleRepo, git } from "./example-repo.js";

// These run the repository's tests several times each; the database side is covered on every
// backend by run-local-task.test.ts, so one backend is enough here.
const [backend] = testDatabases();
// Generous: the repository's tests run for real, on machines that may be busy.
const SLOW = 600_000;
const spec = (title: string) => ({ title, description: "", acceptanceCriteria: [], areas: [] });
const approve = async () => true;
const usage = { tokensIn: 0, tokensOut: 0, costUsd: 0 };

/** Writes a buggy add() first and the right one when asked to fix, to drive the fix loop. */
function learningProvider(seen: AgentInput[]): Provider {
  return {
    name: "template",
    model: undefined,
    assess: () => ({ supported: true }),
    async run(agent: AgentName, input: AgentInput): Promise<AgentResult> {
      seen.push(input);
      const files: Record<AgentName, { path: string; content: string }> = {
        CodeGenerationAgent: { path: "src/add.js", content: `module.exports = (a, b) => a ${input.fix ? "+" : "-"} b;\n` },
        TestingAgent: {
          path: "test/add.test.js",
          content: "const test = require('node:test');\nconst assert = require('node:assert');\nconst add = require('../src/add');\ntest('adds two numbers', () => { assert.strictEqual(add(1, 2), 3); });\n",
        },
        DocumentationAgent: { path: "docs/add.md", content: "# add\n\nThe add function adds two numbers.\n" },
      };
      const file = files[agent];
      return {
        outcome: "succeeded",
        changes: [{ action: "create", ...file }],
        report: { summary: `wrote ${file.path}`, details: [], ...(agent === "DocumentationAgent" ? { documents: [{ kind: "doc" as const, title: "add", body: file.content, path: file.path }] } : {}) },
        usage,
      };
    },
  };
}

describe(`runLocalTask test outcomes on ${backend!.name}`, () => {
  let handle: DatabaseHandle;
  const cleanups: (() => void)[] = [];
  beforeAll(async () => {
    handle = await backend!.open();
  }, SLOW);
  afterAll(async () => {
    await handle?.close();
  });
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  function repo(extra?: Record<string, string>) {
    const r = exampleRepo(extra);
    cleanups.push(r.remove);
    return r.dir;
  }

  it(
    "reports tests that already failed on the base commit as pre-existing, not as the change's doing",
    async () => {
      const dir = repo({ "test/broken.test.js": "require('node:test')('already broken', () => { throw new Error('broken before Archon came'); });\n" });
      const before = checkoutState(dir);
      const report = await runLocalTask({ repoPath: dir, spec: spec("Add GET /todos/:id returning the todo or 404") }, { db: handle.db, provider: createTemplateProvider(), approve });
      expect(report).toMatchObject({ outcome: "preexisting_failures", status: "ready_for_review" });
      expect(report.tests.base).toMatchObject({ status: "failed", failed: 1 });
      expect(report.tests.preexisting).toEqual([expect.objectContaining({ name: "already broken" })]);
      expect(report.tests.fixAttempts).toBe(0);
      expect(report.message).toContain("already failed on the base commit");
      expect(report.commits).toHaveLength(1);
      expect(checkoutState(dir)).toEqual(before);
    },
    SLOW,
  );

  it(
    "names a package manager that is not installed instead of running the tests, and keeps the commit",
    async () => {
      const dir = repo({ "pnpm-lock.yaml": "lockfileVersion: '9.0'\n" });
      const before = checkoutState(dir);
      const report = await runLocalTask(
        { repoPath: dir, spec: spec("Add GET /todos/:id returning the todo or 404") },
        { db: handle.db, provider: createTemplateProvider(), approve, isInstalled: (program) => program !== "pnpm" },
      );
      expect(report).toMatchObject({ outcome: "missing_tool", status: "needs_attention", tests: { command: "pnpm test", missingTool: "pnpm", runs: [] } });
      expect(report.tests.base).toBeUndefined();
      expect(report.message).toBe(
        `\`pnpm\` is not installed on this machine, so the tests could not run: install it (e.g. \`npm install -g pnpm\` or \`corepack enable pnpm\`), then run \`pnpm test\` on ${report.branch}.`,
      );
      expect(report.commits).toHaveLength(1);
      expect(git(dir, "rev-parse", report.branch)).toBe(report.commits[0]);
      expect(exitCodeFor(report)).toBe(1);
      const summary = renderSummary(report, { tty: false });
      expect(summary).toContain("[!!] not run: `pnpm` is not installed on this machine (`pnpm test` needs it)");
      expect(summary).not.toMatch(/fail/i);
      expect(checkoutState(dir)).toEqual(before);
      const task = await handle.db.selectFrom("tasks").select(["status", "error"]).where("id", "=", report.taskId).executeTakeFirstOrThrow();
      expect(task).toEqual({ status: "needs_attention", error: report.message });
    },
    SLOW,
  );

  it(
    "reports a test script whose program is not found as a missing tool, not as tests that already failed",
    async () => {
      const pkg = { name: "todo-api", private: true, scripts: { test: "archon-missing-tool-xyz run" }, dependencies: { express: "^5.1.0" } };
      const dir = repo({ "package.json": `${JSON.stringify(pkg, null, 2)}\n` });
      const report = await runLocalTask({ repoPath: dir, spec: spec("Add GET /todos/:id returning the todo or 404") }, { db: handle.db, provider: createTemplateProvider(), approve });
      expect(report).toMatchObject({ outcome: "missing_tool", status: "needs_attention", tests: { command: "npm test", missingTool: "archon-missing-tool-xyz", runs: [] } });
      expect(report.tests.base).toMatchObject({ status: "not_started", missingProgram: "archon-missing-tool-xyz", summary: "`archon-missing-tool-xyz` not found (exit code 127)" });
      expect(report.message).toContain("`archon-missing-tool-xyz` is not installed on this machine, so the tests could not run");
      expect(report.message).not.toContain("already failed");
      expect(report.tests.preexisting).toEqual([]);
      expect(report.commits).toHaveLength(1);
      expect(renderSummary(report, { tty: false })).toContain("[!!] tests on the base commit: `archon-missing-tool-xyz` not found (exit code 127)");
    },
    SLOW,
  );

  it(
    "stops a test command that hangs at the timeout and says so",
    async () => {
      const dir = repo({ ".github/archon.yml": "testCommand: sleep 600\ntestTimeoutSeconds: 10\n" });
      const before = checkoutState(dir);
      const report = await runLocalTask({ repoPath: dir, spec: spec("Add GET /todos/:id returning the todo or 404") }, { db: handle.db, provider: createTemplateProvider(), approve });
      expect(report).toMatchObject({ outcome: "timed_out", status: "needs_attention" });
      expect(report.tests.base).toMatchObject({ status: "timed_out", summary: "timed out after 10 s" });
      expect(report.message).toContain("timed out after 10 s");
      expect(git(dir, "worktree", "list").split("\n")).toHaveLength(1);
      expect(checkoutState(dir)).toEqual(before);
      const ci = await handle.db.selectFrom("ci_results").select("conclusion").where("task_id", "=", report.taskId).execute();
      expect(ci).toEqual([{ conclusion: "timed_out" }]);
    },
    SLOW,
  );

  it(
    "gives new failures back to the agents and commits the fix on the same branch",
    async () => {
      const dir = repo();
      const seen: AgentInput[] = [];
      const report = await runLocalTask({ repoPath: dir, spec: spec("Add an add function") }, { db: handle.db, provider: learningProvider(seen), approve });
      expect(report).toMatchObject({ outcome: "passed", status: "ready_for_review" });
      expect(report.commits).toHaveLength(2);
      expect(report.tests.fixAttempts).toBe(1);
      expect(report.tests.runs.map((r) => r.status)).toEqual(["failed", "passed"]);
      const fix = seen.find((s) => s.fix)?.fix;
      expect(fix).toMatchObject({ attempt: 1, failures: [expect.objectContaining({ name: "adds two numbers" })] });
      expect(git(dir, "log", "--format=%s", `main..${report.branch}`).split("\n")).toEqual(["Fix failing tests (attempt 1)", "Add an add function"]);
      const task = await handle.db.selectFrom("tasks").select(["fix_attempts", "status"]).where("id", "=", report.taskId).executeTakeFirstOrThrow();
      expect(task).toEqual({ fix_attempts: 1, status: "ready_for_review" });
      const runs = await handle.db.selectFrom("agent_runs").select(["agent", "attempt"]).where("task_id", "=", report.taskId).orderBy("id").execute();
      expect(runs.map((r) => `${r.agent}@${r.attempt}`)).toEqual(["CodeGenerationAgent@1", "TestingAgent@1", "DocumentationAgent@1", "CodeGenerationAgent@2", "TestingAgent@2"]);
    },
    SLOW,
  );

  it(
    "reports failing tests when no fix attempt is allowed",
    async () => {
      const dir = repo();
      const report = await runLocalTask({ repoPath: dir, spec: spec("Add an add function"), maxFixAttempts: 0 }, { db: handle.db, provider: learningProvider([]), approve });
      expect(report).toMatchObject({ outcome: "tests_failed", status: "needs_attention" });
      expect(report.tests.runs.at(-1)!.failures).toEqual([expect.objectContaining({ name: "adds two numbers" })]);

      // The next task on the repository gets the stored doc as knowledge.
      const seen: AgentInput[] = [];
      const next = await runLocalTask(
        { repoPath: dir, spec: spec("Document the add function") },
        {
          db: handle.db,
          approve,
          provider: { ...learningProvider([]), run: async (_agent, input) => (seen.push(input), { outcome: "failed", error: "stop here", usage }) },
        },
      );
      expect(next.outcome).toBe("agent_failed");
      expect(seen[0]!.knowledge).toEqual([expect.objectContaining({ kind: "doc", title: "add" })]);
    },
    SLOW,
  );
});
