import { lstat, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FileChange } from "../../domain/forge.js";
import { git } from "../../repo/git.js";

/**
 * Stages everything but the node_modules link a worktree gets: that is the person's, never part
 * of a change. Reset rather than an exclude pathspec, which git refuses when node_modules is ignored.
 */
async function stageAll(dir: string): Promise<void> {
  await git(dir, ["add", "-A", "--", "."]);
  await git(dir, ["reset", "-q", "--", "node_modules"]);
}

/** Writes changes into a checkout's files. */
export async function applyChanges(dir: string, changes: readonly FileChange[]): Promise<void> {
  for (const change of changes) {
    const file = path.join(dir, change.path);
    if (change.action === "delete") {
      await rm(file, { force: true });
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, change.content);
  }
}

/** Commits everything in the checkout (earlier steps' changes) so later diffs start there; the commit. */
export async function commitAll(dir: string, message: string): Promise<string> {
  await stageAll(dir);
  const staged = (await git(dir, ["diff", "--cached", "--name-only"])).trim() !== "";
  if (staged) {
    const env = { GIT_AUTHOR_NAME: "Archon", GIT_AUTHOR_EMAIL: "archon@localhost", GIT_COMMITTER_NAME: "Archon", GIT_COMMITTER_EMAIL: "archon@localhost" };
    await git(dir, ["commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message], { env });
  }
  return (await git(dir, ["rev-parse", "HEAD"])).trim();
}

/** Every file that differs in the checkout from `base`: added, changed or deleted, untracked files included. */
export async function changesSince(dir: string, base: string): Promise<FileChange[]> {
  await stageAll(dir);
  const fields = (await git(dir, ["diff", "--cached", "--name-status", "--no-renames", "-z", base])).split("\0");
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i]!;
    const file = fields[i + 1]!;
    if (status.startsWith("D")) {
      changes.push({ action: "delete", path: file });
      continue;
    }
    // A change is file text; a symbolic link or submodule the agent could not have made is left out.
    if (!(await lstat(path.join(dir, file))).isFile()) continue;
    changes.push({ action: status.startsWith("A") ? "create" : "modify", path: file, content: await readFile(path.join(dir, file), "utf8") });
  }
  return changes;
}
