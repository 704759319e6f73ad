/** A file change proposed by an agent and, after the guardrails, written by a Forge. */
export type FileChange =
  | { action: "create" | "modify"; path: string; content: string }
  | { action: "delete"; path: string };

export interface TreeEntry {
  path: string;
  /** Git blob sha: the cache key for file contents. */
  sha: string;
  size: number;
}

/** Read-only view of one repository at one ref: what agents are allowed to see. */
export interface RepoView {
  readonly ref: string;
  /** Every file (blob) path in the tree, sorted. */
  files(): Promise<TreeEntry[]>;
  /** File text, or undefined when the path does not exist or is not text. */
  read(path: string): Promise<string | undefined>;
}

export interface CommitRequest {
  branch: string;
  /** The commit (or branch) the new commit builds on. */
  base: string;
  message: string;
  changes: FileChange[];
  author: { name: string; email: string };
}

export interface CommitResult {
  sha: string;
  branch: string;
  /** False when the branch already held exactly this change (a job run twice). */
  created: boolean;
}

/**
 * The only code that touches a repository: GitHub through octokit, or a local clone through git.
 * The orchestrator, planner and agents do not know which one they talk to.
 */
export interface Forge {
  readonly kind: "github" | "local";
  /** Default branch name. */
  defaultBranch(): Promise<string>;
  /** Resolves a branch or sha to a commit sha, or undefined if it does not exist. */
  resolve(ref: string): Promise<string | undefined>;
  view(ref: string): Promise<RepoView>;
  /** Writes one commit on the branch (creating it from base when missing). */
  commit(request: CommitRequest): Promise<CommitResult>;
  /** Number of API requests made so far (GitHub) or 0 (local). */
  requestCount(): number;
}

/** A commit and its root tree: the base every step of a round reads and the round's commit builds on. */
export interface PinnedBase {
  commit: string;
  tree: string;
}

/** A repository view that may know its files' git modes (executables, symlinks). */
export interface ModedRepoView extends RepoView {
  /** The path's git mode in the tree (100644, 100755, 120000), or undefined when unknown. */
  mode?(path: string): string | undefined;
}

/** A Forge that can pin a base: what the steps of a round read and their commit builds on. */
export interface ReadableForge extends Forge {
  /** The commit a branch (or sha) names now, with its root tree; undefined when it does not exist. */
  pin(ref: string): Promise<PinnedBase | undefined>;
  /** A view of a pinned commit. */
  viewPinned(base: PinnedBase): Promise<ModedRepoView>;
}
