import type { BenchContext } from "../lib/context.js";
import { perSecond } from "../lib/format.js";
import { type SuiteResult, skipped } from "../lib/result.js";
import { importBench, isResult } from "./imported.js";

type BenchQueue = (options?: { redisUrl?: string }) => Promise<Record<string, unknown>>;
type Rates = { publishPerS?: number; consumePerS?: number; endToEndPerS?: number };

/** Jobs/s through the Redis Streams queue beside BullMQ, from bench/queue.bench.ts. */
export async function benchQueueSuite(ctx: BenchContext): Promise<SuiteResult> {
  const redisUrl = ctx.services.redisUrl;
  if (!redisUrl) return skipped("queue", ctx.services.missing.join("; "));
  const bench = await importBench<BenchQueue>("../queue.bench.js", "benchQueue");
  if (isResult(bench)) return { ...bench, name: "queue" };
  const data = await bench({ redisUrl });
  if (typeof data.skipped === "string") return skipped("queue", data.skipped);
  const streams = (data.redisStreams ?? {}) as Rates;
  const bull = (data.bullmq ?? {}) as Rates;
  const ratio = streams.endToEndPerS && bull.endToEndPerS ? streams.endToEndPerS / bull.endToEndPerS : undefined;
  const peerName = "BullMQ";
  const rate = (v: number | undefined) => (v === undefined ? "-" : perSecond(v));
  return {
    name: "queue",
    status: "ok",
    rows: [
      { metric: `publish jobs/s (${String(data.jobs)} no-op jobs)`, archon: rate(streams.publishPerS), peer: rate(bull.publishPerS), peerName },
      { metric: "consume + ack jobs/s, 2 workers", archon: rate(streams.consumePerS), peer: rate(bull.consumePerS), peerName },
      {
        metric: "end to end jobs/s",
        archon: `${rate(streams.endToEndPerS)}${ratio ? ` (${ratio.toFixed(1)}×)` : ""}`,
        peer: rate(bull.endToEndPerS),
        peerName,
        target: "≥ 2× BullMQ",
      },
    ],
    data,
  };
}
