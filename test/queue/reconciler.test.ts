import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import type { Db } from "../../src/db/database.js";
import { markJobDone } from "../../src/db/job.repository.js";
import type { QueueLogger } from "../../src/queue/logger.js";
import { createMemoryQueue } from "../../src/queue/memory-queue.js";
import { enqueue, publishAfterCommit } from "../../src/queue/outbox.js";
import type { Queue } from "../../src/queue/queue.js";
import { reconcileOnce, startReconciler } from "../../src/queue/reconciler.js";
import { testDatabases } from "../support/databases.js";
import { age, jobRow, warmUp } from "./jobs.js";
import { waitFor } from "./queues.js";

function failingQueue(): Queue {
  return {
    ...createMemoryQueue(),
    async publish() {
      throw new Error("connection refused");
    },
  };
}

function recordingLogger(lines: string[]): QueueLogger {
  const log = (_fields: Record<string, unknown>, message: string) => void lines.push(message);
  return { debug: log, info: log, warn: log, error: log };
}

async function drain(queue: Queue): Promise<string[]> {
  const entries = await queue.receive("test", { count: 100, blockMs: 0 });
  return entries.map((e) => e.jobId);
}

describe.each(testDatabases())("outbox and reconciler on $name", (backend) => {
  beforeAll(() => warmUp(backend), 300_000);

  let handle: DatabaseHandle;
  let db: Db;
  let queue: Queue;
  beforeEach(async () => {
    handle = await backend.open();
    db = handle.db;
    queue = createMemoryQueue();
  });
  afterEach(async () => {
    await queue.close();
    await handle.close();
  });

  it("publishes committed jobs and stamps them, so the reconciler leaves them alone", async () => {
    const { job } = await db
      .transaction()
      .execute((trx) => enqueue(trx, { kind: "k", payload: {}, idempotencyKey: "a" }));
    expect(await publishAfterCommit(queue, [job], { db })).toBe(1);
    expect(await drain(queue)).toEqual([job.id]);
    expect((await jobRow(db, job.id)).published_at).not.toBeNull();
    expect(await reconcileOnce({ db, queue, visibilityTimeoutMs: 60_000 })).toBe(0);
  });

  it("never throws when publishing fails, and the reconciler publishes the job later", async () => {
    const lines: string[] = [];
    const { job } = await enqueue(db, { kind: "k", payload: {}, idempotencyKey: "a" });
    expect(await publishAfterCommit(failingQueue(), [job], { db, logger: recordingLogger(lines) })).toBe(0);
    expect(lines).toEqual(["could not publish jobs; the reconciler will"]);
    expect((await jobRow(db, job.id)).published_at).toBeNull();
    expect(await reconcileOnce({ db, queue, visibilityTimeoutMs: 60_000 })).toBe(1);
    expect(await drain(queue)).toEqual([job.id]);
  });

  it("leaves jobs that are not due to the reconciler", async () => {
    const { job } = await enqueue(db, {
      kind: "k",
      payload: {},
      idempotencyKey: "later",
      availableAt: new Date(Date.now() + 3_600_000),
    });
    expect(await publishAfterCommit(queue, [job], { db })).toBe(0);
    expect(await reconcileOnce({ db, queue, visibilityTimeoutMs: 60_000 })).toBe(0);
    await age(db, job.id, "available_at", 1_000);
    expect(await reconcileOnce({ db, queue, visibilityTimeoutMs: 60_000 })).toBe(1);
    expect(await drain(queue)).toEqual([job.id]);
  });

  it("publishes again what was published longer ago than the visibility timeout, never finished jobs", async () => {
    const lost = (await enqueue(db, { kind: "k", payload: {}, idempotencyKey: "lost" })).job;
    const done = (await enqueue(db, { kind: "k", payload: {}, idempotencyKey: "done" })).job;
    const fresh = (await enqueue(db, { kind: "k", payload: {}, idempotencyKey: "fresh" })).job;
    await publishAfterCommit(queue, [lost, done, fresh], { db });
    await drain(queue);
    await markJobDone(db, done.id);
    await age(db, lost.id, "published_at", 120_000);
    await age(db, done.id, "published_at", 120_000);
    expect(await reconcileOnce({ db, queue, visibilityTimeoutMs: 60_000 })).toBe(1);
    expect(await drain(queue)).toEqual([lost.id]);
  });

  it("works through more due jobs than one batch", async () => {
    for (let i = 0; i < 7; i++) await enqueue(db, { kind: "k", payload: { i }, idempotencyKey: `j${i}` });
    expect(await reconcileOnce({ db, queue, visibilityTimeoutMs: 60_000, batchSize: 3 })).toBe(7);
    expect(await drain(queue)).toHaveLength(7);
  });

  it("keeps running after a failed pass", async () => {
    const lines: string[] = [];
    const broken = failingQueue();
    await enqueue(db, { kind: "k", payload: {}, idempotencyKey: "a" });
    const reconciler = startReconciler({
      db,
      queue: broken,
      intervalMs: 20,
      visibilityTimeoutMs: 60_000,
      logger: recordingLogger(lines),
    });
    await waitFor(() => lines.length >= 2);
    await reconciler.stop();
    expect(new Set(lines)).toEqual(new Set(["reconciler pass failed; retrying on the next tick"]));
  });
});
