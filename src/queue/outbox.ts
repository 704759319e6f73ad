import type { Executor } from "../db/database.js";
import { type InsertJobResult, type NewJob, insertJob, markJobPublished } from "../db/job.repository.js";
import { type QueueLogger, errorMessage, silentLogger } from "./logger.js";
import type { Queue } from "./queue.js";

/**
 * Records a job in the caller's transaction: it commits, or not, with whatever caused it.
 * Publishing waits for the commit (`publishAfterCommit`), so a worker never gets a reference to a
 * row it cannot see yet.
 */
export function enqueue(ex: Executor, job: NewJob): Promise<InsertJobResult> {
  return insertJob(ex, job);
}

/** What publishing needs from a job row. */
export interface PublishableJob {
  id: string | number;
  kind: string;
  /** Jobs not due yet are left to the reconciler, which publishes them when they are. */
  available_at?: Date | string | undefined;
}

export interface PublishOptions {
  /** When given, the jobs are stamped as published so the reconciler leaves them alone. */
  db?: Executor | undefined;
  logger?: QueueLogger | undefined;
}

/**
 * Pushes committed jobs to the queue; returns how many it pushed. Never throws: the jobs are safe
 * in PostgreSQL, and whatever could not be pushed now the reconciler pushes later.
 */
export async function publishAfterCommit(
  queue: Queue,
  jobs: readonly PublishableJob[],
  options: PublishOptions = {},
): Promise<number> {
  const logger = options.logger ?? silentLogger;
  const now = Date.now();
  const due = jobs.filter((j) => j.available_at === undefined || new Date(j.available_at).getTime() <= now);
  if (due.length === 0) return 0;
  const ids = due.map((j) => String(j.id));
  try {
    await queue.publish(due.map((j) => ({ jobId: String(j.id), kind: j.kind })));
  } catch (error) {
    logger.warn({ jobIds: ids, err: errorMessage(error) }, "could not publish jobs; the reconciler will");
    return 0;
  }
  if (options.db) {
    try {
      await markJobPublished(options.db, ids);
    } catch (error) {
      // Published but not stamped: the reconciler may publish them again, which is harmless.
      logger.warn({ jobIds: ids, err: errorMessage(error) }, "could not stamp jobs as published");
    }
  }
  return due.length;
}
