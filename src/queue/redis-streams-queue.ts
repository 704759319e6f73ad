import type { Redis } from "ioredis";
import type { DeadLetter, JobRef, Queue, QueueStats, ReceiveOptions } from "./queue.js";

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

type StreamEntry = [id: string, fields: string[]];

function isNoGroup(error: unknown): boolean {
  return error instanceof Error && error.message.includes("NOGROUP");
}

function fieldsOf(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i] as string] = fields[i + 1] as string;
  return out;
}

function refOf(fields: string[]): JobRef {
  const f = fieldsOf(fields);
  return { jobId: f.job ?? "", kind: f.kind ?? "" };
}

/** Fails the multi's first failed command, as a single command would. */
function checkExec(results: [Error | null, unknown][] | null): void {
  for (const [error] of results ?? []) if (error) throw error;
}

/**
 * The queue over one Redis stream and one consumer group. Acked entries are deleted so the stream
 * holds only work not yet done. If the stream vanishes (restart without persistence, FLUSHALL),
 * the group is created again from the start of the stream on the next command that needs it, so
 * entries published after the loss are still delivered; the reconciler publishes the rest.
 */
export function createRedisStreamsQueue(options: RedisStreamsQueueOptions): RedisStreamsQueue {
  const redis = options.redis;
  const prefix = options.keyPrefix ?? "";
  const stream = `${prefix}${options.stream}`;
  const deadStream = `${stream}:dead`;
  const group = options.group ?? "archon-workers";
  const maxDead = options.maxDeadLetters ?? 10_000;
  // XREADGROUP BLOCK holds its connection, so each consumer reads on a connection of its own,
  // which is also what lets stop() cut a blocked read short.
  const readers = new Map<string, Redis>();

  async function ensureGroup(): Promise<void> {
    try {
      // From 0, not $: after a flush, entries added before the group exists must still be read.
      await redis.call("XGROUP", "CREATE", stream, group, "0", "MKSTREAM");
    } catch (error) {
      if (!(error instanceof Error && error.message.includes("BUSYGROUP"))) throw error;
    }
  }

  async function withGroup<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!isNoGroup(error)) throw error;
      await ensureGroup();
      return run();
    }
  }

  function reader(consumer: string): Redis {
    let connection = readers.get(consumer);
    if (!connection) {
      connection = redis.duplicate();
      // A blocked read that loses its server is retried by the worker loop, not here.
      connection.on("error", () => undefined);
      readers.set(consumer, connection);
    }
    return connection;
  }

  function dropReader(consumer: string): void {
    const connection = readers.get(consumer);
    readers.delete(consumer);
    connection?.disconnect();
  }

  async function deliveryCounts(ids: string[]): Promise<Map<string, number>> {
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.xpending(stream, group, id, id, 1);
    const results = (await pipeline.exec()) ?? [];
    const counts = new Map<string, number>();
    for (const [error, rows] of results) {
      if (error) continue;
      for (const row of rows as [string, string, number, number][]) counts.set(row[0], Number(row[3]));
    }
    return counts;
  }

  async function ackTogether(ids: string[]): Promise<void> {
    try {
      checkExec(await redis.multi().xack(stream, group, ...ids).xdel(stream, ...ids).exec());
    } catch (error) {
      // No group means the stream was lost with these entries in it: nothing left to ack.
      if (!isNoGroup(error)) throw error;
    }
  }

  // Acks asked for in the same turn of the event loop (jobs finishing together) go to Redis as one
  // MULTI with one XACK and one XDEL for all of them: a round trip and four commands, not four each.
  let acks: { ids: string[]; done: Promise<void> } | undefined;

  const queue: Queue = {
    kind: "redis",
    async publish(refs) {
      if (refs.length === 0) return;
      const pipeline = redis.pipeline();
      for (const ref of refs) pipeline.xadd(stream, "*", "job", ref.jobId, "kind", ref.kind);
      checkExec(await pipeline.exec());
    },

    async receive(consumer, { count, blockMs, signal }: ReceiveOptions) {
      if (signal?.aborted) return [];
      const connection = reader(consumer);
      const onAbort = () => dropReader(consumer);
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const block = blockMs > 0 ? ["BLOCK", blockMs] : [];
        const reply = (await withGroup(() =>
          connection.call("XREADGROUP", "GROUP", group, consumer, "COUNT", count, ...block, "STREAMS", stream, ">"),
        )) as [string, StreamEntry[]][] | null;
        const entries = reply?.[0]?.[1] ?? [];
        return entries.map(([id, fields]) => ({
          id,
          ...refOf(fields),
          deliveries: 1,
        }));
      } catch (error) {
        if (signal?.aborted) return [];
        throw error;
      } finally {
        signal?.removeEventListener("abort", onAbort);
      }
    },

    ack(entry) {
      if (!acks) {
        const ids: string[] = [];
        const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
          acks = undefined;
          return ackTogether(ids);
        });
        acks = { ids, done };
      }
      acks.ids.push(entry.id);
      return acks.done;
    },

    async deadLetter(entry, error) {
      const fields = ["job", entry.jobId, "kind", entry.kind, "error", error, "deliveries", String(entry.deliveries)];
      const at = ["at", new Date().toISOString()];
      checkExec(
        await redis
          .multi()
          .xadd(deadStream, "MAXLEN", "~", maxDead, "*", ...fields, ...at)
          .xack(stream, group, entry.id)
          .xdel(stream, entry.id)
          .exec(),
      );
    },

    async release(entry) {
      // A stream entry cannot be un-delivered: add a fresh copy for the group and drop this one.
      checkExec(
        await redis
          .multi()
          .xadd(stream, "*", "job", entry.jobId, "kind", entry.kind)
          .xack(stream, group, entry.id)
          .xdel(stream, entry.id)
          .exec(),
      );
    },

    async claimStale(consumer, idleMs, count) {
      const reply = (await withGroup(() =>
        redis.call("XAUTOCLAIM", stream, group, consumer, Math.max(0, Math.floor(idleMs)), "0-0", "COUNT", count),
      )) as [string, (StreamEntry | null)[], string[]?];
      const entries = (reply[1] ?? []).filter((e): e is StreamEntry => e !== null);
      if (entries.length === 0) return [];
      const counts = await deliveryCounts(entries.map(([id]) => id));
      return entries.map(([id, fields]) => ({
        id,
        ...refOf(fields),
        deliveries: counts.get(id) ?? 2,
      }));
    },

    async heartbeat(consumer, entries) {
      if (entries.length === 0) return;
      // JUSTID resets the idle time without counting a delivery.
      const ids = entries.map((e) => e.id);
      await withGroup(() => redis.call("XCLAIM", stream, group, consumer, 0, ...ids, "JUSTID"));
    },

    async deadLetters(limit = 100) {
      const rows = (await redis.xrevrange(deadStream, "+", "-", "COUNT", limit)) as StreamEntry[];
      return rows.reverse().map(([id, raw]): DeadLetter => {
        const f = fieldsOf(raw);
        return {
          id,
          jobId: f.job ?? "",
          kind: f.kind ?? "",
          error: f.error ?? "",
          deliveries: Number(f.deliveries ?? 0),
          at: new Date(f.at ?? Number(id.split("-")[0])),
        };
      });
    },

    async stats(): Promise<QueueStats> {
      const [waiting, dead] = await Promise.all([redis.xlen(stream), redis.xlen(deadStream)]);
      let pending = 0;
      try {
        const summary = (await redis.xpending(stream, group)) as [number, ...unknown[]];
        pending = Number(summary[0]);
      } catch (error) {
        if (!isNoGroup(error)) throw error;
      }
      return { waiting, pending, dead };
    },

    async ping() {
      await redis.ping();
    },

    async close() {
      for (const consumer of [...readers.keys()]) dropReader(consumer);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
  return { ...queue, stream, deadStream, ensureGroup };
}
