import type { Logger } from "pino";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { Db } from "../db/database.js";
import type { GitHubClient } from "../github/client.js";
import type { BlobCache } from "../github/github-view.js";
import type { PermissionChecker } from "../github/permissions.js";
import type { Provider } from "../llm/provider.js";
import type { Queue } from "../queue/queue.js";

/** What the orchestrator shell needs from the process: passed in, never imported as singletons. */
export interface WorkerDeps {
  db: Db;
  queue: Queue;
  logger: Logger;
  /** An installation-authenticated octokit (tokens renewed by Probot's auth strategy). */
  github(installationId: number): Promise<GitHubClient>;
  permissions: PermissionChecker;
  /** The provider a repository's config asks for (template unless it names openai). */
  provider(config: RepoConfig, budgetUsd: () => Promise<number | undefined>): Provider;
  /** File contents by blob sha, shared by the forges of successive jobs (bounded). */
  blobs: BlobCache;
  /** Commit author of Archon's commits. */
  bot: { name: string; email: string };
}
