import { errorMessage } from "./logger.js";
import type { QueueEntry } from "./queue.js";
import { startEntry } from "./worker-jobs.js";
import { type WorkerState, sleep } from "./worker-state.js";

/** Up to `free` entries: ones other workers left behind when it is time to look, else new ones. */
async function nextEntries(state: WorkerState, free: number): Promise<QueueEntry[]> {
  const { queue, consumer } = state;
  if (Date.now() >= state.nextClaimAt) {
    state.nextClaimAt = Date.now() + state.claimIntervalMs;
    const claimed = await queue.claimStale(consumer, state.visibilityTimeoutMs, free);
    if (claimed.length > 0) {
      state.logger.info({ consumer, entries: claimed.map((e) => e.id) }, "claimed entries left by another worker");
      return claimed;
    }
  }
  return queue.receive(consumer, {
    count: free,
    blockMs: state.blockMs,
    signal: state.receiving.signal,
  });
}

/**
 * Reads and starts entries while there are free slots, until stopping; read errors are retried
 * with a growing pause, and entries read just as the worker stops are released to the group.
 */
export async function receiveLoop(state: WorkerState): Promise<void> {
  const { queue, running } = state;
  let failures = 0;
  while (!state.stopping) {
    const free = state.concurrency - running.size;
    if (free <= 0) {
      await Promise.race([...[...running.values()].map((s) => s.done), sleep(state.blockMs, state.receiving.signal)]);
      continue;
    }
    let entries: QueueEntry[];
    try {
      entries = await nextEntries(state, free);
      failures = 0;
    } catch (error) {
      failures += 1;
      state.logger.error({ consumer: state.consumer, err: errorMessage(error) }, "cannot read from the queue; retrying");
      await sleep(Math.min(100 * 2 ** failures, 5_000), state.receiving.signal);
      continue;
    }
    if (state.stopping) {
      await Promise.all(entries.map((e) => queue.release(e).catch(() => undefined)));
      break;
    }
    for (const entry of entries) startEntry(state, entry);
  }
}
