import type { CommitRequest, CommitResult, ModedRepoView, PinnedBase, ReadableForge, RepoView } from "../../domain/forge.js";
import { type BranchDiff, branchDiff } from "./branch-diff.js";
import { LocalForgeError } from "./errors.js";
import { git, gitSucceeds } from "../../repo/git.js";
import { locateRepository } from "./locate-repository.js";
import { type BlobCache, createLocalRepoView } from "./repo-view.js";
import { defaultBranchOf, isForeignBranch, resolveRef } from "./resolve-ref.js";
import { writeCommit } from "./write-commit.js";

export type { BranchDiff } from "./branch-diff.js";

/** A Forge over a git repository on this machine, through the git command line. */
export interface LocalForge extends ReadableForge {
  readonly kind: "local";
  /** The repository's top folder. */
  readonly root: string;
  /** Whether the branch exists and holds commits Archon did not make. */
  isForeignBranch(branch: string): Promise<boolean>;
  diff(base: string, branch: string): Promise<BranchDiff>;
}

/** The top folder of the repository at `repoPath`; throws LocalForgeError unless it is one with a commit. */
async function openRepositoryRoot(repoPath: string): Promise<string> {
  const location = await locateRepository(repoPath);
  if (location.kind === "missing") throw new LocalForgeError("not_a_repository", `${location.dir} does not exist or is not a folder.`);
  if (location.kind === "none") {
    throw new LocalForgeError("not_a_repository", `${location.dir} is not a git repository. Run \`git init\` and commit your files first.`);
  }
  if (location.kind === "inside") {
    throw new LocalForgeError(
      "not_a_repository",
      `${location.dir} is a folder inside the git repository at ${location.root}; give the repository's top folder.`,
    );
  }
  const root = location.root;
  if (!(await gitSucceeds(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]))) {
    throw new LocalForgeError("no_commits", `The repository at ${root} has no commits yet. Commit your files, then run Archon again.`);
  }
  return root;
}

/** Writes the request's commit on its branch, refusing a branch of the same name Archon did not make. */
async function commitOnBranch(root: string, request: CommitRequest): Promise<CommitResult> {
  const tip = await resolveRef(root, `refs/heads/${request.branch}`);
  if (tip && (await isForeignBranch(root, request.branch))) {
    throw new LocalForgeError(
      "branch_collision",
      `A branch named ${request.branch} already exists in ${root} and Archon did not make it; Archon will not write on it. Rename or delete that branch, then run again.`,
    );
  }
  const parent = tip ?? (await resolveRef(root, request.base));
  if (!parent) throw new LocalForgeError("bad_ref", `No commit or branch named "${request.base}" in ${root}.`);
  return writeCommit(root, request, parent, tip);
}

/**
 * Opens the repository at `repoPath` (its top folder). Throws LocalForgeError when the path is
 * not a git repository's top folder or the repository has no commit yet.
 */
export async function createLocalForge(repoPath: string): Promise<LocalForge> {
  const root = await openRepositoryRoot(repoPath);
  const cache: BlobCache = new Map();
  const resolve = (ref: string) => resolveRef(root, ref);
  return {
    kind: "local",
    root,
    defaultBranch: () => defaultBranchOf(root),
    resolve,
    async pin(ref: string): Promise<PinnedBase | undefined> {
      const commit = await resolve(ref);
      if (!commit) return undefined;
      return { commit, tree: (await git(root, ["rev-parse", `${commit}^{tree}`])).trim() };
    },
    async viewPinned(base: PinnedBase): Promise<ModedRepoView> {
      return createLocalRepoView(root, base.commit, cache);
    },
    async view(ref: string): Promise<RepoView> {
      const sha = await resolve(ref);
      if (!sha) throw new LocalForgeError("bad_ref", `No commit or branch named "${ref}" in ${root}.`);
      return createLocalRepoView(root, sha, cache);
    },
    commit: (request: CommitRequest) => commitOnBranch(root, request),
    requestCount: () => 0,
    isForeignBranch: (branch: string) => isForeignBranch(root, branch),
    diff: (base: string, branch: string) => branchDiff(root, base, branch),
  };
}
