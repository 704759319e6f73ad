import { touchJob } from "../db/job.repository.js";
import { errorMessage } from "./logger.js";
import type { QueueEntry } from "./queue.js";
import { runEntry } from "./run-entry.js";
import type { RunningSlot, WorkerState } from "./worker-state.js";

/** Starts running the entry in a slot of its own, freed when the run ends. */
export function startEntry(state: WorkerState, entry: QueueEntry): void {
  const slot: RunningSlot = {
    entry,
    done: Promise.resolve(),
  };
  slot.done = runEntry(
    {
      ...state.runDeps,
      onStart: (job) => (slot.jobId = String(job.id)),
      onRetry: (job, delayMs) => scheduleRepublish(state, String(job.id), job.kind, delayMs),
    },
    entry,
  ).then(() => {
    state.running.delete(entry.id);
  });
  state.running.set(entry.id, slot);
}

/** Publishes the job again after `delayMs`, unless the worker stops first. */
function scheduleRepublish(state: WorkerState, jobId: string, kind: string, delayMs: number): void {
  // Not stamped as published: should this entry be lost, the reconciler publishes the job.
  const timer = setTimeout(() => {
    state.retryTimers.delete(timer);
    state.queue.publish([{ jobId, kind }]).catch((error: unknown) => {
      state.logger.warn({ jobId, err: errorMessage(error) }, "could not publish a retry; the reconciler will");
    });
  }, delayMs);
  state.retryTimers.add(timer);
}

/** Keeps the running jobs' entries and rows from looking abandoned to other workers. */
export async function heartbeatRunning(state: WorkerState): Promise<void> {
  const slots = [...state.running.values()];
  if (slots.length === 0) return;
  try {
    await state.queue.heartbeat(
      state.consumer,
      slots.map((s) => s.entry),
    );
    for (const slot of slots) if (slot.jobId) await touchJob(state.runDeps.db, slot.jobId);
  } catch (error) {
    state.logger.warn({ err: errorMessage(error) }, "heartbeat failed");
  }
}
