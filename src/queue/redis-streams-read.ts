import type { QueueEntry, ReceiveOptions } from "./queue.js";
import { type StreamEntry, refOf } from "./redis-stream-entries.js";
import { type RedisStreamsContext, dropReader, reader, withGroup } from "./redis-streams-context.js";

/** New entries for `consumer` through XREADGROUP on its own connection; [] once `signal` aborts. */
export async function receiveEntries(
  ctx: RedisStreamsContext,
  consumer: string,
  { count, blockMs, signal }: ReceiveOptions,
): Promise<QueueEntry[]> {
  if (signal?.aborted) return [];
  const connection = reader(ctx, consumer);
  const onAbort = () => dropReader(ctx, consumer);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const block = blockMs > 0 ? ["BLOCK", blockMs] : [];
    const reply = (await withGroup(ctx, () =>
      connection.call("XREADGROUP", "GROUP", ctx.group, consumer, "COUNT", count, ...block, "STREAMS", ctx.stream, ">"),
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
}

/** The delivery count of each pending entry, read with one XPENDING per id in one pipeline. */
async function deliveryCounts(ctx: RedisStreamsContext, ids: string[]): Promise<Map<string, number>> {
  const pipeline = ctx.redis.pipeline();
  for (const id of ids) pipeline.xpending(ctx.stream, ctx.group, id, id, 1);
  const results = (await pipeline.exec()) ?? [];
  const counts = new Map<string, number>();
  for (const [error, rows] of results) {
    if (error) continue;
    for (const row of rows as [string, string, number, number][]) counts.set(row[0], Number(row[3]));
  }
  return counts;
}

/** Takes over entries idle longer than `idleMs` with XAUTOCLAIM, with their raised delivery counts. */
export async function claimStaleEntries(
  ctx: RedisStreamsContext,
  consumer: string,
  idleMs: number,
  count: number,
): Promise<QueueEntry[]> {
  const reply = (await withGroup(ctx, () =>
    ctx.redis.call("XAUTOCLAIM", ctx.stream, ctx.group, consumer, Math.max(0, Math.floor(idleMs)), "0-0", "COUNT", count),
  )) as [string, (StreamEntry | null)[], string[]?];
  const entries = (reply[1] ?? []).filter((e): e is StreamEntry => e !== null);
  if (entries.length === 0) return [];
  const counts = await deliveryCounts(ctx, entries.map(([id]) => id));
  return entries.map(([id, fields]) => ({
    id,
    ...refOf(fields),
    deliveries: counts.get(id) ?? 2,
  }));
}

/** Resets the idle time of entries `consumer` still works on. */
export async function heartbeatEntries(
  ctx: RedisStreamsContext,
  consumer: string,
  entries: readonly QueueEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  // JUSTID resets the idle time without counting a delivery.
  const ids = entries.map((e) => e.id);
  await withGroup(ctx, () => ctx.redis.call("XCLAIM", ctx.stream, ctx.group, consumer, 0, ...ids, "JUSTID"));
}
