import { z } from "zod";
import type { Db } from "../db/database.js";
import { deferJob, getJobAndWait, markJobDone, markJobRunning, recordJobFailure } from "../db/job.repository.js";
import type { Job } from "../db/job.table.js";
import { JobDeferred, type JobHandlers } from "./job-handler.js";
import { type QueueLogger, errorMessage } from "./logger.js";
import type { Queue, QueueEntry } from "./queue.js";
import { retryDelay } from "./retry-delay.js";

export interface RunEntryDeps {
  db: Db;
  queue: Queue;
  handlers: JobHandlers;
  visibilityTimeoutMs: number;
  maxDeliveries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  logger: QueueLogger;
  signal: AbortSignal;
  /** Called once the row is ours, with it; the worker keeps it alive from then on. */
  onStart(job: Job): void;
  /** Called when the job is to run again later (a failure to retry, a deferral), with when to publish it. */
  onRetry(job: Job, delayMs: number): void;
}

export type EntryOutcome = "done" | "retry" | "deferred" | "dead" | "skipped" | "error";

/**
 * Handles one delivered entry, start to finish:
 * 1. Take the row (`markJobRunning`); if someone else holds it, or it is finished or not due, ack
 *    the entry and stop: the row, not the entry, says what is left to do. A job not due yet is
 *    published again when it is.
 * 2. Dead-letter what can never succeed: an unknown kind, a payload its schema rejects, a job
 *    delivered more than `maxDeliveries` times (e.g. one that crashes its worker every time).
 * 3. Run the handler. Success marks the row done, then acks. A failure below `maxDeliveries`
 *    puts the row back to pending with a backoff and acks the entry: the worker publishes the job
 *    again when the backoff ends, and if it dies first the reconciler does. The last allowed
 *    failure marks the row dead and dead-letters the entry. A handler that throws JobDeferred
 *    has its row put back the same way, due when it asked, and the run is not counted.
 * Errors of the database or queue themselves leave the entry pending, so it is claimed again
 * after the visibility timeout.
 */
export async function runEntry(deps: RunEntryDeps, entry: QueueEntry): Promise<EntryOutcome> {
  const { db, queue, logger } = deps;
  const fields = {
    jobId: entry.jobId,
    kind: entry.kind,
    entryId: entry.id,
    deliveries: entry.deliveries,
  };
  let job: Job | undefined;
  try {
    job = await markJobRunning(db, entry.jobId, {
      staleAfterMs: deps.visibilityTimeoutMs,
    });
    if (!job) return await skip(deps, entry);
    deps.onStart(job);

    const deadReason = reasonToGiveUp(deps, entry, job);
    if (deadReason) return await bury(deps, entry, job, deadReason);
    const handler = deps.handlers[job.kind];
    if (!handler) return await bury(deps, entry, job, `no handler for job kind "${job.kind}"`);
    const parsed = handler.schema.safeParse(job.payload);
    if (!parsed.success) {
      return await bury(
        deps,
        entry,
        job,
        `payload does not match the "${job.kind}" schema: ${z.prettifyError(parsed.error)}`,
      );
    }

    try {
      await handler.run(parsed.data, { job, signal: deps.signal, logger });
    } catch (error) {
      if (error instanceof JobDeferred) return await defer(deps, entry, job, error.delayMs);
      return await fail(deps, entry, job, errorMessage(error));
    }
    await markJobDone(db, job.id);
    await queue.ack(entry);
    logger.debug({ ...fields, attempts: job.attempts }, "job done");
    return "done";
  } catch (error) {
    logger.error({ ...fields, err: errorMessage(error) }, "could not process job; it will be claimed again");
    return "error";
  }
}

function reasonToGiveUp(deps: RunEntryDeps, entry: QueueEntry, job: Job): string | undefined {
  const deliveries = Math.max(entry.deliveries, job.attempts);
  if (deliveries <= deps.maxDeliveries) return undefined;
  const last = job.last_error ? `; last error: ${job.last_error}` : "";
  return `gave up after ${deliveries - 1} deliveries without finishing${last}`;
}

async function skip(deps: RunEntryDeps, entry: QueueEntry): Promise<EntryOutcome> {
  const found = await getJobAndWait(deps.db, entry.jobId);
  if (!found) {
    await deps.queue.deadLetter(entry, `job ${entry.jobId} does not exist`);
    deps.logger.warn({ jobId: entry.jobId, kind: entry.kind }, "dead-lettered an entry for a missing job");
    return "dead";
  }
  // Finished or running elsewhere: whoever holds it takes it from here.
  await deps.queue.ack(entry);
  // Waiting out a backoff or a deferral: this entry came early, for a timer can fire before the
  // database's clock says the job is due (a busy event loop starts timers from a stale time). It
  // is published again when due rather than left to the reconciler's next pass.
  if (found.job.state === "pending") deps.onRetry(found.job, found.dueInMs);
  deps.logger.debug({ jobId: entry.jobId, state: found.job.state, dueInMs: found.dueInMs }, "skipped an entry for a job not to run now");
  return "skipped";
}

async function bury(deps: RunEntryDeps, entry: QueueEntry, job: Job, reason: string): Promise<EntryOutcome> {
  await recordJobFailure(deps.db, job.id, reason, { dead: true });
  await deps.queue.deadLetter({ ...entry, deliveries: Math.max(entry.deliveries, job.attempts) }, reason);
  deps.logger.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, err: reason }, "job dead-lettered");
  return "dead";
}

async function defer(deps: RunEntryDeps, entry: QueueEntry, job: Job, delayMs: number): Promise<EntryOutcome> {
  await deferJob(deps.db, job.id, delayMs);
  await deps.queue.ack(entry);
  deps.onRetry(job, delayMs);
  deps.logger.debug({ jobId: job.id, kind: job.kind, delayMs }, "job deferred");
  return "deferred";
}

async function fail(deps: RunEntryDeps, entry: QueueEntry, job: Job, error: string): Promise<EntryOutcome> {
  if (job.attempts >= deps.maxDeliveries) {
    return bury(deps, entry, job, `failed ${job.attempts} times; last error: ${error}`);
  }
  const delayMs = retryDelay(job.attempts, deps.retryBaseMs, deps.retryMaxMs);
  await recordJobFailure(deps.db, job.id, error, {
    dead: false,
    retryAfterMs: delayMs,
  });
  await deps.queue.ack(entry);
  deps.onRetry(job, delayMs);
  deps.logger.warn(
    {
      jobId: job.id,
      kind: job.kind,
      attempts: job.attempts,
      delayMs,
      err: error,
    },
    "job failed; will retry",
  );
  return "retry";
}
