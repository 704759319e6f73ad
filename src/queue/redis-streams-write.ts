import type { JobRef, QueueEntry } from "./queue.js";
import { checkExec, isNoGroup } from "./redis-stream-entries.js";
import type { RedisStreamsContext } from "./redis-streams-context.js";

/** Adds one stream entry per reference, in order, in one pipeline. */
export async function publishRefs(ctx: RedisStreamsContext, refs: readonly JobRef[]): Promise<void> {
  if (refs.length === 0) return;
  const pipeline = ctx.redis.pipeline();
  for (const ref of refs) pipeline.xadd(ctx.stream, "*", "job", ref.jobId, "kind", ref.kind);
  checkExec(await pipeline.exec());
}

/** Acks and deletes the entries in one MULTI. */
async function ackTogether(ctx: RedisStreamsContext, ids: string[]): Promise<void> {
  try {
    checkExec(await ctx.redis.multi().xack(ctx.stream, ctx.group, ...ids).xdel(ctx.stream, ...ids).exec());
  } catch (error) {
    // No group means the stream was lost with these entries in it: nothing left to ack.
    if (!isNoGroup(error)) throw error;
  }
}

/** Joins the entry to this turn's batch of acks, sent together on the next turn of the event loop. */
export function ackBatched(ctx: RedisStreamsContext, entry: QueueEntry): Promise<void> {
  if (!ctx.acks) {
    const ids: string[] = [];
    const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      ctx.acks = undefined;
      return ackTogether(ctx, ids);
    });
    ctx.acks = { ids, done };
  }
  ctx.acks.ids.push(entry.id);
  return ctx.acks.done;
}

/** Adds the entry with the reason to the dead-letter stream, then acks and deletes it, in one MULTI. */
export async function deadLetterEntry(ctx: RedisStreamsContext, entry: QueueEntry, error: string): Promise<void> {
  const fields = ["job", entry.jobId, "kind", entry.kind, "error", error, "deliveries", String(entry.deliveries)];
  const at = ["at", new Date().toISOString()];
  checkExec(
    await ctx.redis
      .multi()
      .xadd(ctx.deadStream, "MAXLEN", "~", ctx.maxDead, "*", ...fields, ...at)
      .xack(ctx.stream, ctx.group, entry.id)
      .xdel(ctx.stream, entry.id)
      .exec(),
  );
}

/** Hands the entry back to the group as a fresh copy, dropping the delivered one. */
export async function releaseEntry(ctx: RedisStreamsContext, entry: QueueEntry): Promise<void> {
  // A stream entry cannot be un-delivered: add a fresh copy for the group and drop this one.
  checkExec(
    await ctx.redis
      .multi()
      .xadd(ctx.stream, "*", "job", entry.jobId, "kind", entry.kind)
      .xack(ctx.stream, ctx.group, entry.id)
      .xdel(ctx.stream, entry.id)
      .exec(),
  );
}
