import { z } from "zod";
import { JobDeferred, type JobHandlers, defineJobHandler } from "../queue/job-handler.js";
import type { DomainEvent } from "../webhooks/domain-event.js";
import { GITHUB_EVENT_JOB } from "../webhooks/intake.js";
import { TASK_COMMAND_JOB } from "./apply-event.js";
import type { WorkerDeps } from "./deps.js";
import { executeCommand } from "./commands/index.js";
import { LOCAL_CI_JOB } from "../forge/local/local-task-forge.js";
import { runLocalCi } from "./local-ci.js";
import { giveUpOnCommand } from "./give-up.js";
import { handleGitHubEvent } from "./handle-github-event.js";
import { OPEN_ISSUE_JOB } from "./orchestrator-task-commands.js";
import { openTaskIssue } from "./open-task-issue.js";

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
