import type { CommitRequest, CommitResult, FileChange } from "../domain/forge.js";
import { type RepoTarget, NO_RETRY, httpStatus, isUncertain, orNotFound } from "./client.js";
import { type Person, withCoAuthor } from "./commit-message.js";
import type { TreeModes } from "./github-view.js";
import type { PinnedBase } from "../domain/forge.js";

export interface GitHubCommitRequest extends CommitRequest {
  /** The person the work is done for; credited with a trailer, never as the author. */
  coAuthor?: Person;
  /** Root tree of `base` when `base` is a commit sha whose tree is known (a pinned base): not read again. */
  baseTree?: string;
  /**
   * The branch is not expected to exist (no commit of the task has reached it): it is created
   * without being read first. When it exists after all (a job run again, a branch an earlier task
   * left), creating its ref fails with 422 and the commit is made again on the branch's head.
   */
  newBranch?: boolean;
  /**
   * Git modes of the changed paths that are not regular files in the base (100755, 120000), as
   * recorded when the changes were made; every other path is written as a regular file. Without
   * it, the modes are taken from the tree the commit builds on.
   */
  modes?: Record<string, string>;
}

export interface GitHubCommitResult extends CommitResult {
  /**
   * This call created the branch. An open pull request needs its head branch, so none can be
   * open from this one yet.
   */
  branchCreated: boolean;
}

export type { PinnedBase };

/** The branch moved (or appeared) under us between reading and writing it. */
class BranchMoved extends Error {}

export const SHA = /^[0-9a-f]{40}$/i;
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

/**
 * The commit a branch or a full sha names now, with its root tree, or undefined when neither
 * exists: one request (the branch endpoint carries both).
 */
export async function pinCommit(target: RepoTarget, ref: string): Promise<PinnedBase | undefined> {
  if (SHA.test(ref)) {
    const found = await commitWithTree(target, ref);
    return found === undefined ? undefined : { commit: found.sha, tree: found.tree };
  }
  const { octokit, owner, repo } = target;
  const found = await orNotFound(() => octokit.rest.repos.getBranch({ owner, repo, branch: branchName(ref) }));
  return found === undefined ? undefined : { commit: found.data.commit.sha, tree: found.data.commit.commit.tree.sha };
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

/** Modes of a tree, by its sha: from a cache, or read. */
export type ModesOf = (treeSha: string) => Promise<TreeModes>;

async function modesFor(request: GitHubCommitRequest, baseTree: string, modesOf: ModesOf): Promise<TreeModes | undefined> {
  if (request.modes !== undefined) return new Map(Object.entries(request.modes));
  // A deleted entry needs no mode.
  return request.changes.every((c) => c.action === "delete") ? undefined : modesOf(baseTree);
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
  modesOf: ModesOf,
  readBranch: boolean,
): Promise<GitHubCommitResult> {
  const { octokit, owner, repo } = target;
  const branch = branchName(request.branch);
  // 1. The branch builds on its own head when it exists (force=false needs a fast-forward).
  const head = readBranch ? await branchHead(target, branch) : undefined;
  const from = head ?? request.base;
  const parent =
    from === request.base && request.baseTree !== undefined ? { sha: from, tree: request.baseTree } : await commitWithTree(target, from);
  if (parent === undefined) throw new Error(`base ${request.base} does not exist in ${owner}/${repo}`);
  const baseTree = parent.tree;
  // 2. One tree: base_tree plus the changed entries, contents inline. Trees are content-addressed,
  //    so a resent request returns the same sha.
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: baseTree,
    tree: treeEntries(request.changes, await modesFor(request, baseTree, modesOf)),
  });
  // 3. A job run twice: the branch already holds exactly this tree.
  if (head !== undefined && tree.sha === baseTree) return { sha: head, branch, created: false, branchCreated: false };
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
  return { sha: commit.sha, branch, created: true, branchCreated: head === undefined };
}

/**
 * Writes one commit on the branch through the Git Data API, creating the branch from base when
 * missing. Changed files keep their modes: from `request.modes`, else from `modesOf` the tree.
 */
export async function commitChanges(target: RepoTarget, request: GitHubCommitRequest, modesOf: ModesOf): Promise<GitHubCommitResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      // Only the first attempt may trust that the branch is new: after a BranchMoved, it is read.
      return await commitOnce(target, request, modesOf, attempt > 1 || request.newBranch !== true);
    } catch (error) {
      if (!(error instanceof BranchMoved) || attempt >= ATTEMPTS) throw error;
    }
  }
}
