import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import type { AgentResult } from "../../../src/domain/agent.js";
import { createAgents } from "../../../src/agents/create-agents.js";
import { TaskSpec } from "../../../src/domain/task-spec.js";
import type { FileChange } from "../../../src/domain/forge.js";
import { createTemplateProvider } from "../../../src/llm/template/template-provider.js";
import { detectFacts } from "../../../src/repo/detect-facts.js";
import { applyChanges, copyFixture, fsRepoView, ROOT_NODE_MODULES } from "../../support/fs-repo-view.js";

const run = promisify(execFile);
const copies: string[] = [];

/** Removes the fixture copies; call from the test file's afterAll. */
export function cleanUp(): Promise<void[]> {
  return Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
}

// Each fixture ships three passing tests.
const SHIPPED_TESTS = 3;

const PASSED: Record<string, RegExp> = {
  jest: /Tests:\s+(\d+) passed/,
  vitest: /Tests\s+(\d+) passed/,
  "node:test": /# pass (\d+)/,
  pytest: /(\d+) passed/,
};

/** The child runs the fixture's own runner, not inside this vitest: drop vitest's variables. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: `${join(ROOT_NODE_MODULES, ".bin")}:${process.env.PATH ?? ""}`, HOME: process.env.HOME, CI: "1", NO_COLOR: "1" };
  return env;
}

async function runTests(dir: string, command: string): Promise<{ ok: boolean; output: string }> {
  // Debian's python3 has FastAPI, pytest and httpx; the first python3 on PATH may not.
  const cmd = command.replace(/^python3\b/, "/usr/bin/python3");
  try {
    const { stdout, stderr } = await run("sh", ["-c", `${cmd} 2>&1`], { cwd: dir, env: childEnv(), maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

function succeeded(result: AgentResult): Extract<AgentResult, { outcome: "succeeded" }> {
  if (result.outcome !== "succeeded") throw new Error(`agent did not succeed: ${JSON.stringify(result)}`);
  return result;
}

export const TASKS = {
  byId: "Add GET /todos/:id returning the todo or 404",
  crud: "Add a CRUD resource for books with title and author",
  post: "Add POST /notes that takes {text} and returns 201 with the note",
  update: "Add PATCH /todos/:id that takes {title} and returns the todo, or 404 when it does not exist",
};


/** Runs the three agents on a copy of a fixture, applies their changes and runs the fixture's own tests. */
export async function runAllAgents(fixture: string, title: string): Promise<void> {
    const dir = await copyFixture(fixture);
    copies.push(dir);
    const repo = fsRepoView(dir, "main");
    const facts = await detectFacts(repo);
    const agents = createAgents(createTemplateProvider());
    const task = TaskSpec.parse({ title });
    const previous: FileChange[] = [];
    const step = (agent: keyof typeof agents, position: number) => ({ position, agent, title, dependsOn: [], files: [] });

    const code = succeeded(await agents.CodeGenerationAgent.run({ task, step: step("CodeGenerationAgent", 1), repo, facts, knowledge: [], previousChanges: [] }));
    previous.push(...code.changes);
    const tests = succeeded(await agents.TestingAgent.run({ task, step: step("TestingAgent", 2), repo, facts, knowledge: [], previousChanges: [...previous] }));
    previous.push(...tests.changes);
    const docs = succeeded(await agents.DocumentationAgent.run({ task, step: step("DocumentationAgent", 3), repo, facts, knowledge: [], previousChanges: [...previous] }));

    expect(code.changes.length).toBeGreaterThan(0);
    expect(tests.changes).toHaveLength(1);
    expect(tests.report.testsAdded!.length).toBeGreaterThanOrEqual(2);
    expect(docs.report.documents).toEqual([expect.objectContaining({ kind: "doc", path: expect.stringMatching(/\.md$/i) })]);
    expect(docs.changes.map((c) => c.path)).toContain(docs.report.documents![0]!.path);
    for (const change of [...code.changes, ...tests.changes, ...docs.changes]) {
      expect(change.action === "delete" ? "" : change.content).not.toMatch(/\bTODO\b|FIXME|[Pp]laceholder|not implemented/);
    }

    await applyChanges(dir, [...code.changes, ...tests.changes, ...docs.changes]);
    const result = await runTests(dir, facts.testCommand!);
    expect(result.output).not.toBe("");
    expect(result.ok, result.output).toBe(true);
    const passed = Number(PASSED[facts.testRunner]!.exec(result.output)?.[1]);
    expect(passed, result.output).toBe(SHIPPED_TESTS + tests.report.testsAdded!.length);

    if (fixture === "express-ts-vitest") {
      const typecheck = await runTests(dir, "tsc --noEmit -p .");
      expect(typecheck.ok, typecheck.output).toBe(true);
    }
  }
