import type { Db } from "../db/database.js";
import { listDueJobs, markJobPublished } from "../db/job.repository.js";
import { type QueueLogger, errorMessage, silentLogger } from "./logger.js";
import { every } from "./periodic.js";
import type { Queue } from "./queue.js";

export interface ReconcileOptions {
  db: Db;
  queue: Queue;
  /** A job published (or heard from) more recently than this is taken to be in flight. */
  visibilityTimeoutMs: number;
  /** Jobs published per pass at most. */
  batchSize?: number;
  logger?: QueueLogger | undefined;
}

export interface ReconcilerOptions extends ReconcileOptions {
  intervalMs: number;
}

/**
 * One pass: publishes every unfinished, due job that is not in flight (never published, published
 * longer ago than the visibility timeout, or due again after a failed attempt). This is what makes
 * Redis only a transport: a restart or a flush loses entries, never jobs. Rows are locked while
 * they are published, so reconcilers in several workers do not publish the same job together.
 * Returns the number of jobs published.
 */
export async function reconcileOnce(options: ReconcileOptions): Promise<number> {
  const limit = options.batchSize ?? 500;
  let total = 0;
  for (;;) {
    const published = await options.db.transaction().execute(async (trx) => {
      const jobs = await listDueJobs(trx, {
        olderThanMs: options.visibilityTimeoutMs,
        limit,
        lock: true,
      });
      if (jobs.length === 0) return 0;
      await options.queue.publish(jobs.map((j) => ({ jobId: String(j.id), kind: j.kind })));
      await markJobPublished(
        trx,
        jobs.map((j) => j.id),
      );
      return jobs.length;
    });
    total += published;
    if (published < limit) return total;
  }
}

export interface Reconciler {
  /** Runs a pass now (also what the timer does); never throws. */
  runNow(): Promise<number>;
  stop(): Promise<void>;
}

/** Runs `reconcileOnce` at once and then every `intervalMs`; a failed pass is logged and retried. */
export function startReconciler(options: ReconcilerOptions): Reconciler {
  const logger = options.logger ?? silentLogger;
  return every(
    options.intervalMs,
    async () => {
      try {
        const published = await reconcileOnce(options);
        if (published > 0) logger.info({ published }, "reconciler published jobs missing from the queue");
        return published;
      } catch (error) {
        logger.warn({ err: errorMessage(error) }, "reconciler pass failed; retrying on the next tick");
        return 0;
      }
    },
    0,
  );
}
