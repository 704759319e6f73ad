import { existsSync, writeFileSync } from "node:fs";
import { mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { git } from "../repo/git.js";

/**
 * Worktrees live in `<tmp>/archon-worktree-<pid>-XXXXXX/tree`, the pid being the process that made
 * them, so a later run can tell which ones a crashed process left (removeStaleWorktrees).
 */
export const WORKTREE_PARENT = /^archon-worktree-(\d+)-[^/\\]+$/;
/** Beside the tree: the process group id of the test command running in it. */
export const PROCESS_GROUP_FILE = "archon-run.pid";

export interface WorktreeOptions {
  /** Already aborted: no worktree is made. Aborted during `work`: the worktree is still removed. */
  signal?: AbortSignal | undefined;
}

/** The pid of the process that made an Archon worktree, or undefined for any other path. */
export function worktreeOwner(dir: string): number | undefined {
  if (path.basename(dir) !== "tree") return undefined;
  const match = WORKTREE_PARENT.exec(path.basename(path.dirname(dir)));
  return match ? Number(match[1]) : undefined;
}

/**
 * Notes the process group of a command running in the worktree, so the process group can be
 * killed if this process dies before it. Best effort: a missing note only loses that clean-up.
 */
export function recordProcessGroup(dir: string, processGroup: number): void {
  try {
    writeFileSync(path.join(path.dirname(dir), PROCESS_GROUP_FILE), `${processGroup}\n`);
  } catch {
    // The worktree is being removed.
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error(`stopped before the worktree was used: ${String(signal.reason)}`, { cause: signal.reason });
}

/**
 * Checks out `ref` in a temporary worktree, runs `work` there and removes the worktree, so tests
 * of a branch run without touching the person's checkout. When the repository has node_modules
 * and the branch does not carry its own, the worktree links to the repository's, so the tests run
 * with the dependencies the person installed.
 */
export async function withWorktree<T>(repoRoot: string, ref: string, work: (dir: string) => Promise<T>, options: WorktreeOptions = {}): Promise<T> {
  const dir = await addWorktree(repoRoot, ref, options);
  try {
    throwIfAborted(options.signal);
    return await work(dir);
  } finally {
    await removeWorktree(repoRoot, dir);
  }
}

/**
 * Checks out `ref` in a new temporary worktree (node_modules linked as withWorktree does) and
 * returns its folder; the caller removes it with removeWorktree. Nothing is left when it throws.
 */
export async function addWorktree(repoRoot: string, ref: string, options: WorktreeOptions = {}): Promise<string> {
  throwIfAborted(options.signal);
  const parent = await mkdtemp(path.join(os.tmpdir(), `archon-worktree-${process.pid}-`));
  const dir = path.join(parent, "tree");
  try {
    await git(repoRoot, ["worktree", "add", "--detach", "--quiet", dir, ref]);
    const modules = path.join(repoRoot, "node_modules");
    if (existsSync(modules) && !existsSync(path.join(dir, "node_modules"))) {
      await symlink(await realpath(modules), path.join(dir, "node_modules"), "dir");
    }
    return dir;
  } catch (error) {
    await removeWorktree(repoRoot, dir);
    throw error;
  }
}

/** Removes an Archon worktree and the folder made for it; never throws. */
export async function removeWorktree(repoRoot: string, dir: string): Promise<void> {
  await git(repoRoot, ["worktree", "remove", "--force", dir]).catch(() => undefined);
  // Only a folder of Archon's own naming is deleted, whatever path is given.
  if (worktreeOwner(dir) !== undefined) await rm(path.dirname(dir), { recursive: true, force: true }).catch(() => undefined);
  await git(repoRoot, ["worktree", "prune"]).catch(() => undefined);
}
