import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLocalForge } from "../../src/forge/local/local-forge.js";
import { PYTEST_COMMAND, chooseTestCommand } from "../../src/testing/choose-test-command.js";
import { isAlive } from "../../src/testing/process-alive.js";
import { runTestsAt } from "../../src/testing/run-tests-at.js";
import { sh, tempRepo } from "../forge/local/temp-repo.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe("runTestsAt", () => {
  it("tests a branch in a throwaway worktree using the repository's node_modules, and removes it", async () => {
    const { dir, remove } = tempRepo({
      "package.json": JSON.stringify({ name: "x", scripts: { test: "node --test" } }),
      ".gitignore": "node_modules/\n",
      "a.test.js": "const test = require('node:test'); const dep = require('dep'); test('dep', () => { if (dep !== 42) throw new Error('no dep'); });\n",
    });
    cleanups.push(remove);
    mkdirSync(path.join(dir, "node_modules/dep"), { recursive: true });
    writeFileSync(path.join(dir, "node_modules/dep/index.js"), "module.exports = 42;\n");
    const forge = await createLocalForge(dir);
    await forge.commit({
      branch: "archon/task-1",
      base: "main",
      message: "second test",
      author: { name: "Archon", email: "archon@localhost" },
      changes: [{ action: "create", path: "b.test.js", content: "require('node:test')('b', () => {});\n" }],
    });
    const before = sh(dir, "status", "--porcelain");
    const run = await runTestsAt({ repoRoot: dir, ref: "archon/task-1", command: "npm test", timeoutSeconds: 120 });
    expect(run).toMatchObject({ status: "passed", passed: 2, failed: 0 });
    expect(sh(dir, "worktree", "list")).not.toContain("archon-worktree-");
    expect(sh(dir, "status", "--porcelain")).toBe(before);
  });
});

describe("runTestsAt stopped by its signal", () => {
  function worktrees(dir: string): string[] {
    return sh(dir, "worktree", "list", "--porcelain")
      .split("\n")
      .filter((line) => line.startsWith("worktree ") && line.includes("archon-worktree-"))
      .map((line) => line.slice("worktree ".length));
  }

  it("kills the test command's process group and removes the worktree", async () => {
    const { dir, remove } = tempRepo({ "README.md": "x\n" });
    cleanups.push(remove);
    const controller = new AbortController();
    const running = runTestsAt({ repoRoot: dir, ref: "main", command: "sleep 60", timeoutSeconds: 120, signal: controller.signal });
    // The worktree is named after this process, and notes the test command's process group beside it.
    const groupFile = () => {
      const [tree] = worktrees(dir);
      return tree ? path.join(path.dirname(tree), "archon-run.pid") : "";
    };
    await expect.poll(() => groupFile() !== "" && existsSync(groupFile()), { timeout: 10_000 }).toBe(true);
    const [tree] = worktrees(dir);
    expect(path.basename(path.dirname(tree!))).toMatch(new RegExp(`^archon-worktree-${process.pid}-`));
    const group = Number(readFileSync(groupFile(), "utf8"));
    expect(isAlive(-group)).toBe(true);

    controller.abort("interrupted (SIGINT)");
    const run = await running;
    expect(run).toMatchObject({ status: "interrupted", summary: "interrupted" });
    // The last of the group may take a moment to be reaped once killed.
    await expect.poll(() => isAlive(-group), { timeout: 5_000 }).toBe(false);
    expect(worktrees(dir)).toEqual([]);
    expect(existsSync(path.dirname(tree!))).toBe(false);
  });

  it("makes no worktree when the run was stopped before", async () => {
    const { dir, remove } = tempRepo({ "README.md": "x\n" });
    cleanups.push(remove);
    const controller = new AbortController();
    controller.abort("terminated (SIGTERM)");
    const run = await runTestsAt({ repoRoot: dir, ref: "main", command: "sleep 60", timeoutSeconds: 120, signal: controller.signal });
    expect(run).toMatchObject({ status: "interrupted" });
    expect(worktrees(dir)).toEqual([]);
  });
});

describe("chooseTestCommand", () => {
  function view(files: Record<string, string>) {
    return {
      ref: "x",
      files: async () => Object.keys(files).map((p) => ({ path: p, sha: p, size: 1 })),
      read: async (p: string) => files[p],
    };
  }
  it.each([
    ["config wins", { "package.json": '{"scripts":{"test":"jest"}}' }, "make test", undefined, { command: "make test", source: "archon.yml" }],
    ["detected next", { "package.json": '{"scripts":{"test":"jest"}}' }, undefined, "yarn test", { command: "yarn test", source: "detected" }],
    ["package.json script", { "package.json": '{"scripts":{"test":"jest"}}' }, undefined, undefined, { command: "npm test", source: "package.json" }],
    ["npm placeholder is no test", { "package.json": '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}' }, undefined, undefined, undefined],
    ["pytest for python tests", { "tests/test_app.py": "" }, undefined, undefined, { command: PYTEST_COMMAND, source: "pytest" }],
    ["nothing", { "README.md": "" }, undefined, undefined, undefined],
  ])("%s", async (_name, files, configured, detected, expected) => {
    expect(await chooseTestCommand(view(files), configured, detected)).toEqual(expected);
  });
});
