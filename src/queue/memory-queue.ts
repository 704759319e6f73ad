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

/**
 * The queue contract in one process, for the embedded default (no REDIS_URL). Entries live only
 * in memory, which is safe because the job rows are the truth: after a restart the reconciler
 * publishes every unfinished job again.
 */
export function createMemoryQueue(options: MemoryQueueOptions = {}): Queue {
  const maxDead = options.maxDeadLetters ?? 10_000;
  let sequence = 0;
  let closed = false;
  const ready: { id: string; ref: JobRef }[] = [];
  const pending = new Map<string, Pending>();
  const dead: DeadLetter[] = [];
  const waiters = new Set<() => void>();

  function nextId(): string {
    sequence += 1;
    return `${Date.now()}-${sequence}`;
  }

  function wake(): void {
    for (const waiter of waiters) waiter();
    waiters.clear();
  }

  function take(consumer: string, count: number): QueueEntry[] {
    const taken = ready.splice(0, count);
    const now = Date.now();
    return taken.map(({ id, ref }) => {
      pending.set(id, { ref, consumer, deliveries: 1, deliveredAt: now });
      return { id, ...ref, deliveries: 1 };
    });
  }

  function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  return {
    kind: "memory",
    async publish(refs) {
      if (closed) throw new Error("The in-process queue is closed");
      for (const ref of refs) ready.push({ id: nextId(), ref: { jobId: ref.jobId, kind: ref.kind } });
      if (refs.length > 0) wake();
    },
    async receive(consumer, { count, blockMs, signal }: ReceiveOptions) {
      if (signal?.aborted || closed) return [];
      if (ready.length === 0 && blockMs > 0) await wait(blockMs, signal);
      if (signal?.aborted || closed) return [];
      return take(consumer, count);
    },
    async ack(entry) {
      pending.delete(entry.id);
    },
    async deadLetter(entry, error) {
      const held = pending.get(entry.id);
      pending.delete(entry.id);
      dead.push({
        id: nextId(),
        jobId: entry.jobId,
        kind: entry.kind,
        error,
        deliveries: held?.deliveries ?? entry.deliveries,
        at: new Date(),
      });
      if (dead.length > maxDead) dead.splice(0, dead.length - maxDead);
    },
    async release(entry) {
      if (!pending.delete(entry.id)) return;
      ready.unshift({
        id: nextId(),
        ref: { jobId: entry.jobId, kind: entry.kind },
      });
      wake();
    },
    async claimStale(consumer, idleMs, count) {
      const now = Date.now();
      const claimed: QueueEntry[] = [];
      for (const [id, held] of pending) {
        if (claimed.length >= count) break;
        if (now - held.deliveredAt < idleMs) continue;
        held.consumer = consumer;
        held.deliveries += 1;
        held.deliveredAt = now;
        claimed.push({ id, ...held.ref, deliveries: held.deliveries });
      }
      return claimed;
    },
    async heartbeat(consumer, entries) {
      const now = Date.now();
      for (const entry of entries) {
        const held = pending.get(entry.id);
        if (held?.consumer === consumer) held.deliveredAt = now;
      }
    },
    async deadLetters(limit = 100) {
      return dead.slice(-limit);
    },
    async stats(): Promise<QueueStats> {
      return {
        waiting: ready.length + pending.size,
        pending: pending.size,
        dead: dead.length,
      };
    },
    async ping() {
      if (closed) throw new Error("The in-process queue is closed");
    },
    async close() {
      closed = true;
      wake();
    },
  };
}
