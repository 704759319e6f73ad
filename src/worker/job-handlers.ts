import { z } from "zod";
import type { Services } from "../app/services.js";
import { type JobHandlers, defineJobHandler } from "../queue/job-handler.js";
import { GITHUB_EVENT_JOB } from "../webhooks/intake.js";

const GitHubEventJob = z.object({ deliveryId: z.string(), event: z.object({ type: z.string() }).passthrough() });

/** Every job kind a worker runs, wired to the services of this process. */
export function createJobHandlers(services: Services): JobHandlers {
  return {
    [GITHUB_EVENT_JOB]: defineJobHandler(GitHubEventJob, async (payload, ctx) => {
      ctx.logger.info({ delivery: payload.deliveryId, type: payload.event.type }, "github event");
      void services;
    }),
  };
}
