/**
 * The transport between whoever creates jobs and the workers that run them.
 *
 * PostgreSQL holds the job (kind, payload, state, attempts); the queue carries only a reference
 * to it, so losing the queue loses nothing that the reconciler cannot publish again. Delivery is
 * at least once: an entry is handed to one consumer of the group and stays pending until that
 * consumer acks it, dead-letters it or releases it; an entry left pending longer than the
 * visibility timeout is taken over by another consumer through `claimStale`. The same job may
 * therefore arrive twice, and workers rely on the job row, not the queue, to run it once.
 */
export interface Queue {
  readonly kind: "redis" | "memory";
  /** Adds one entry per reference, in order. */
  publish(refs: readonly JobRef[]): Promise<void>;
  /**
   * Up to `count` entries never delivered before, now pending for `consumer`. Waits up to
   * `blockMs` when there are none; returns [] at once when `signal` aborts.
   */
  receive(consumer: string, options: ReceiveOptions): Promise<QueueEntry[]>;
  /** Done with the entry: it is never delivered again. */
  ack(entry: QueueEntry): Promise<void>;
  /** Gives up on the entry: records it with the reason in the dead letters, then acks it. */
  deadLetter(entry: QueueEntry, error: string): Promise<void>;
  /** Hands an entry this consumer has not started back to the group, available at once. */
  release(entry: QueueEntry): Promise<void>;
  /**
   * Takes over up to `count` entries pending (for any consumer) longer than `idleMs`, so they are
   * now pending for `consumer`; each comes back with its delivery count raised by one.
   */
  claimStale(consumer: string, idleMs: number, count: number): Promise<QueueEntry[]>;
  /** Resets the idle time of entries still being worked on, so nobody claims them. */
  heartbeat(consumer: string, entries: readonly QueueEntry[]): Promise<void>;
  /** The most recent dead letters, oldest first. */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  stats(): Promise<QueueStats>;
  /** Resolves when the transport answers; throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What an entry carries: the payload stays in the job row. */
export interface JobRef {
  jobId: string;
  kind: string;
}

export interface QueueEntry extends JobRef {
  /** The entry's id in the queue (a stream id for Redis), not the job id. */
  id: string;
  /** How many times the entry has been handed to a consumer, this time included. */
  deliveries: number;
}

export interface ReceiveOptions {
  count: number;
  blockMs: number;
  signal?: AbortSignal | undefined;
}

export interface DeadLetter extends JobRef {
  /** Id of the dead letter itself. */
  id: string;
  error: string;
  deliveries: number;
  at: Date;
}

export interface QueueStats {
  /** Entries not yet acked, delivered or not. */
  waiting: number;
  /** Entries delivered and not yet acked. */
  pending: number;
  dead: number;
}
