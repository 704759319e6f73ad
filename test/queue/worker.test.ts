import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../src/db/connect.js";
import type { Db } from "../../src/db/database.js";
import { markJobRunning } from "../../src/db/job.repository.js";
import { JobDeferred, defineJobHandler, type JobHandlers } from "../../src/queue/job-handler.js";
import { enqueue, publishAfterCommit } from "../../src/queue/outbox.js";
import type { Queue } from "../../src/queue/queue.js";
import { type Worker, type WorkerOptions, startWorker } from "../../src/queue/worker.js";
import { testDatabases } from "../support/databases.js";
import { jobRow, warmUp } from "./jobs.js";
import { testQueues, waitFor } from "./queues.js";

const Greeting = z.object({ name: z.string().min(1) });

describe.each(testDatabases())("worker on $name", (database) => {
  // The first open compiles PGlite, slow on a busy machine; the hooks of each test need not wait for it.
  beforeAll(() => warmUp(database), 300_000);

  describe.each(testQueues())("with the $name queue", (transport) => {
    let handle: DatabaseHandle;
    let db: Db;
    let queue: Queue;
    let workers: Worker[];

    beforeEach(async () => {
      handle = await database.open();
      db = handle.db;
      queue = await transport.open();
      workers = [];
    });
    afterEach(async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await queue.close();
      await handle.close();
    });

    function start(handlers: JobHandlers, options: Partial<WorkerOptions> = {}): Worker {
      const worker = startWorker({
        db,
        queue,
        handlers,
        consumer: `w${workers.length}`,
        concurrency: 2,
        visibilityTimeoutMs: 200,
        maxDeliveries: 3,
        retryBaseMs: 10,
        blockMs: 50,
        ...options,
      });
      workers.push(worker);
      return worker;
    }

    async function submit(kind: string, payload: unknown, key = `${kind}:${JSON.stringify(payload)}`) {
      const { job } = await db.transaction().execute((trx) => enqueue(trx, { kind, payload, idempotencyKey: key }));
      await publishAfterCommit(queue, [job], { db });
      return job.id;
    }

    async function until(id: string, state: string) {
      await waitFor(async () => (await jobRow(db, id)).state === state);
      return jobRow(db, id);
    }

    it("runs a job with its parsed payload and acks it", async () => {
      const seen: unknown[] = [];
      start({ greet: defineJobHandler(Greeting, async (p) => void seen.push(p)) });
      const id = await submit("greet", { name: "Ada", extra: true });
      expect(await until(id, "done")).toMatchObject({ attempts: 1, last_error: null });
      expect(seen).toEqual([{ name: "Ada" }]);
      await waitFor(async () => (await queue.stats()).waiting === 0);
    });

    it("dead-letters a payload its schema rejects and goes on with the next job", async () => {
      const seen: string[] = [];
      start({ greet: defineJobHandler(Greeting, async (p) => void seen.push(p.name)) });
      const bad = await submit("greet", { name: "" });
      const good = await submit("greet", { name: "Grace" });
      await until(good, "done");
      const dead = await until(bad, "dead");
      expect(dead.last_error).toContain('payload does not match the "greet" schema');
      expect(dead.last_error).toContain("name");
      const letters = await queue.deadLetters();
      expect(letters.map((l) => [l.jobId, l.kind])).toEqual([[bad, "greet"]]);
      expect(letters[0]!.error).toBe(dead.last_error);
      expect(seen).toEqual(["Grace"]);
    });

    it("retries a failing job and dead-letters it after maxDeliveries with its error", async () => {
      let runs = 0;
      start({
        flaky: defineJobHandler(z.object({}), async () => {
          runs += 1;
          throw new Error(`boom ${runs}`);
        }),
      });
      const id = await submit("flaky", {});
      const dead = await until(id, "dead");
      expect(runs).toBe(3);
      expect(dead).toMatchObject({ attempts: 3, last_error: "failed 3 times; last error: boom 3" });
      await waitFor(async () => (await queue.deadLetters()).length === 1);
      const [letter] = await queue.deadLetters();
      expect(letter).toMatchObject({ jobId: id, kind: "flaky", error: "failed 3 times; last error: boom 3" });
    });

    it("finishes a job that fails once and then succeeds", async () => {
      let runs = 0;
      start({
        once: defineJobHandler(z.object({}), async () => {
          runs += 1;
          if (runs === 1) throw new Error("transient");
        }),
      });
      const id = await submit("once", {});
      expect(await until(id, "done")).toMatchObject({ attempts: 2, last_error: null });
    });

    it("runs a deferred job again when it asked, as often as it defers, without spending its deliveries", async () => {
      const runs: number[] = [];
      start({
        later: defineJobHandler(z.object({}), async (_p, ctx) => {
          runs.push(ctx.job.attempts);
          if (runs.length <= 4) throw new JobDeferred(20);
        }),
      });
      const id = await submit("later", {});
      // More deferrals than maxDeliveries (3), and the job still finishes on its first attempt.
      expect(await until(id, "done")).toMatchObject({ attempts: 1, last_error: null });
      expect(runs).toEqual([1, 1, 1, 1, 1]);
      expect(await queue.deadLetters()).toEqual([]);
    });

    it("runs a job whose entry arrived before it was due, when it is due, with no reconciler", async () => {
      start({ greet: defineJobHandler(Greeting, async () => {}) });
      // As when a retry's timer fires early on a busy event loop: the entry is there, the row is
      // not due for another 300 ms by the database's clock.
      const { job } = await db.transaction().execute((trx) =>
        enqueue(trx, { kind: "greet", payload: { name: "Ida" }, idempotencyKey: "early", availableAt: new Date(Date.now() + 300) }),
      );
      await queue.publish([{ jobId: String(job.id), kind: "greet" }]);
      expect(await until(String(job.id), "done")).toMatchObject({ attempts: 1 });
    });

    it("dead-letters a job of a kind it has no handler for", async () => {
      start({});
      const id = await submit("mystery", {});
      expect((await until(id, "dead")).last_error).toBe('no handler for job kind "mystery"');
      await waitFor(async () => (await queue.deadLetters()).length === 1);
    });

    it("runs a job once when its reference arrives several times", async () => {
      let runs = 0;
      start(
        {
          slow: defineJobHandler(z.object({}), async () => {
            runs += 1;
            await new Promise((r) => setTimeout(r, 100));
          }),
        },
        { concurrency: 3, visibilityTimeoutMs: 5_000 },
      );
      const id = await submit("slow", {});
      await queue.publish([
        { jobId: id, kind: "slow" },
        { jobId: id, kind: "slow" },
      ]);
      await until(id, "done");
      await waitFor(async () => (await queue.stats()).waiting === 0);
      expect(runs).toBe(1);
    });

    it("runs at most `concurrency` jobs at once", async () => {
      let now = 0;
      let most = 0;
      let bothRunning!: () => void;
      const gate = new Promise<void>((r) => (bothRunning = r));
      start(
        {
          slow: defineJobHandler(z.object({ n: z.number() }), async () => {
            now += 1;
            most = Math.max(most, now);
            if (now === 2) bothRunning();
            await gate;
            now -= 1;
          }),
        },
        { concurrency: 2, visibilityTimeoutMs: 5_000 },
      );
      const jobs = [];
      for (let n = 0; n < 6; n++)
        jobs.push((await enqueue(db, { kind: "slow", payload: { n }, idempotencyKey: `n${n}` })).job);
      await publishAfterCommit(queue, jobs, { db });
      for (const job of jobs) await until(job.id, "done");
      expect(most).toBe(2);
    });

    it("takes over a job whose worker died mid-run after the visibility timeout", async () => {
      const id = await submit("greet", { name: "Lin" });
      // The dead worker read the entry and took the row, then vanished without a word.
      const [entry] = await queue.receive("crashed", { count: 1, blockMs: 1_000 });
      expect(entry?.jobId).toBe(id);
      await markJobRunning(db, id, { staleAfterMs: 200 });

      const seen: string[] = [];
      start({ greet: defineJobHandler(Greeting, async (p) => void seen.push(p.name)) });
      expect(await until(id, "done")).toMatchObject({ attempts: 2 });
      expect(seen).toEqual(["Lin"]);
    });

    it("on stop finishes the running job and leaves the rest for other workers", async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const ran: number[] = [];
      const handlers = {
        step: defineJobHandler(z.object({ n: z.number() }), async (p) => {
          ran.push(p.n);
          if (p.n === 1) await gate;
        }),
      };
      const first = start(handlers, { concurrency: 1, visibilityTimeoutMs: 5_000 });
      const one = await submit("step", { n: 1 });
      await waitFor(() => ran.length === 1);
      const two = await submit("step", { n: 2 });
      const stopping = first.stop();
      release();
      await stopping;
      expect((await jobRow(db, one)).state).toBe("done");
      expect((await jobRow(db, two)).state).toBe("pending");
      expect(ran).toEqual([1]);

      start(handlers, { consumer: "successor" });
      await until(two, "done");
      expect(ran).toEqual([1, 2]);
    });

    it("aborts the signal of a job still running when the grace period ends", async () => {
      let aborted = false;
      const worker = start(
        {
          stubborn: defineJobHandler(z.object({}), async (_p, { signal }) => {
            await new Promise((r) => signal.addEventListener("abort", r, { once: true }));
            aborted = true;
            throw new Error("aborted by shutdown");
          }),
        },
        { graceMs: 50, visibilityTimeoutMs: 5_000 },
      );
      const id = await submit("stubborn", {});
      await waitFor(async () => (await jobRow(db, id)).state === "running" && worker.running() === 1);
      await worker.stop();
      await waitFor(() => aborted);
    });
  });
});
