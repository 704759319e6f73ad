import { existsSync } from "node:fs";
import { mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { git } from "../forge/local/git.js";

/**
 * Checks out `ref` in a temporary worktree, runs `work` there and removes the worktree, so tests
 * of a branch run without touching the person's checkout. When the repository has node_modules
 * and the branch does not carry its own, the worktree links to the repository's, so the tests run
 * with the dependencies the person installed.
 */
export async function withWorktree<T>(repoRoot: string, ref: string, work: (dir: string) => Promise<T>): Promise<T> {
  const parent = await mkdtemp(path.join(os.tmpdir(), "archon-worktree-"));
  const dir = path.join(parent, "tree");
  try {
    await git(repoRoot, ["worktree", "add", "--detach", "--quiet", dir, ref]);
    const modules = path.join(repoRoot, "node_modules");
    if (existsSync(modules) && !existsSync(path.join(dir, "node_modules"))) {
      await symlink(await realpath(modules), path.join(dir, "node_modules"), "dir");
    }
    return await work(dir);
  } finally {
    await git(repoRoot, ["worktree", "remove", "--force", dir]).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    await git(repoRoot, ["worktree", "prune"]).catch(() => undefined);
  }
}
