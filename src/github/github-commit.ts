import type { CommitRequest, CommitResult, FileChange } from "../forge/forge.js";
import { type RepoTarget, NO_RETRY, httpStatus, isUncertain, orNotFound } from "./client.js";
import { type Person, withCoAuthor } from "./commit-message.js";
import type { TreeModes } from "./github-view.js";

export interface GitHubCommitRequest extends CommitRequest {
  /** The person the work is done for; credited with a trailer, never as the author. */
  coAuthor?: Person;
}

/** The branch moved (or appeared) under us between reading and writing it. */
class BranchMoved extends Error {}

const SHA = /^[0-9a-f]{40}$/i;
const ATTEMPTS = 3;

function branchName(ref: string): string {
  return ref.replace(/^refs\/heads\//, "");
}

/** Commit sha a branch points at, or undefined when it does not exist. */
export async function branchHead(target: RepoTarget, branch: string): Promise<string | undefined> {
  const { octokit, owner, repo } = target;
  const ref = await orNotFound(() => octokit.rest.git.getRef({ owner, repo, ref: `heads/${branchName(branch)}` }));
  return ref?.data.object.sha;
}

/** A commit and its root tree, for a branch name or a full sha; undefined when neither exists. */
async function commitWithTree(target: RepoTarget, ref: string): Promise<{ sha: string; tree: string } | undefined> {
  const { octokit, owner, repo } = target;
  const sha = SHA.test(ref) ? ref : await branchHead(target, ref);
  if (sha === undefined) return undefined;
  const commit = await orNotFound(() => octokit.rest.git.getCommit({ owner, repo, commit_sha: sha }));
  return commit === undefined ? undefined : { sha: commit.data.sha, tree: commit.data.tree.sha };
}

/** Commit sha for a branch name or a full sha, or undefined when neither exists. */
export async function resolveCommit(target: RepoTarget, ref: string): Promise<string | undefined> {
  return SHA.test(ref) ? (await commitWithTree(target, ref))?.sha : branchHead(target, ref);
}

type BlobMode = "100644" | "100755" | "120000";
const BLOB_MODES: readonly string[] = ["100644", "100755", "120000"] satisfies BlobMode[];

function blobMode(mode: string | undefined): BlobMode {
  return mode !== undefined && BLOB_MODES.includes(mode) ? (mode as BlobMode) : "100644";
}

function treeEntries(changes: FileChange[], modes: TreeModes | undefined) {
  return changes.map((change) => {
    const mode = blobMode(modes?.get(change.path));
    if (change.action === "delete") return { path: change.path, mode, type: "blob" as const, sha: null };
    return { path: change.path, mode, type: "blob" as const, content: change.content };
  });
}

async function setBranch(target: RepoTarget, branch: string, from: string | undefined, to: string): Promise<void> {
  const { octokit, owner, repo } = target;
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (from === undefined) {
        await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: to, request: NO_RETRY });
      } else {
        await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: to, force: false, request: NO_RETRY });
      }
      return;
    } catch (error) {
      if (!isUncertain(error) && httpStatus(error) !== 422) throw error;
      // The write may have landed (5xx) or someone else moved the branch (422): ask the ref.
      const now = await branchHead(target, branch);
      if (now === to) return;
      if (now !== from || httpStatus(error) === 422 || attempt >= ATTEMPTS) {
        if (now !== from) throw new BranchMoved(`branch ${branch} moved while committing`);
        throw error;
      }
    }
  }
}

async function commitOnce(
  target: RepoTarget,
  request: GitHubCommitRequest,
  modesOf: (treeSha: string) => TreeModes | undefined,
): Promise<CommitResult> {
  const { octokit, owner, repo } = target;
  const branch = branchName(request.branch);
  // 1. The branch builds on its own head when it exists (force=false needs a fast-forward).
  const head = await branchHead(target, branch);
  const parent = await commitWithTree(target, head ?? request.base);
  if (parent === undefined) throw new Error(`base ${request.base} does not exist in ${owner}/${repo}`);
  const baseTree = parent.tree;
  // 2. One tree: base_tree plus the changed entries. Trees are content-addressed, so a resent
  //    request returns the same sha.
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: baseTree,
    tree: treeEntries(request.changes, modesOf(baseTree)),
  });
  // 3. A job run twice: the branch already holds exactly this tree.
  if (head !== undefined && tree.sha === baseTree) return { sha: head, branch, created: false };
  // 4. One commit. A fixed date makes a resent request produce the same object.
  const date = new Date().toISOString();
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: withCoAuthor(request.message, request.coAuthor),
    tree: tree.sha,
    parents: [parent.sha],
    author: { ...request.author, date },
  });
  // 5. Move or create the branch.
  await setBranch(target, branch, head, commit.sha);
  return { sha: commit.sha, branch, created: true };
}

/** Writes one commit on the branch through the Git Data API, creating the branch from base when missing. */
export async function commitChanges(
  target: RepoTarget,
  request: GitHubCommitRequest,
  modesOf: (treeSha: string) => TreeModes | undefined = () => undefined,
): Promise<CommitResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await commitOnce(target, request, modesOf);
    } catch (error) {
      if (!(error instanceof BranchMoved) || attempt >= ATTEMPTS) throw error;
    }
  }
}
