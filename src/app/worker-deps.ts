import { createBoundedBlobCache } from "../github/bounded-blob-cache.js";
import { createPermissionChecker } from "../github/permissions.js";
import type { JobHandlers } from "../queue/job-handler.js";
import type { WorkerDeps } from "../worker/deps.js";
import { ARCHON_BOT, jobHandlersFor } from "../worker/job-handlers.js";
import { providerFor } from "../worker/providers.js";
import { withTaskForges } from "../worker/task-forges.js";
import type { Services } from "./services.js";

/** The worker's dependencies, built from the services of this process. */
export function workerDeps(services: Services): WorkerDeps {
  const { runtime, probot } = services;
  return withTaskForges({
    db: runtime.database.db,
    queue: services.queue,
    logger: runtime.logger,
    async github(installationId) {
      if (!probot) throw new Error("GitHub App credentials are not configured (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET)");
      return probot.auth(installationId);
    },
    permissions: createPermissionChecker({ ttlMs: 60_000 }),
    provider: (config, budget) => providerFor(runtime.config, config, budget),
    blobs: createBoundedBlobCache(),
    statusCoalesceMs: runtime.config.ARCHON_STATUS_COALESCE_MS,
    bot: ARCHON_BOT,
  });
}

/** Every job kind a worker runs, wired to the services of this process. */
export function createJobHandlers(services: Services, deps: WorkerDeps = workerDeps(services)): JobHandlers {
  return jobHandlersFor(deps, services.runtime.config.ARCHON_MAX_DELIVERIES);
}
