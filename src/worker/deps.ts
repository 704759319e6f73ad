import type { Logger } from "pino";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { Db } from "../db/database.js";
import type { GitHubClient } from "../github/client.js";
import type { BlobCache } from "../github/github-view.js";
import type { PermissionChecker } from "../github/permissions.js";
import type { Provider } from "../llm/provider.js";
import type { Queue } from "../queue/queue.js";
import type { Task } from "../db/task.table.js";
import type { TaskForge } from "../forge/task-forge.js";
import type { LocalTerminal } from "../forge/local/terminal.js";

/** What the orchestrator shell needs from the process: passed in, never imported as singletons. */
export interface WorkerDeps {
  db: Db;
  queue: Queue;
  logger: Logger;
  /**
   * An installation-authenticated octokit. Its tokens are renewed a margin before they expire
   * (src/github/token-cache.ts) and after GitHub refuses one (src/github/renew-installation-tokens.ts).
   */
  github(installationId: number): Promise<GitHubClient>;
  permissions: PermissionChecker;
  /** The provider a repository's config asks for (template unless it names openai). */
  provider(config: RepoConfig, budgetUsd: () => Promise<number | undefined>): Provider;
  /** File contents by blob sha, shared by the forges of successive jobs (bounded). */
  blobs: BlobCache;
  /**
   * Least milliseconds between two edits of a task's status comment (ARCHON_STATUS_COALESCE_MS):
   * an edit due sooner waits, and what changes meanwhile goes out with it as one edit.
   */
  statusCoalesceMs: number;
  /** Commit author of Archon's commits. */
  bot: { name: string; email: string };
  /**
   * The forge a task's commands go through: GitHub for a repository of an installation, this
   * machine for a local repository; undefined when the repository is gone.
   */
  forgeFor(task: Task): Promise<TaskForge | undefined>;
  /** Where local tasks show themselves (`archon run`'s terminal); none in a server's worker. */
  terminal?: LocalTerminal | undefined;
  /** Whether a program is on PATH, for a local test command; the real lookup unless a test gives its own. */
  isInstalled?: ((program: string) => boolean) | undefined;
  /** Aborted when the person stops a local run: an agent's workspace stops its commands and is removed. */
  signal?: AbortSignal | undefined;
}
