import type { CommitRequest, CommitResult, ModedRepoView, PinnedBase, ReadableForge, RepoView } from "../../domain/forge.js";
import { trailerBranch } from "./branch-owner.js";
import { LocalForgeError } from "./errors.js";
import { git, gitSucceeds } from "../../repo/git.js";
import { locateRepository } from "./locate-repository.js";
import { type BlobCache, createLocalRepoView } from "./repo-view.js";
import { writeCommit } from "./write-commit.js";

export interface BranchDiff {
  /** `git diff --stat` of the branch against where it left base. */
  stat: string;
  patch: string;
  files: { status: string; path: string }[];
}

/** A Forge over a git repository on this machine, through the git command line. */
export interface LocalForge extends ReadableForge {
  readonly kind: "local";
  /** The repository's top folder. */
  readonly root: string;
  /** Whether the branch exists and holds commits Archon did not make. */
  isForeignBranch(branch: string): Promise<boolean>;
  diff(base: string, branch: string): Promise<BranchDiff>;
}

/**
 * Opens the repository at `repoPath` (its top folder). Throws LocalForgeError when the path is
 * not a git repository's top folder or the repository has no commit yet.
 */
export async function createLocalForge(repoPath: string): Promise<LocalForge> {
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
  const cache: BlobCache = new Map();

  async function resolve(ref: string): Promise<string | undefined> {
    if (ref.startsWith("-")) return undefined;
    try {
      return (await git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async function isForeignBranch(branch: string): Promise<boolean> {
    const tip = await resolve(`refs/heads/${branch}`);
    if (!tip) return false;
    return trailerBranch(await git(root, ["log", "-1", "--format=%B", tip])) !== branch;
  }

  return {
    kind: "local",
    root,
    async defaultBranch(): Promise<string> {
      try {
        return (await git(root, ["symbolic-ref", "--quiet", "--short", "HEAD"])).trim();
      } catch {
        // Detached HEAD: fall back to what git would call a new repository's first branch.
        const configured = await git(root, ["config", "--get", "init.defaultBranch"]).catch(() => "");
        return configured.trim() || "main";
      }
    },
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
    async commit(request: CommitRequest): Promise<CommitResult> {
      const tip = await resolve(`refs/heads/${request.branch}`);
      if (tip && (await isForeignBranch(request.branch))) {
        throw new LocalForgeError(
          "branch_collision",
          `A branch named ${request.branch} already exists in ${root} and Archon did not make it; Archon will not write on it. Rename or delete that branch, then run again.`,
        );
      }
      const parent = tip ?? (await resolve(request.base));
      if (!parent) throw new LocalForgeError("bad_ref", `No commit or branch named "${request.base}" in ${root}.`);
      return writeCommit(root, request, parent, tip);
    },
    requestCount: () => 0,
    isForeignBranch,
    async diff(base: string, branch: string): Promise<BranchDiff> {
      const range = `${base}...${branch}`;
      const [stat, patch, names] = await Promise.all([
        git(root, ["diff", "--stat", range]),
        git(root, ["diff", range]),
        git(root, ["diff", "--name-status", "--no-renames", "-z", range]),
      ]);
      const parts = names.split("\0").filter((p) => p !== "");
      const files: BranchDiff["files"] = [];
      for (let i = 0; i + 1 < parts.length; i += 2) files.push({ status: parts[i]!, path: parts[i + 1]! });
      return { stat, patch, files };
    },
  };
}
