import type { Logger } from "pino";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { Db } from "../db/database.js";
import { ARCHON_AUTHOR } from "../forge/local/commit-message.js";
import type { LocalTerminal } from "../forge/local/terminal.js";
import { createPermissionChecker } from "../github/permissions.js";
import type { BudgetSource } from "../llm/openai/budget.js";
import type { Provider } from "../llm/provider.js";
import type { Queue } from "../queue/queue.js";
import type { WorkerDeps } from "../worker/deps.js";
import { withTaskForges } from "../worker/task-forges.js";

/** Builds the provider once the repository's config is read (its provider, model and budgetUsd). */
export type LocalProviderFactory = (config: RepoConfig, budget?: BudgetSource) => Provider;

export interface LocalDepsInput {
  db: Db;
  queue: Queue;
  logger: Logger;
  provider: Provider | LocalProviderFactory;
  terminal: LocalTerminal;
  isInstalled?: ((program: string) => boolean) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The worker's dependencies for `archon run`: the same state machine and command handlers as a
 * server's worker, over this process's queue, with the terminal in place of GitHub.
 */
export function localWorkerDeps(input: LocalDepsInput): WorkerDeps {
  const { provider } = input;
  return withTaskForges({
    db: input.db,
    queue: input.queue,
    logger: input.logger,
    github: () => Promise.reject(new Error("a task on a local repository has no GitHub installation")),
    permissions: createPermissionChecker(),
    provider: (config, budget) => (typeof provider === "function" ? provider(config, budget) : provider),
    blobs: new Map(),
    statusCoalesceMs: 0,
    bot: ARCHON_AUTHOR,
    terminal: input.terminal,
    isInstalled: input.isInstalled,
    signal: input.signal,
  });
}
