import type { Forge } from "../domain/forge.js";
import { createBoundedMap } from "./bounded-blob-cache.js";
import type { RepoTarget } from "./client.js";
import { type GitHubCommitRequest, type GitHubCommitResult, type PinnedBase, SHA, commitChanges, pinCommit, resolveCommit } from "./github-commit.js";
import { type BlobCache, type GitHubRepoView, type TreeCache, createTreeView, loadTree, loadTreeOnce } from "./github-view.js";
import { createBlobReader } from "./read-blobs.js";
import { countRequests } from "./request-counter.js";

export type { GitHubCommitRequest, GitHubCommitResult, PinnedBase } from "./github-commit.js";

export interface GitHubForge extends Forge {
  readonly kind: "github";
  /** The commit a branch (or sha) names now, with its root tree; undefined when it does not exist. */
  pin(ref: string): Promise<PinnedBase | undefined>;
  view(ref: string): Promise<GitHubRepoView>;
  /** A view of a pinned commit. Its tree is read once for every forge sharing the cache. */
  viewPinned(base: PinnedBase): Promise<GitHubRepoView>;
  commit(request: GitHubCommitRequest): Promise<GitHubCommitResult>;
}

// Whole trees of big repositories are large: a worker keeps the few its current tasks read.
const TREES_KEPT = 32;

// Forges that share a blob cache (one worker's jobs) share a tree cache too, without every
// caller having to carry a second cache around.
const treeCaches = new WeakMap<BlobCache, TreeCache>();

function treesBeside(blobs: BlobCache): TreeCache {
  let trees = treeCaches.get(blobs);
  if (trees === undefined) {
    trees = createBoundedMap(TREES_KEPT);
    treeCaches.set(blobs, trees);
  }
  return trees;
}

/**
 * The Forge port over the GitHub REST API for one repository. `blobs` may be shared by the
 * forges a worker creates for successive jobs: blob contents and trees are addressed by sha and
 * never change, so a later step reads only what no earlier one did.
 */
export function createGitHubForge(target: RepoTarget, blobs: BlobCache = new Map()): GitHubForge {
  const { octokit, owner, repo } = target;
  const requestCount = countRequests(octokit);
  const trees = treesBeside(blobs);
  const reader = createBlobReader(target, blobs);
  let defaultBranch: Promise<string> | undefined;

  return {
    kind: "github",
    defaultBranch() {
      defaultBranch ??= octokit.rest.repos.get({ owner, repo }).then((r) => r.data.default_branch);
      defaultBranch.catch(() => (defaultBranch = undefined));
      return defaultBranch;
    },
    resolve(ref) {
      return resolveCommit(target, ref);
    },
    pin(ref) {
      return pinCommit(target, ref);
    },
    async view(ref) {
      // A branch name may move: read it, and keep the tree for views pinned to the same sha.
      const tree = await loadTree(target, ref);
      trees.set(tree.sha, Promise.resolve(tree));
      const view = createTreeView(ref, tree, reader);
      if (SHA.test(ref)) return view;
      // The tree read by name does not tell its commit: the first read of its files asks for the
      // branch's head in the same query, and it is this tree's commit if its tree is this one.
      let base: PinnedBase | undefined;
      reader.headAlong(ref, (head) => (base = head?.tree === tree.sha ? head : undefined));
      return { ...view, base: () => base };
    },
    async viewPinned(base) {
      const tree = await loadTreeOnce(target, base.tree, trees);
      return createTreeView(base.commit, tree, reader);
    },
    commit(request) {
      // Modes the request does not carry come from the base tree: cached when a step of this
      // worker read it, else read once.
      return commitChanges(target, request, async (treeSha) => (await loadTreeOnce(target, treeSha, trees)).modes);
    },
    requestCount,
  };
}
