import type { DeadLetter, JobRef, Queue, QueueEntry, QueueStats, ReceiveOptions } from "./queue.js";

interface Pending {
  ref: JobRef;
  consumer: string;
  deliveries: number;
  deliveredAt: number;
}

export interface MemoryQueueOptions {
  /** Dead letters kept; older ones are dropped, as the Redis dead-letter stream is trimmed. */
  maxDeadLetters?: number;
}

/** Everything one in-process queue holds; the helpers below share it. */
interface MemoryQueueState {
  readonly maxDead: number;
  sequence: number;
  closed: boolean;
  readonly ready: { id: string; ref: JobRef }[];
  readonly pending: Map<string, Pending>;
  readonly dead: DeadLetter[];
  /** Receivers blocked until an entry arrives or the queue closes. */
  readonly waiters: Set<() => void>;
}

/** A fresh entry id, shaped like a stream id (time, then a counter). */
function nextId(state: MemoryQueueState): string {
  state.sequence += 1;
  return `${Date.now()}-${state.sequence}`;
}

/** Wakes every blocked receiver. */
function wake(state: MemoryQueueState): void {
  for (const waiter of state.waiters) waiter();
  state.waiters.clear();
}

/** Hands up to `count` ready entries to `consumer`, now pending for it. */
function take(state: MemoryQueueState, consumer: string, count: number): QueueEntry[] {
  const taken = state.ready.splice(0, count);
  const now = Date.now();
  return taken.map(({ id, ref }) => {
    state.pending.set(id, { ref, consumer, deliveries: 1, deliveredAt: now });
    return { id, ...ref, deliveries: 1 };
  });
}

/** Resolves after `ms`, or earlier when woken or when `signal` aborts. */
function wait(state: MemoryQueueState, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      state.waiters.delete(done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    state.waiters.add(done);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Drops the entry from pending and records it as a dead letter, trimming the oldest. */
function deadLetter(state: MemoryQueueState, entry: QueueEntry, error: string): void {
  const held = state.pending.get(entry.id);
  state.pending.delete(entry.id);
  state.dead.push({
    id: nextId(state),
    jobId: entry.jobId,
    kind: entry.kind,
    error,
    deliveries: held?.deliveries ?? entry.deliveries,
    at: new Date(),
  });
  if (state.dead.length > state.maxDead) state.dead.splice(0, state.dead.length - state.maxDead);
}

/** Puts a pending entry back at the front of the ready list under a new id. */
function release(state: MemoryQueueState, entry: QueueEntry): void {
  if (!state.pending.delete(entry.id)) return;
  state.ready.unshift({
    id: nextId(state),
    ref: { jobId: entry.jobId, kind: entry.kind },
  });
  wake(state);
}

/** Moves up to `count` entries idle for `idleMs` or more to `consumer`, counting a delivery. */
function claimStale(state: MemoryQueueState, consumer: string, idleMs: number, count: number): QueueEntry[] {
  const now = Date.now();
  const claimed: QueueEntry[] = [];
  for (const [id, held] of state.pending) {
    if (claimed.length >= count) break;
    if (now - held.deliveredAt < idleMs) continue;
    held.consumer = consumer;
    held.deliveries += 1;
    held.deliveredAt = now;
    claimed.push({ id, ...held.ref, deliveries: held.deliveries });
  }
  return claimed;
}

/** Resets the idle time of the entries `consumer` still holds. */
function heartbeat(state: MemoryQueueState, consumer: string, entries: readonly QueueEntry[]): void {
  const now = Date.now();
  for (const entry of entries) {
    const held = state.pending.get(entry.id);
    if (held?.consumer === consumer) held.deliveredAt = now;
  }
}

/** Fails when the queue has been closed. */
function assertOpen(state: MemoryQueueState): void {
  if (state.closed) throw new Error("The in-process queue is closed");
}

/**
 * The queue contract in one process, for the embedded default (no REDIS_URL). Entries live only
 * in memory, which is safe because the job rows are the truth: after a restart the reconciler
 * publishes every unfinished job again.
 */
export function createMemoryQueue(options: MemoryQueueOptions = {}): Queue {
  const state: MemoryQueueState = {
    maxDead: options.maxDeadLetters ?? 10_000,
    sequence: 0,
    closed: false,
    ready: [],
    pending: new Map(),
    dead: [],
    waiters: new Set(),
  };
  return {
    kind: "memory",
    async publish(refs) {
      assertOpen(state);
      for (const ref of refs) state.ready.push({ id: nextId(state), ref: { jobId: ref.jobId, kind: ref.kind } });
      if (refs.length > 0) wake(state);
    },
    async receive(consumer, { count, blockMs, signal }: ReceiveOptions) {
      if (signal?.aborted || state.closed) return [];
      if (state.ready.length === 0 && blockMs > 0) await wait(state, blockMs, signal);
      if (signal?.aborted || state.closed) return [];
      return take(state, consumer, count);
    },
    async ack(entry) {
      state.pending.delete(entry.id);
    },
    deadLetter: async (entry, error) => deadLetter(state, entry, error),
    release: async (entry) => release(state, entry),
    claimStale: async (consumer, idleMs, count) => claimStale(state, consumer, idleMs, count),
    heartbeat: async (consumer, entries) => heartbeat(state, consumer, entries),
    async deadLetters(limit = 100) {
      return state.dead.slice(-limit);
    },
    async stats(): Promise<QueueStats> {
      return {
        waiting: state.ready.length + state.pending.size,
        pending: state.pending.size,
        dead: state.dead.length,
      };
    },
    async ping() {
      assertOpen(state);
    },
    async close() {
      state.closed = true;
      wake(state);
    },
  };
}
