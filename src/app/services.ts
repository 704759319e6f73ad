import { Probot } from "probot";
import type { Runtime } from "./runtime.js";
import { pingDatabase } from "../db/connect.js";
import { expireSpacingJobsSooner, recoverBottleneckAfterRedisLoss } from "../github/bottleneck-redis.js";
import { withTokenRenewal } from "../github/renew-installation-tokens.js";
import { type Metrics, createMetrics } from "../http/metrics.js";
import { createQueue } from "../queue/create-queue.js";
import type { Queue } from "../queue/queue.js";

/** Everything a server or worker process shares, built once at start-up and passed down. */
export interface Services {
  runtime: Runtime;
  queue: Queue;
  metrics: Metrics;
  /** Present when App credentials are configured: installation octokits come from `probot.auth`. */
  probot: Probot | undefined;
  checks: Record<string, () => Promise<void>>;
  close(): Promise<void>;
}

/** Where the App's REST calls go: GITHUB_API_URL, else the GHE_HOST's API, else github.com (undefined). */
export function githubBaseUrl(config: Runtime["config"]): string | undefined {
  if (config.GITHUB_API_URL) return config.GITHUB_API_URL.replace(/\/+$/, "");
  return config.GHE_HOST ? `https://${config.GHE_HOST}/api/v3` : undefined;
}

export function createProbot(runtime: Runtime): Probot | undefined {
  const { config } = runtime;
  if (!config.githubApp || !config.APP_ID || !config.privateKey || !config.WEBHOOK_SECRET) return undefined;
  // The cluster throttling's limiters set themselves up again after Redis loses their keys, and
  // free the spacing slot a dead process held after 10 s rather than a minute.
  if (config.REDIS_URL) {
    recoverBottleneckAfterRedisLoss();
    expireSpacingJobsSooner();
  }
  return new Probot({
    appId: config.APP_ID,
    privateKey: config.privateKey,
    secret: config.WEBHOOK_SECRET,
    log: runtime.logger,
    ...(githubBaseUrl(config) ? { baseUrl: githubBaseUrl(config) } : {}),
    // With Redis, Probot's throttling is shared by every process through it (cluster mode), so
    // all workers together stay inside GitHub's per-installation limits.
    ...(config.REDIS_URL ? { redisConfig: config.REDIS_URL } : {}),
    // Installation tokens renewed before they lapse and once more after a 401, for every
    // installation client the worker's jobs use.
    Octokit: withTokenRenewal(),
  });
}

export async function buildServices(runtime: Runtime): Promise<Services> {
  const { config } = runtime;
  const queue = await createQueue({ redisUrl: config.REDIS_URL, stream: config.ARCHON_STREAM });
  const probot = createProbot(runtime);
  return {
    runtime,
    queue,
    metrics: createMetrics(),
    probot,
    checks: {
      database: () => pingDatabase(runtime.database, 2_000),
      queue: () => queue.ping(),
    },
    async close() {
      await queue.close().catch(() => undefined);
      await runtime.close();
    },
  };
}
