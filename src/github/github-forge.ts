import type { CommitResult, Forge } from "../forge/forge.js";
import type { RepoTarget } from "./client.js";
import { type GitHubCommitRequest, commitChanges, resolveCommit } from "./github-commit.js";
import { type BlobCache, type TreeModes, createTreeView, loadTree } from "./github-view.js";
import { countRequests } from "./request-counter.js";

export type { GitHubCommitRequest } from "./github-commit.js";

export interface GitHubForge extends Forge {
  readonly kind: "github";
  commit(request: GitHubCommitRequest): Promise<CommitResult>;
}

/**
 * The Forge port over the GitHub REST API for one repository. `blobs` may be shared by the
 * forges a worker creates for successive jobs: blob contents are addressed by sha and never change,
 * so a later step reads only what no earlier one did.
 */
export function createGitHubForge(target: RepoTarget, blobs: BlobCache = new Map()): GitHubForge {
  const { octokit, owner, repo } = target;
  const requestCount = countRequests(octokit);
  // Modes of the trees already read, so a commit on top of one keeps executables executable.
  const modes = new Map<string, TreeModes>();
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
    async view(ref) {
      const tree = await loadTree(target, ref);
      modes.set(tree.sha, tree.modes);
      return createTreeView(target, ref, tree, blobs);
    },
    commit(request) {
      return commitChanges(target, request, (treeSha) => modes.get(treeSha));
    },
    requestCount,
  };
}
