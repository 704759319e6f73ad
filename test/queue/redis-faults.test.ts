import { Redis } from "ioredis";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../src/db/connect.js";
import type { Db } from "../../src/db/database.js";
import { markJobRunning } from "../../src/db/job.repository.js";
import { defineJobHandler } from "../../src/queue/job-handler.js";
import { enqueue, publishAfterCommit } from "../../src/queue/outbox.js";
import { type Reconciler, startReconciler } from "../../src/queue/reconciler.js";
import type { RedisStreamsQueue } from "../../src/queue/redis-streams-queue.js";
import { type Worker, startWorker } from "../../src/queue/worker.js";
import { testDatabases } from "../support/databases.js";
import { jobRow, warmUp } from "./jobs.js";
import { openRedisQueue, randomStream, waitFor } from "./queues.js";

const redisUrl = process.env.TEST_REDIS_URL;

/**
 * The same Redis server on database 15, which no other test uses, so FLUSHDB there cannot disturb
 * them. FLUSHALL would empty every database; for our streams it loses exactly what FLUSHDB does.
 */
function isolatedUrl(url: string): string {
  const u = new URL(url);
  u.pathname = "/15";
  return u.toString();
}

const Empty = z.object({});

describe.runIf(redisUrl).each(testDatabases())("Redis Streams faults, jobs on $name", (database) => {
  beforeAll(() => warmUp(database), 300_000);

  const url = isolatedUrl(redisUrl ?? "redis://127.0.0.1:6379");
  let handle: DatabaseHandle;
  let db: Db;
  let stream: string;
  let redis: Redis;
  let queues: RedisStreamsQueue[];
  let workers: Worker[];
  let reconcilers: Reconciler[];

  beforeEach(async () => {
    handle = await database.open();
    db = handle.db;
    stream = randomStream();
    redis = new Redis(url);
    queues = [];
    workers = [];
    reconcilers = [];
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all(reconcilers.map((r) => r.stop()));
    for (const queue of queues) await queue.close();
    await redis.quit();
    await handle.close();
  });

  /** A queue on its own connection, as another process would have. */
  async function connect(): Promise<RedisStreamsQueue> {
    const queue = await openRedisQueue(url, stream);
    queues.push(queue);
    return queue;
  }

  async function submit(queue: RedisStreamsQueue, kind: string, key: string, payload: unknown = {}) {
    const { job } = await db.transaction().execute((trx) => enqueue(trx, { kind, payload, idempotencyKey: key }));
    await publishAfterCommit(queue, [job], { db });
    return job.id;
  }

  it("loses no job when Redis is flushed between commit and consume", async () => {
    const queue = await connect();
    const ids = [await submit(queue, "noop", "a"), await submit(queue, "noop", "b")];
    expect(await redis.xlen(queue.stream)).toBe(2);
    await redis.flushdb();
    expect(await redis.exists(queue.stream)).toBe(0);

    const ran: string[] = [];
    workers.push(
      startWorker({
        db,
        queue,
        handlers: { noop: defineJobHandler(Empty, async (_p, { job }) => void ran.push(job.id)) },
        consumer: "survivor",
        concurrency: 2,
        visibilityTimeoutMs: 200,
        maxDeliveries: 3,
        blockMs: 50,
      }),
    );
    reconcilers.push(startReconciler({ db, queue, intervalMs: 50, visibilityTimeoutMs: 200 }));
    for (const id of ids) await waitFor(async () => (await jobRow(db, id)).state === "done");
    expect(ran.sort()).toEqual([...ids].sort());
  });

  it("hands the entry of a consumer killed mid-job to another consumer after the visibility timeout", async () => {
    const doomed = await openRedisQueue(url, stream, false);
    const id = await submit(doomed, "noop", "a");
    const [entry] = await doomed.receive("doomed", { count: 1, blockMs: 1_000 });
    expect(entry?.jobId).toBe(id);
    await markJobRunning(db, id, { staleAfterMs: 200 });
    await doomed.close();

    const heir = await connect();
    const pending = (await redis.xpending(heir.stream, "archon-workers", "-", "+", 10)) as [string, string][];
    expect(pending.map(([, consumer]) => consumer)).toEqual(["doomed"]);
    let runs = 0;
    workers.push(
      startWorker({
        db,
        queue: heir,
        handlers: { noop: defineJobHandler(Empty, async () => void (runs += 1)) },
        consumer: "heir",
        concurrency: 1,
        visibilityTimeoutMs: 200,
        maxDeliveries: 3,
        blockMs: 50,
      }),
    );
    await waitFor(async () => (await jobRow(db, id)).state === "done");
    expect(runs).toBe(1);
    await waitFor(async () => (await redis.xlen(heir.stream)) === 0);
  });

  it("puts a job that always throws in the dead-letter stream with its error, and marks the row dead", async () => {
    const queue = await connect();
    workers.push(
      startWorker({
        db,
        queue,
        handlers: {
          broken: defineJobHandler(Empty, async () => {
            throw new Error("GitHub said 422");
          }),
        },
        consumer: "w",
        concurrency: 1,
        visibilityTimeoutMs: 200,
        maxDeliveries: 2,
        retryBaseMs: 10,
        blockMs: 50,
      }),
    );
    const id = await submit(queue, "broken", "a");
    await waitFor(async () => (await redis.xlen(queue.deadStream)) === 1);
    const rows = (await redis.xrange(queue.deadStream, "-", "+")) as [string, string[]][];
    const fields = rows[0]?.[1] ?? [];
    const letter: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) letter[fields[i]!] = fields[i + 1]!;
    expect(letter).toMatchObject({ job: id, kind: "broken", error: "failed 2 times; last error: GitHub said 422" });
    expect(await jobRow(db, id)).toMatchObject({ state: "dead", attempts: 2 });
    expect(await redis.xlen(queue.stream)).toBe(0);
  });

  it("creates the consumer group again when the stream disappears under a running worker", async () => {
    const queue = await connect();
    let runs = 0;
    workers.push(
      startWorker({
        db,
        queue,
        handlers: { noop: defineJobHandler(Empty, async () => void (runs += 1)) },
        consumer: "w",
        concurrency: 1,
        visibilityTimeoutMs: 200,
        maxDeliveries: 3,
        blockMs: 50,
      }),
    );
    const first = await submit(queue, "noop", "a");
    await waitFor(async () => (await jobRow(db, first)).state === "done");
    await redis.del(queue.stream);
    const second = await submit(queue, "noop", "b");
    await waitFor(async () => (await jobRow(db, second)).state === "done");
    expect(runs).toBe(2);
  });
});
