import { z } from "zod";
import type { Services } from "../app/services.js";
import { createBoundedBlobCache } from "../github/bounded-blob-cache.js";
import { createPermissionChecker } from "../github/permissions.js";
import { JobDeferred, type JobHandlers, defineJobHandler } from "../queue/job-handler.js";
import type { DomainEvent } from "../webhooks/domain-event.js";
import { GITHUB_EVENT_JOB } from "../webhooks/intake.js";
import { TASK_COMMAND_JOB } from "./apply-event.js";
import type { WorkerDeps } from "./deps.js";
import { executeCommand } from "./commands/index.js";
import { LOCAL_CI_JOB } from "../forge/local/local-task-forge.js";
import { runLocalCi } from "./local-ci.js";
import { withTaskForges } from "./task-forges.js";
import { giveUpOnCommand } from "./give-up.js";
import { handleGitHubEvent } from "./handle-github-event.js";
import { OPEN_ISSUE_JOB } from "./orchestrator-task-commands.js";
import { openTaskIssue } from "./open-task-issue.js";
import { providerFor } from "./providers.js";

// The intake validated the event when it recorded it; here only its envelope is checked.
const GitHubEventJob = z.object({
  deliveryId: z.string(),
  event: z.object({ type: z.string() }).passthrough(),
});
const TaskCommandJob = z.object({
  taskId: z.string(),
  command: z.object({ type: z.string(), idempotencyKey: z.string() }).passthrough(),
});

const OpenIssueJob = z.object({ taskId: z.string() });
const LocalCiJob = z.object({ taskId: z.string(), headSha: z.string() });

export const ARCHON_BOT = { name: "archon[bot]", email: "archon[bot]@users.noreply.github.com" };

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

/**
 * Every job kind a worker runs, over the given dependencies (tests build these directly).
 * `maxDeliveries` tells a command's handler when it is on its last try.
 */
export function jobHandlersFor(deps: WorkerDeps, maxDeliveries = 5): JobHandlers {
  return {
    [GITHUB_EVENT_JOB]: defineJobHandler(GitHubEventJob, async (payload) => {
      await handleGitHubEvent(deps, payload.deliveryId, payload.event as unknown as DomainEvent);
    }),
    [TASK_COMMAND_JOB]: defineJobHandler(TaskCommandJob, async (payload, ctx) => {
      try {
        await executeCommand(deps, payload.taskId, payload.command as never);
      } catch (error) {
        // A deferred command has not failed: it runs again later, whatever its attempts.
        if (error instanceof JobDeferred || ctx.job.attempts < maxDeliveries) throw error;
        await giveUpOnCommand(deps, payload.taskId, payload.command as never, error);
      }
    }),
    [OPEN_ISSUE_JOB]: defineJobHandler(OpenIssueJob, async (payload) => {
      await openTaskIssue(deps, payload.taskId);
    }),
    [LOCAL_CI_JOB]: defineJobHandler(LocalCiJob, async (payload, ctx) => {
      await runLocalCi(deps, payload, ctx.signal);
    }),
  };
}
