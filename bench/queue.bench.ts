import { randomBytes } from "node:crypto";
import { Queue as BullQueue, Worker as BullWorker } from "bullmq";
import { Redis } from "ioredis";
import type { Queue } from "../src/queue/queue.js";
import { createRedisStreamsQueue } from "../src/queue/redis-streams-queue.js";

export interface QueueBenchOptions {
  /** Redis to measure on; default REDIS_URL, TEST_REDIS_URL, then the local default. */
  redisUrl?: string;
  /** No-op jobs pushed through each queue (BENCH_QUEUE_JOBS, default 20,000: 5,000 pass in about 200 ms, too short to measure steadily). */
  jobs?: number;
}

const CONSUMERS = 2;
/** Entries one consumer reads at once, and BullMQ's per-worker concurrency: the same in-flight work. */
const BATCH = 50;
const PUBLISH_CHUNK = 500;
const GIVE_UP_MS = 120_000;

function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

async function reachable(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Two consumers each read up to BATCH entries and ack them, until every job is acked. */
async function consume(queue: Queue, total: number): Promise<void> {
  let acked = 0;
  const deadline = Date.now() + GIVE_UP_MS;
  async function consumer(name: string): Promise<void> {
    while (acked < total && Date.now() < deadline) {
      const entries = await queue.receive(name, { count: BATCH, blockMs: 100 });
      await Promise.all(entries.map((e) => queue.ack(e)));
      acked += entries.length;
    }
  }
  await Promise.all(Array.from({ length: CONSUMERS }, (_, i) => consumer(`bench-${i}`)));
  if (acked < total) throw new Error(`only ${acked} of ${total} jobs acked within ${GIVE_UP_MS / 1000} s`);
}

async function benchStreams(url: string, jobs: number): Promise<Record<string, number>> {
  const queue = createRedisStreamsQueue({ redis: new Redis(url), stream: `bench:${randomBytes(6).toString("hex")}` });
  try {
    await queue.ensureGroup();
    const refs = Array.from({ length: jobs }, (_, i) => ({ jobId: String(i + 1), kind: "noop" }));
    const published = performance.now();
    for (let i = 0; i < refs.length; i += PUBLISH_CHUNK) await queue.publish(refs.slice(i, i + PUBLISH_CHUNK));
    const consumed = performance.now();
    await consume(queue, jobs);
    const end = performance.now();
    return {
      publishPerS: perSecond(jobs, consumed - published),
      consumePerS: perSecond(jobs, end - consumed),
      endToEndPerS: perSecond(jobs, end - published),
    };
  } finally {
    const cleaner = new Redis(url);
    await cleaner.del(queue.stream, queue.deadStream);
    await cleaner.quit();
    await queue.close();
  }
}

async function benchBullmq(url: string, jobs: number): Promise<Record<string, number>> {
  const name = `bench-${randomBytes(6).toString("hex")}`;
  const connection = () => new Redis(url, { maxRetriesPerRequest: null });
  const queue = new BullQueue(name, { connection: connection() });
  const workers: BullWorker[] = [];
  try {
    const published = performance.now();
    for (let i = 0; i < jobs; i += PUBLISH_CHUNK) {
      const chunk = Array.from({ length: Math.min(PUBLISH_CHUNK, jobs - i) }, (_, j) =>
        queue.add("noop", { n: i + j }, { removeOnComplete: true }),
      );
      await Promise.all(chunk);
    }
    const consumed = performance.now();
    let done = 0;
    const finished = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`BullMQ finished ${done} of ${jobs} jobs in time`)), GIVE_UP_MS);
      for (let w = 0; w < CONSUMERS; w++) {
        const worker = new BullWorker(name, async () => undefined, { connection: connection(), concurrency: BATCH });
        worker.on("completed", () => {
          done += 1;
          if (done === jobs) {
            clearTimeout(timer);
            resolve();
          }
        });
        workers.push(worker);
      }
    });
    await finished;
    const end = performance.now();
    return {
      publishPerS: perSecond(jobs, consumed - published),
      consumePerS: perSecond(jobs, end - consumed),
      endToEndPerS: perSecond(jobs, end - published),
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

/**
 * Jobs per second through the Redis Streams queue beside BullMQ on the same Redis: N no-op jobs
 * published, then consumed and acked by two consumers. Transport only: no job rows are written,
 * which is what BullMQ does too, so the figures compare the queues and not the database.
 */
export async function benchQueue(options: QueueBenchOptions = {}): Promise<Record<string, unknown>> {
  const url = options.redisUrl ?? process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  const jobs = options.jobs ?? Number(process.env.BENCH_QUEUE_JOBS ?? 20_000);
  const where = new URL(url).host;
  if (!(await reachable(url))) return { skipped: `Redis does not answer at ${where}` };
  const streams = await benchStreams(url, jobs);
  const bullmq = await benchBullmq(url, jobs);
  return { redis: where, jobs, consumers: CONSUMERS, inFlightPerConsumer: BATCH, redisStreams: streams, bullmq };
}
