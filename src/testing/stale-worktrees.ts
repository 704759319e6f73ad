import { readFile } from "node:fs/promises";
import path from "node:path";
import { git } from "../repo/git.js";
import { isAlive } from "./process-alive.js";
import { PROCESS_GROUP_FILE, removeWorktree, worktreeOwner } from "./worktree.js";

/** Paths of the repository's worktrees, from `git worktree list --porcelain`. */
function worktreePaths(porcelain: string): string[] {
  return porcelain
    .split("\n")
    .filter((line) => line.startsWith("worktree "))
    .map((line) => line.slice("worktree ".length));
}

/** Kills the test command a dead run left in the worktree, if its process group is still there. */
async function killLeftoverTests(dir: string): Promise<void> {
  const text = await readFile(path.join(path.dirname(dir), PROCESS_GROUP_FILE), "utf8").catch(() => "");
  const processGroup = Number(text.trim());
  if (!Number.isInteger(processGroup) || processGroup <= 1 || !isAlive(-processGroup)) return;
  try {
    process.kill(-processGroup, "SIGKILL");
  } catch {
    // Gone in the meantime.
  }
}

/**
 * Removes the worktrees of `repoRoot` that an Archon process which is no longer running left behind
 * (a crash, a kill -9), with any test command still running in them, and returns their paths.
 * Worktrees of live Archon processes, and every worktree not made by Archon, are left alone.
 */
export async function removeStaleWorktrees(repoRoot: string): Promise<string[]> {
  const listed = worktreePaths(await git(repoRoot, ["worktree", "list", "--porcelain"]));
  const stale = listed.filter((dir) => {
    const owner = worktreeOwner(dir);
    return owner !== undefined && !isAlive(owner);
  });
  for (const dir of stale) {
    await killLeftoverTests(dir);
    await removeWorktree(repoRoot, dir);
  }
  return stale;
}
