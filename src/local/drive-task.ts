import { countOpenJobs } from "../db/job.repository.js";
import { randomUUID } from "node:crypto";
import { type Worker, startWorker } from "../queue/worker.js";
import type { WorkerDeps } from "../worker/deps.js";
import { jobHandlersFor } from "../worker/job-handlers.js";

/** Polls before a task with no open job and no job running counts as at rest. */
const QUIET_POLLS = 3;
const POLL_MS = 25;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** A worker of this process, started for one run and stopped with it. */
export function startLocalWorker(deps: WorkerDeps): Worker {
  return startWorker({
    db: deps.db,
    queue: deps.queue,
    handlers: jobHandlersFor(deps, 3),
    consumer: `archon-run-${process.pid}-${randomUUID().slice(0, 8)}`,
    // One job at a time: the steps and test runs of one task, in order, on a person's machine.
    concurrency: 1,
    visibilityTimeoutMs: 60_000,
    maxDeliveries: 3,
    blockMs: 20,
    retryBaseMs: 200,
    retryMaxMs: 2_000,
    graceMs: 0,
  });
}

/**
 * Runs the task's jobs until it is at rest: no job of it open and none running, a few polls in a
 * row (jobs beget jobs). Returns early when `signal` aborts.
 */
export async function runUntilAtRest(deps: WorkerDeps, worker: Worker, taskId: string, signal?: AbortSignal): Promise<void> {
  let quiet = 0;
  while (quiet < QUIET_POLLS && !signal?.aborted) {
    const open = await countOpenJobs(deps.db, taskId);
    quiet = open === 0 && worker.running() === 0 ? quiet + 1 : 0;
    if (quiet < QUIET_POLLS) await sleep(POLL_MS, signal);
  }
}
