import type { QueueLogger } from "./logger.js";
import type { Queue, QueueEntry } from "./queue.js";
import type { RunEntryDeps } from "./run-entry.js";

/** One job this worker is running: its entry, its job id once the row is taken, and its end. */
export interface RunningSlot {
  entry: QueueEntry;
  jobId?: string;
  done: Promise<void>;
}

/** What the worker's loop, heartbeat and shutdown share. */
export interface WorkerState {
  readonly queue: Queue;
  readonly consumer: string;
  readonly concurrency: number;
  readonly visibilityTimeoutMs: number;
  readonly logger: QueueLogger;
  readonly claimIntervalMs: number;
  readonly blockMs: number;
  readonly graceMs: number;
  /** Aborts reads from the queue when stopping. */
  readonly receiving: AbortController;
  /** Aborts running jobs once the grace period is over. */
  readonly jobs: AbortController;
  /** What every run of an entry gets, apart from its own callbacks. */
  readonly runDeps: Omit<RunEntryDeps, "onStart" | "onRetry">;
  readonly running: Map<string, RunningSlot>;
  readonly retryTimers: Set<NodeJS.Timeout>;
  stopping: boolean;
  nextClaimAt: number;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
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
