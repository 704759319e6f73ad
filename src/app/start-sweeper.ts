import { type SweepResult, redeliverFailed } from "../github/redeliver-failed.js";
import { errorMessage } from "../queue/logger.js";
import { every } from "../queue/periodic.js";
import type { Services } from "./services.js";

export interface SweeperOptions {
  intervalMs: number;
  /** How far back the first sweep looks, and the longest window of any sweep. */
  horizonMs?: number;
  /** Each sweep looks back this much before the previous one started, for attempts still landing then. */
  overlapMs?: number;
}

export interface RunningSweeper {
  /** One sweep now, if every readiness check passes; undefined when skipped or failed. */
  runNow(): Promise<SweepResult | undefined>;
  stop(): Promise<void>;
}

async function ready(checks: Services["checks"]): Promise<string | undefined> {
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check();
    } catch (error) {
      return `${name}: ${errorMessage(error)}`;
    }
  }
  return undefined;
}

/**
 * Redelivers failed webhooks every `intervalMs`, but only while the process is ready (the same
 * checks as /readyz): redelivering into a server whose database is down would only fail again.
 * The window starts where the last successful sweep started (less the overlap), so the sweep
 * after an outage covers all of it, up to the horizon. Undefined without App credentials.
 */
export function startRedeliverySweeper(services: Services, options: SweeperOptions): RunningSweeper | undefined {
  const probot = services.probot;
  if (!probot) return undefined;
  const { database, logger } = services.runtime;
  const horizonMs = options.horizonMs ?? 60 * 60_000;
  const overlapMs = options.overlapMs ?? 2 * 60_000;
  let lastStart: number | undefined;

  async function sweep(): Promise<SweepResult | undefined> {
    const notReady = await ready(services.checks);
    if (notReady) {
      logger.debug({ reason: notReady }, "redelivery sweep skipped: not ready");
      return undefined;
    }
    const startedAt = Date.now();
    const from = Math.max(startedAt - horizonMs, (lastStart ?? 0) - overlapMs);
    try {
      const octokit = await probot!.auth();
      const result = await redeliverFailed({ db: database.db, octokit, since: new Date(from), logger });
      lastStart = startedAt;
      return result;
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, "redelivery sweep failed; retrying on the next tick");
      return undefined;
    }
  }

  return every<SweepResult | undefined>(options.intervalMs, sweep, undefined);
}
