import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAlive } from "../../src/testing/process-alive.js";
import { removeStaleWorktrees } from "../../src/testing/stale-worktrees.js";
import { sh, tempRepo } from "../forge/local/temp-repo.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A pid that named a process a moment ago and names none now. */
function deadPid(): number {
  const { pid } = spawnSync("true");
  return pid!;
}

/** A worktree where Archon makes them, as process `owner` would have named it. */
function worktreeOf(repo: string, owner: number, name = `archon-worktree-${owner}-`): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), name));
  cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
  const tree = path.join(realpathSync(parent), "tree");
  sh(repo, "worktree", "add", "--detach", "--quiet", tree, "main");
  return tree;
}

function listed(repo: string): string[] {
  return sh(repo, "worktree", "list", "--porcelain")
    .split("\n")
    .filter((line) => line.startsWith("worktree "))
    .map((line) => line.slice("worktree ".length));
}

describe("removeStaleWorktrees", () => {
  it("removes a worktree whose owner is dead, and kills the tests it left running", async () => {
    const { dir, remove } = tempRepo({ "README.md": "x\n" });
    cleanups.push(remove);
    const stale = worktreeOf(dir, deadPid());
    // The test command of the crashed run: a process group of its own, still running.
    const tests: ChildProcess = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    cleanups.push(() => tests.kill("SIGKILL"));
    writeFileSync(path.join(path.dirname(stale), "archon-run.pid"), `${tests.pid}\n`);
    expect(isAlive(-tests.pid!)).toBe(true);

    expect(await removeStaleWorktrees(dir)).toEqual([stale]);
    expect(listed(dir)).not.toContain(stale);
    expect(existsSync(path.dirname(stale))).toBe(false);
    await expect.poll(() => isAlive(-tests.pid!), { timeout: 5_000 }).toBe(false);
  });

  it("leaves the worktrees of live processes and those Archon did not make", async () => {
    const { dir, remove } = tempRepo({ "README.md": "x\n" });
    cleanups.push(remove);
    const mine = worktreeOf(dir, process.pid);
    const theirs = worktreeOf(dir, deadPid(), "someone-elses-");
    const outside = path.join(realpathSync(mkdtempSync(path.join(os.tmpdir(), "archon-wt-other-"))), "tree");
    cleanups.push(() => rmSync(path.dirname(outside), { recursive: true, force: true }));
    mkdirSync(path.dirname(outside), { recursive: true });
    sh(dir, "worktree", "add", "--detach", "--quiet", outside, "main");

    expect(await removeStaleWorktrees(dir)).toEqual([]);
    expect(listed(dir)).toEqual(expect.arrayContaining([mine, theirs, outside]));
    expect(existsSync(mine)).toBe(true);
  });

  it("finds nothing in a repository without worktrees", async () => {
    const { dir, remove } = tempRepo({ "README.md": "x\n" });
    cleanups.push(remove);
    expect(await removeStaleWorktrees(dir)).toEqual([]);
  });
});
