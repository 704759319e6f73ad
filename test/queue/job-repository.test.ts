import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import type { Db } from "../../src/db/database.js";
import { deferJob, getJob, insertJob, listDueJobs, markJobDone, markJobPublished, markJobRunning, recordJobFailure } from "../../src/db/job.repository.js";
import { testDatabases } from "../support/databases.js";
import { age, warmUp } from "./jobs.js";

describe.each(testDatabases())("job repository on $name", (backend) => {
  // The first open compiles PGlite, slow on a busy machine; the hooks of each test need not wait for it.
  beforeAll(() => warmUp(backend), 300_000);

  let handle: DatabaseHandle;
  let db: Db;
  beforeEach(async () => {
    handle = await backend.open();
    db = handle.db;
  });
  afterEach(async () => {
    await handle.close();
  });

  it("returns the existing job for a duplicate idempotency key", async () => {
    const first = await insertJob(db, { kind: "plan", payload: { taskId: 1 }, idempotencyKey: "k1" });
    const second = await insertJob(db, { kind: "plan", payload: { taskId: 2 }, idempotencyKey: "k1" });
    expect(first.created).toBe(true);
    expect(second).toEqual({ job: first.job, created: false });
    expect(first.job).toMatchObject({ kind: "plan", payload: { taskId: 1 }, state: "pending", attempts: 0 });
  });

  it("lets one taker run a job and nobody else until it goes quiet", async () => {
    const { job } = await insertJob(db, { kind: "k", payload: {}, idempotencyKey: "k" });
    const taken = await markJobRunning(db, job.id, { staleAfterMs: 60_000 });
    expect(taken).toMatchObject({ state: "running", attempts: 1 });
    expect(await markJobRunning(db, job.id, { staleAfterMs: 60_000 })).toBeUndefined();
    await age(db, job.id, "updated_at", 120_000);
    expect(await markJobRunning(db, job.id, { staleAfterMs: 60_000 })).toMatchObject({ attempts: 2 });
  });

  it("does not take a job before it is due, nor a finished one", async () => {
    const later = await insertJob(db, {
      kind: "k",
      payload: {},
      idempotencyKey: "later",
      availableAt: new Date(Date.now() + 3_600_000),
    });
    expect(await markJobRunning(db, later.job.id, { staleAfterMs: 1 })).toBeUndefined();
    const { job } = await insertJob(db, { kind: "k", payload: {}, idempotencyKey: "now" });
    await markJobDone(db, job.id);
    expect(await markJobRunning(db, job.id, { staleAfterMs: 1 })).toBeUndefined();
  });

  it("puts a failed job back to pending with a backoff, or marks it dead", async () => {
    const { job } = await insertJob(db, { kind: "k", payload: {}, idempotencyKey: "k" });
    await markJobRunning(db, job.id, { staleAfterMs: 1_000 });
    await markJobPublished(db, [job.id]);
    const retried = await recordJobFailure(db, job.id, "boom", { dead: false, retryAfterMs: 3_600_000 });
    expect(retried).toMatchObject({ state: "pending", last_error: "boom", published_at: null, attempts: 1 });
    expect(retried!.available_at.getTime()).toBeGreaterThan(job.available_at.getTime());
    expect(await listDueJobs(db, { olderThanMs: 1_000, limit: 10 })).toEqual([]);
    expect(await recordJobFailure(db, job.id, "fatal", { dead: true })).toMatchObject({ state: "dead" });
    // A dead job stays dead.
    expect(await recordJobFailure(db, job.id, "again", { dead: false })).toBeUndefined();
    expect((await getJob(db, job.id))?.last_error).toBe("fatal");
  });

  it("defers a running job to later without counting the run, and due again it is listed and taken", async () => {
    const { job } = await insertJob(db, { kind: "k", payload: {}, idempotencyKey: "k" });
    await markJobRunning(db, job.id, { staleAfterMs: 1_000 });
    await markJobPublished(db, [job.id]);
    const deferred = await deferJob(db, job.id, 3_600_000);
    expect(deferred).toMatchObject({ state: "pending", attempts: 0, published_at: null, last_error: null });
    expect(await markJobRunning(db, job.id, { staleAfterMs: 1_000 })).toBeUndefined();
    expect(await listDueJobs(db, { olderThanMs: 1_000, limit: 10 })).toEqual([]);
    await age(db, job.id, "available_at", 3_600_000);
    expect((await listDueJobs(db, { olderThanMs: 1_000, limit: 10 })).map((j) => j.id)).toEqual([job.id]);
    expect(await markJobRunning(db, job.id, { staleAfterMs: 1_000 })).toMatchObject({ attempts: 1 });
    // Only a running job is deferred: a finished one stays finished.
    await markJobDone(db, job.id);
    expect(await deferJob(db, job.id, 1_000)).toBeUndefined();
  });

  it("lists jobs that are due and not in flight", async () => {
    const ids: Record<string, string> = {};
    for (const key of ["unpublished", "fresh", "old", "done", "running", "stale-running", "future"]) {
      const availableAt = key === "future" ? new Date(Date.now() + 3_600_000) : undefined;
      ids[key] = (await insertJob(db, { kind: "k", payload: {}, idempotencyKey: key, availableAt })).job.id;
    }
    await markJobPublished(db, [ids.fresh!, ids.old!, ids.running!, ids["stale-running"]!]);
    await age(db, ids.old!, "published_at", 120_000);
    await markJobDone(db, ids.done!);
    for (const key of ["running", "stale-running"]) await markJobRunning(db, ids[key]!, { staleAfterMs: 1 });
    await age(db, ids.running!, "published_at", 120_000);
    await age(db, ids["stale-running"]!, "published_at", 120_000);
    await age(db, ids["stale-running"]!, "updated_at", 120_000);

    const due = await listDueJobs(db, { olderThanMs: 60_000, limit: 10 });
    expect(due.map((j) => j.idempotency_key).sort()).toEqual(["old", "stale-running", "unpublished"]);
    expect(await listDueJobs(db, { olderThanMs: 60_000, limit: 1 })).toHaveLength(1);
  });
});
