import type { Db } from "../db/database.js";
import type { JobHandlers } from "./job-handler.js";
import { type QueueLogger, silentLogger } from "./logger.js";
import type { Queue } from "./queue.js";
import { heartbeatRunning } from "./worker-jobs.js";
import { receiveLoop } from "./worker-loop.js";
import { type WorkerState, sleep } from "./worker-state.js";

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

/** The worker's settings with their defaults filled in, and nothing running yet. */
function createWorkerState(options: WorkerOptions): WorkerState {
  const { queue, consumer, concurrency, visibilityTimeoutMs } = options;
  const logger = options.logger ?? silentLogger;
  const claimIntervalMs = options.claimIntervalMs ?? Math.max(50, Math.floor(visibilityTimeoutMs / 2));
  const jobs = new AbortController();
  return {
    queue,
    consumer,
    concurrency,
    visibilityTimeoutMs,
    logger,
    claimIntervalMs,
    blockMs: options.blockMs ?? Math.min(2_000, claimIntervalMs),
    graceMs: options.graceMs ?? 30_000,
    receiving: new AbortController(),
    jobs,
    runDeps: {
      db: options.db,
      queue,
      handlers: options.handlers,
      visibilityTimeoutMs,
      maxDeliveries: options.maxDeliveries,
      retryBaseMs: options.retryBaseMs ?? 5_000,
      retryMaxMs: options.retryMaxMs ?? 10 * 60_000,
      logger,
      signal: jobs.signal,
    },
    running: new Map(),
    retryTimers: new Set(),
    stopping: false,
    nextClaimAt: 0,
  };
}

/**
 * Stops the loop, drops pending retries, waits up to the grace period for running jobs, stops
 * the heartbeat, then aborts the jobs still running.
 */
async function shutdownWorker(state: WorkerState, looping: Promise<void>, heartbeatTimer: NodeJS.Timeout): Promise<void> {
  const { running, retryTimers } = state;
  state.stopping = true;
  state.receiving.abort();
  await looping;
  for (const timer of retryTimers) clearTimeout(timer);
  retryTimers.clear();
  const finished = Promise.all([...running.values()].map((s) => s.done));
  const grace = new AbortController();
  await Promise.race([finished, sleep(state.graceMs, grace.signal)]);
  grace.abort();
  clearInterval(heartbeatTimer);
  if (running.size > 0) {
    state.logger.warn({ consumer: state.consumer, jobs: [...running.values()].map((s) => s.jobId) }, "stopping with jobs still running");
    state.jobs.abort();
  }
}

/**
 * Runs jobs from the queue until stopped: at most `concurrency` at once, reading only as many
 * entries as it has free slots (so nothing waits in this process that another worker could run),
 * claiming entries other workers left pending too long, and keeping its own running jobs alive
 * (row and entry) every third of the visibility timeout. What happens to one entry is `runEntry`.
 */
export function startWorker(options: WorkerOptions): Worker {
  const state = createWorkerState(options);
  const heartbeatTimer = setInterval(() => void heartbeatRunning(state), Math.max(20, Math.floor(state.visibilityTimeoutMs / 3)));
  const looping = receiveLoop(state);
  let stopped: Promise<void> | undefined;
  return {
    running: () => state.running.size,
    stop: () => (stopped ??= shutdownWorker(state, looping, heartbeatTimer)),
  };
}
