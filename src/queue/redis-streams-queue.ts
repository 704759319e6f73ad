import type { Redis } from "ioredis";
import type { Queue, QueueStats } from "./queue.js";
import { type StreamEntry, deadLetterOf, isNoGroup } from "./redis-stream-entries.js";
import { type RedisStreamsContext, dropReader, ensureGroup } from "./redis-streams-context.js";
import { claimStaleEntries, heartbeatEntries, receiveEntries } from "./redis-streams-read.js";
import { ackBatched, deadLetterEntry, publishRefs, releaseEntry } from "./redis-streams-write.js";

export interface RedisStreamsQueueOptions {
  /** The connection for non-blocking commands; the queue owns it and quits it on close. */
  redis: Redis;
  /** Stream name; dead letters go to `<stream>:dead`. */
  stream: string;
  /** Consumer group every worker joins. */
  group?: string;
  /** Put in front of both stream names, so tests and tenants can share one Redis. */
  keyPrefix?: string;
  /** Dead letters kept (approximately: trimmed with MAXLEN ~). */
  maxDeadLetters?: number;
}

export interface RedisStreamsQueue extends Queue {
  /** Full names of the stream and its dead-letter stream, prefix included. */
  readonly stream: string;
  readonly deadStream: string;
  /** Creates the consumer group (and stream) when missing; an existing group is left as it is. */
  ensureGroup(): Promise<void>;
}

/** The most recent `limit` dead letters, oldest first. */
async function readDeadLetters(ctx: RedisStreamsContext, limit: number) {
  const rows = (await ctx.redis.xrevrange(ctx.deadStream, "+", "-", "COUNT", limit)) as StreamEntry[];
  return rows.reverse().map(deadLetterOf);
}

/** Stream lengths and the group's pending count; no group counts as nothing pending. */
async function readStats(ctx: RedisStreamsContext): Promise<QueueStats> {
  const [waiting, dead] = await Promise.all([ctx.redis.xlen(ctx.stream), ctx.redis.xlen(ctx.deadStream)]);
  let pending = 0;
  try {
    const summary = (await ctx.redis.xpending(ctx.stream, ctx.group)) as [number, ...unknown[]];
    pending = Number(summary[0]);
  } catch (error) {
    if (!isNoGroup(error)) throw error;
  }
  return { waiting, pending, dead };
}

/** Drops every reading connection, then quits the command connection. */
async function closeConnections(ctx: RedisStreamsContext): Promise<void> {
  for (const consumer of [...ctx.readers.keys()]) dropReader(ctx, consumer);
  await ctx.redis.quit().catch(() => ctx.redis.disconnect());
}

/**
 * The queue over one Redis stream and one consumer group. Acked entries are deleted so the stream
 * holds only work not yet done. If the stream vanishes (restart without persistence, FLUSHALL),
 * the group is created again from the start of the stream on the next command that needs it, so
 * entries published after the loss are still delivered; the reconciler publishes the rest.
 */
export function createRedisStreamsQueue(options: RedisStreamsQueueOptions): RedisStreamsQueue {
  const stream = `${options.keyPrefix ?? ""}${options.stream}`;
  const ctx: RedisStreamsContext = {
    redis: options.redis,
    stream,
    deadStream: `${stream}:dead`,
    group: options.group ?? "archon-workers",
    maxDead: options.maxDeadLetters ?? 10_000,
    readers: new Map(),
    acks: undefined,
  };
  return {
    kind: "redis",
    publish: (refs) => publishRefs(ctx, refs),
    receive: (consumer, receiveOptions) => receiveEntries(ctx, consumer, receiveOptions),
    ack: (entry) => ackBatched(ctx, entry),
    deadLetter: (entry, error) => deadLetterEntry(ctx, entry, error),
    release: (entry) => releaseEntry(ctx, entry),
    claimStale: (consumer, idleMs, count) => claimStaleEntries(ctx, consumer, idleMs, count),
    heartbeat: (consumer, entries) => heartbeatEntries(ctx, consumer, entries),
    deadLetters: (limit = 100) => readDeadLetters(ctx, limit),
    stats: () => readStats(ctx),
    async ping() {
      await ctx.redis.ping();
    },
    close: () => closeConnections(ctx),
    stream: ctx.stream,
    deadStream: ctx.deadStream,
    ensureGroup: () => ensureGroup(ctx),
  };
}
