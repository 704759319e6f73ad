import { hostname } from "node:os";
import type { JobHandlers } from "../queue/job-handler.js";
import { startReconciler } from "../queue/reconciler.js";
import { startWorker } from "../queue/worker.js";
import { startRetention } from "./retention.js";
import type { Services } from "./services.js";

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * A worker: runs jobs from the queue, reconciles the outbox so that jobs whose entries were lost
 * (Redis restarted or flushed) are published again, and prunes rows past the retention hourly.
 */
export function startWorkerProcess(services: Services, handlers: JobHandlers, concurrency?: number): RunningWorker {
  const { config, database, logger } = services.runtime;
  const visibilityTimeoutMs = config.ARCHON_VISIBILITY_TIMEOUT * 1000;
  const worker = startWorker({
    db: database.db,
    queue: services.queue,
    handlers,
    consumer: `${hostname()}-${process.pid}`,
    concurrency: concurrency ?? config.ARCHON_WORKER_CONCURRENCY,
    visibilityTimeoutMs,
    maxDeliveries: config.ARCHON_MAX_DELIVERIES,
    logger,
  });
  const reconciler = startReconciler({
    db: database.db,
    queue: services.queue,
    visibilityTimeoutMs,
    intervalMs: Math.min(30_000, Math.max(1_000, visibilityTimeoutMs / 4)),
    logger,
  });
  const retention = startRetention(database.db, { keepDays: config.ARCHON_RETENTION_DAYS, intervalMs: 60 * 60_000, logger });
  return {
    async stop() {
      await retention.stop();
      await reconciler.stop();
      await worker.stop();
    },
  };
}
