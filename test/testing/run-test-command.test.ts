import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runTestCommand } from "../../src/testing/run-test-command.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "archon-run-test-"));
  dirs.push(d);
  return d;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("runTestCommand", () => {
  it("reports a passing node:test run with its counts", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.test.js"), "const test = require('node:test'); test('one', () => {}); test('two', () => {});\n");
    const run = await runTestCommand({ command: "node --test", cwd: dir, timeoutSeconds: 60 });
    expect(run).toMatchObject({ status: "passed", exitCode: 0, passed: 2, failed: 0, summary: "2 passed, 0 failed", failures: [] });
  });

  it("reports a failing run with the failures read from its output", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "a.test.js"),
      "const test = require('node:test'); const assert = require('node:assert');\ntest('ok', () => {});\ntest('adds', () => { assert.strictEqual(1 + 1, 3); });\n",
    );
    const run = await runTestCommand({ command: "node --test", cwd: dir, timeoutSeconds: 60 });
    expect(run).toMatchObject({ status: "failed", passed: 1, failed: 1, summary: "1 passed, 1 failed" });
    expect(run.exitCode).not.toBe(0);
    expect(run.failures).toEqual([expect.objectContaining({ name: "adds", message: expect.stringContaining("2 !== 3"), file: "a.test.js", line: 3 })]);
  });

  it("kills the whole process group of a command that hangs and says so", async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, "pid");
    // The shell starts a grandchild that would outlive a plain kill of the shell.
    const run = await runTestCommand({ command: `sleep 300 & echo $! > ${pidFile}; echo started; wait`, cwd: dir, timeoutSeconds: 1 });
    expect(run).toMatchObject({ status: "timed_out", summary: "timed out after 1 s" });
    expect(run.output).toContain("started");
    const pid = Number(readFileSync(pidFile, "utf8"));
    await expect.poll(() => alive(pid), { timeout: 5_000 }).toBe(false);
  });

  it("stops the whole process group on abort, SIGKILL after the grace for a command that ignores SIGTERM", async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, "pid");
    const controller = new AbortController();
    let group = 0;
    const started = Date.now();
    const running = runTestCommand({
      command: `trap '' TERM; sleep 60 & echo $! > ${pidFile}; wait`,
      cwd: dir,
      timeoutSeconds: 120,
      signal: controller.signal,
      onStart: (pgid) => (group = pgid),
    });
    await expect.poll(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "", { timeout: 5_000 }).toBe(true);
    const pid = Number(readFileSync(pidFile, "utf8"));
    controller.abort("interrupted (SIGINT)");
    const run = await running;
    expect(run).toMatchObject({ status: "interrupted", summary: "interrupted" });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(group).toBeGreaterThan(1);
    await expect.poll(() => alive(pid), { timeout: 5_000 }).toBe(false);
    await expect.poll(() => alive(-group), { timeout: 5_000 }).toBe(false);
  });

  it("starts nothing when the run was already stopped", async () => {
    const dir = tempDir();
    const controller = new AbortController();
    controller.abort("terminated (SIGTERM)");
    const run = await runTestCommand({ command: `touch ${path.join(dir, "ran")}`, cwd: dir, timeoutSeconds: 60, signal: controller.signal });
    expect(run).toMatchObject({ status: "interrupted", exitCode: null });
    expect(existsSync(path.join(dir, "ran"))).toBe(false);
  });

  it("keeps only the tail of a long output", async () => {
    const dir = tempDir();
    const run = await runTestCommand({ command: "seq 1 100000; exit 3", cwd: dir, timeoutSeconds: 60, maxOutputBytes: 1000 });
    expect(run).toMatchObject({ status: "failed", exitCode: 3, truncated: true, summary: "exit code 3" });
    expect(run.output.length).toBeLessThanOrEqual(1000);
    expect(run.output.trimEnd().endsWith("100000")).toBe(true);
  });

  it("keeps Archon's own credentials out of the tests' environment", async () => {
    const dir = tempDir();
    process.env.OPENAI_API_KEY = "sk-should-not-leak";
    try {
      const run = await runTestCommand({ command: 'echo "key=[$OPENAI_API_KEY] ci=$CI"', cwd: dir, timeoutSeconds: 60 });
      expect(run.output).toContain("key=[] ci=true");
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
  });

  it("reports a program the command cannot find as not started, naming it", async () => {
    const dir = tempDir();
    const run = await runTestCommand({ command: "CI=1 archon-missing-tool-xyz run", cwd: dir, timeoutSeconds: 60 });
    expect(run).toMatchObject({ status: "not_started", exitCode: 127, missingProgram: "archon-missing-tool-xyz", summary: "`archon-missing-tool-xyz` not found (exit code 127)" });
  });

  it("keeps tests that ran before a missing program as their own result", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.test.js"), "require('node:test')('one', () => {});\n");
    const run = await runTestCommand({ command: "node --test && archon-missing-tool-xyz", cwd: dir, timeoutSeconds: 60 });
    expect(run).toMatchObject({ status: "failed", exitCode: 127, passed: 1 });
    expect(run.missingProgram).toBeUndefined();
  });

  it("reports a missing working folder as a failed run instead of throwing", async () => {
    const run = await runTestCommand({ command: "true", cwd: path.join(tempDir(), "missing"), timeoutSeconds: 60 });
    expect(run).toMatchObject({ status: "failed", summary: expect.stringContaining("could not start") });
  });
});
