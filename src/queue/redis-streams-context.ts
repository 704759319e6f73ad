import type { Redis } from "ioredis";
import { isNoGroup } from "./redis-stream-entries.js";

/** What every step of the Redis Streams queue shares: connections, key names and pending acks. */
export interface RedisStreamsContext {
  /** The connection for non-blocking commands. */
  readonly redis: Redis;
  /** Full names of the stream and its dead-letter stream, prefix included. */
  readonly stream: string;
  readonly deadStream: string;
  readonly group: string;
  readonly maxDead: number;
  // XREADGROUP BLOCK holds its connection, so each consumer reads on a connection of its own,
  // which is also what lets stop() cut a blocked read short.
  readonly readers: Map<string, Redis>;
  // Acks asked for in the same turn of the event loop (jobs finishing together) go to Redis as one
  // MULTI with one XACK and one XDEL for all of them: a round trip and four commands, not four each.
  acks: { ids: string[]; done: Promise<void> } | undefined;
}

/** Creates the consumer group (and stream) when missing; an existing group is left as it is. */
export async function ensureGroup(ctx: RedisStreamsContext): Promise<void> {
  try {
    // From 0, not $: after a flush, entries added before the group exists must still be read.
    await ctx.redis.call("XGROUP", "CREATE", ctx.stream, ctx.group, "0", "MKSTREAM");
  } catch (error) {
    if (!(error instanceof Error && error.message.includes("BUSYGROUP"))) throw error;
  }
}

/** Runs a group command; if the group is gone, creates it again and runs the command once more. */
export async function withGroup<T>(ctx: RedisStreamsContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isNoGroup(error)) throw error;
    await ensureGroup(ctx);
    return run();
  }
}

/** The consumer's own reading connection, opened on first use. */
export function reader(ctx: RedisStreamsContext, consumer: string): Redis {
  let connection = ctx.readers.get(consumer);
  if (!connection) {
    connection = ctx.redis.duplicate();
    // A blocked read that loses its server is retried by the worker loop, not here.
    connection.on("error", () => undefined);
    ctx.readers.set(consumer, connection);
  }
  return connection;
}

/** Disconnects the consumer's reading connection, cutting a blocked read short. */
export function dropReader(ctx: RedisStreamsContext, consumer: string): void {
  const connection = ctx.readers.get(consumer);
  ctx.readers.delete(consumer);
  connection?.disconnect();
}
