import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CommitRequest, CommitResult, FileChange } from "../../domain/forge.js";
import { withBranchTrailer } from "./branch-owner.js";
import { LocalForgeError } from "./errors.js";
import { git } from "../../repo/git.js";

const ZERO_SHA = "0000000000000000000000000000000000000000";

/** Paths come from agents; the forge refuses anything that could escape the tree or touch .git. */
function checkPath(p: string): void {
  const parts = p.split("/");
  if (p === "" || p.startsWith("/") || parts.some((s) => s === ".." || s === "." || s === "") || parts[0] === ".git") {
    throw new LocalForgeError("bad_ref", `Refusing to write the path "${p}": paths must be relative and stay inside the repository.`);
  }
}

async function stageChange(root: string, env: Record<string, string>, parent: string, change: FileChange): Promise<void> {
  checkPath(change.path);
  if (change.action === "delete") {
    await git(root, ["update-index", "--force-remove", "--", change.path], { env });
    return;
  }
  const blob = (await git(root, ["hash-object", "-w", "--stdin"], { env, input: change.content })).trim();
  // An executable script stays executable when an agent edits it.
  const existing = await git(root, ["ls-tree", "-z", parent, "--", change.path], { env });
  const mode = existing.startsWith("100755 ") ? "100755" : "100644";
  await git(root, ["update-index", "--add", "--cacheinfo", `${mode},${blob},${change.path}`], { env });
}

/**
 * Writes one commit on `branch` on top of `parent` through a temporary index, so the person's
 * working tree, index and checked-out branch are never touched. `tip` is the branch's current
 * commit (undefined when the branch is new): update-ref checks it, so a concurrent change to the
 * branch makes this fail instead of losing that change.
 */
export async function writeCommit(
  root: string,
  request: CommitRequest,
  parent: string,
  tip: string | undefined,
): Promise<CommitResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "archon-index-"));
  const env = { GIT_INDEX_FILE: path.join(dir, "index") };
  try {
    await git(root, ["read-tree", parent], { env });
    for (const change of request.changes) await stageChange(root, env, parent, change);
    const tree = (await git(root, ["write-tree"], { env })).trim();
    const parentTree = (await git(root, ["rev-parse", `${parent}^{tree}`])).trim();
    if (tree === parentTree) return { sha: parent, branch: request.branch, created: false };
    const { name, email } = request.author;
    const sha = (
      await git(root, ["commit-tree", "--no-gpg-sign", tree, "-p", parent, "-F", "-"], {
        input: withBranchTrailer(request.message, request.branch),
        env: {
          GIT_AUTHOR_NAME: name,
          GIT_AUTHOR_EMAIL: email,
          GIT_COMMITTER_NAME: name,
          GIT_COMMITTER_EMAIL: email,
        },
      })
    ).trim();
    await git(root, ["update-ref", "-m", "archon: commit", `refs/heads/${request.branch}`, sha, tip ?? ZERO_SHA]);
    return { sha, branch: request.branch, created: true };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
