import type { Db } from "../db/database.js";
import { touchJob } from "../db/job.repository.js";
import type { JobHandlers } from "./job-handler.js";
import { type QueueLogger, errorMessage, silentLogger } from "./logger.js";
import type { Queue, QueueEntry } from "./queue.js";
import { runEntry } from "./run-entry.js";

export interface WorkerOptions {
  db: Db;
  queue: Queue;
  handlers: JobHandlers;
  /** Name of this worker in the consumer group; unique per process (e.g. host and pid). */
  consumer: string;
  /** Jobs run at once. */
  concurrency: number;
  /** An entry unacked, and a running row not heard from, for this long is taken over by others. */
  visibilityTimeoutMs: number;
  /** Deliveries of one job before it is dead-lettered. */
  maxDeliveries: number;
  logger?: QueueLogger | undefined;
  /** Longest wait for new entries in one read; also how late a stop may be noticed by Redis. */
  blockMs?: number;
  /** How often to look for entries other workers left behind; default half the visibility timeout. */
  claimIntervalMs?: number;
  /** How long stop() waits for running jobs before giving up on them. */
  graceMs?: number;
  /** Backoff before the first retry of a failed job, doubling after each failure. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface Worker {
  /**
   * Stops taking work, releases entries not started, waits up to the grace period for running
   * jobs, then aborts their signals. Jobs still running after that stay pending for the group:
   * their entries and rows go quiet and another worker takes them after the visibility timeout.
   */
  stop(): Promise<void>;
  /** Jobs running now. */
  running(): number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs jobs from the queue until stopped: at most `concurrency` at once, reading only as many
 * entries as it has free slots (so nothing waits in this process that another worker could run),
 * claiming entries other workers left pending too long, and keeping its own running jobs alive
 * (row and entry) every third of the visibility timeout. What happens to one entry is `runEntry`.
 */
export function startWorker(options: WorkerOptions): Worker {
  const { queue, consumer, concurrency, visibilityTimeoutMs } = options;
  const logger = options.logger ?? silentLogger;
  const claimIntervalMs = options.claimIntervalMs ?? Math.max(50, Math.floor(visibilityTimeoutMs / 2));
  const blockMs = options.blockMs ?? Math.min(2_000, claimIntervalMs);
  const graceMs = options.graceMs ?? 30_000;
  const receiving = new AbortController();
  const jobs = new AbortController();
  const running = new Map<string, { entry: QueueEntry; jobId?: string; done: Promise<void> }>();
  const retryTimers = new Set<NodeJS.Timeout>();
  let stopping = false;
  let nextClaimAt = 0;

  const deps = {
    db: options.db,
    queue,
    handlers: options.handlers,
    visibilityTimeoutMs,
    maxDeliveries: options.maxDeliveries,
    retryBaseMs: options.retryBaseMs ?? 5_000,
    retryMaxMs: options.retryMaxMs ?? 10 * 60_000,
    logger,
    signal: jobs.signal,
  };

  function start(entry: QueueEntry): void {
    const slot: { entry: QueueEntry; jobId?: string; done: Promise<void> } = {
      entry,
      done: Promise.resolve(),
    };
    slot.done = runEntry(
      {
        ...deps,
        onStart: (job) => (slot.jobId = String(job.id)),
        onRetry: (job, delayMs) => scheduleRepublish(String(job.id), job.kind, delayMs),
      },
      entry,
    ).then(() => {
      running.delete(entry.id);
    });
    running.set(entry.id, slot);
  }

  function scheduleRepublish(jobId: string, kind: string, delayMs: number): void {
    // Not stamped as published: should this entry be lost, the reconciler publishes the job.
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      queue.publish([{ jobId, kind }]).catch((error: unknown) => {
        logger.warn({ jobId, err: errorMessage(error) }, "could not publish a retry; the reconciler will");
      });
    }, delayMs);
    retryTimers.add(timer);
  }

  async function heartbeat(): Promise<void> {
    const slots = [...running.values()];
    if (slots.length === 0) return;
    try {
      await queue.heartbeat(
        consumer,
        slots.map((s) => s.entry),
      );
      for (const slot of slots) if (slot.jobId) await touchJob(options.db, slot.jobId);
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, "heartbeat failed");
    }
  }
  const heartbeatTimer = setInterval(() => void heartbeat(), Math.max(20, Math.floor(visibilityTimeoutMs / 3)));

  async function next(free: number): Promise<QueueEntry[]> {
    if (Date.now() >= nextClaimAt) {
      nextClaimAt = Date.now() + claimIntervalMs;
      const claimed = await queue.claimStale(consumer, visibilityTimeoutMs, free);
      if (claimed.length > 0) {
        logger.info({ consumer, entries: claimed.map((e) => e.id) }, "claimed entries left by another worker");
        return claimed;
      }
    }
    return queue.receive(consumer, {
      count: free,
      blockMs,
      signal: receiving.signal,
    });
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      const free = concurrency - running.size;
      if (free <= 0) {
        await Promise.race([...[...running.values()].map((s) => s.done), sleep(blockMs, receiving.signal)]);
        continue;
      }
      let entries: QueueEntry[];
      try {
        entries = await next(free);
        failures = 0;
      } catch (error) {
        failures += 1;
        logger.error({ consumer, err: errorMessage(error) }, "cannot read from the queue; retrying");
        await sleep(Math.min(100 * 2 ** failures, 5_000), receiving.signal);
        continue;
      }
      if (stopping) {
        await Promise.all(entries.map((e) => queue.release(e).catch(() => undefined)));
        break;
      }
      for (const entry of entries) start(entry);
    }
  }

  async function shutdown(): Promise<void> {
    stopping = true;
    receiving.abort();
    await looping;
    for (const timer of retryTimers) clearTimeout(timer);
    retryTimers.clear();
    const finished = Promise.all([...running.values()].map((s) => s.done));
    const grace = new AbortController();
    await Promise.race([finished, sleep(graceMs, grace.signal)]);
    grace.abort();
    clearInterval(heartbeatTimer);
    if (running.size > 0) {
      logger.warn({ consumer, jobs: [...running.values()].map((s) => s.jobId) }, "stopping with jobs still running");
      jobs.abort();
    }
  }

  const looping = loop();
  let stopped: Promise<void> | undefined;
  return {
    running: () => running.size,
    stop: () => (stopped ??= shutdown()),
  };
}
