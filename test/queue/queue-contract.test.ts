import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Queue } from "../../src/queue/queue.js";
import { testQueues, waitFor } from "./queues.js";

describe.each(testQueues())("Queue contract on $name", (backend) => {
  let queue: Queue;
  beforeEach(async () => {
    queue = await backend.open();
  });
  afterEach(async () => {
    await queue.close();
  });

  it("delivers each published reference once, in order, with a delivery count of 1", async () => {
    await queue.publish([
      { jobId: "1", kind: "plan" },
      { jobId: "2", kind: "codegen" },
    ]);
    const first = await queue.receive("a", { count: 10, blockMs: 100 });
    expect(first.map((e) => [e.jobId, e.kind, e.deliveries])).toEqual([
      ["1", "plan", 1],
      ["2", "codegen", 1],
    ]);
    expect(await queue.receive("b", { count: 10, blockMs: 50 })).toEqual([]);
  });

  it("gives at most count entries per read", async () => {
    await queue.publish([1, 2, 3].map((n) => ({ jobId: String(n), kind: "k" })));
    expect(await queue.receive("a", { count: 2, blockMs: 0 })).toHaveLength(2);
    expect(await queue.receive("b", { count: 2, blockMs: 0 })).toHaveLength(1);
  });

  it("wakes a blocked read when an entry is published", async () => {
    const reading = queue.receive("a", { count: 1, blockMs: 5_000 });
    await new Promise((r) => setTimeout(r, 50));
    await queue.publish([{ jobId: "7", kind: "k" }]);
    expect((await reading).map((e) => e.jobId)).toEqual(["7"]);
  });

  it("returns nothing at once when the read is aborted", async () => {
    const abort = new AbortController();
    const reading = queue.receive("a", { count: 1, blockMs: 20_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 30);
    expect(await reading).toEqual([]);
    // The queue still works for the same consumer afterwards.
    await queue.publish([{ jobId: "8", kind: "k" }]);
    expect((await queue.receive("a", { count: 1, blockMs: 1_000 })).map((e) => e.jobId)).toEqual(["8"]);
  });

  it("keeps an unacked entry pending and hands it to another consumer after the idle time", async () => {
    await queue.publish([{ jobId: "1", kind: "k" }]);
    const [entry] = await queue.receive("dead-consumer", { count: 1, blockMs: 0 });
    expect(entry).toBeDefined();
    expect(await queue.claimStale("b", 60_000, 10)).toEqual([]);
    await new Promise((r) => setTimeout(r, 250));
    const claimed = await queue.claimStale("b", 200, 10);
    expect(claimed.map((e) => [e.id, e.jobId, e.deliveries])).toEqual([[entry!.id, "1", 2]]);
    expect((await queue.stats()).pending).toBe(1);
  });

  it("does not hand over an entry whose consumer keeps sending heartbeats", async () => {
    await queue.publish([{ jobId: "1", kind: "k" }]);
    const entries = await queue.receive("a", { count: 1, blockMs: 0 });
    await new Promise((r) => setTimeout(r, 150));
    await queue.heartbeat("a", entries);
    expect(await queue.claimStale("b", 100, 10)).toEqual([]);
  });

  it("forgets acked entries", async () => {
    await queue.publish([{ jobId: "1", kind: "k" }]);
    const [entry] = await queue.receive("a", { count: 1, blockMs: 0 });
    await queue.ack(entry!);
    await new Promise((r) => setTimeout(r, 20));
    expect(await queue.claimStale("b", 0, 10)).toEqual([]);
    expect(await queue.stats()).toEqual({ waiting: 0, pending: 0, dead: 0 });
  });

  it("moves a dead-lettered entry to the dead letters with its error", async () => {
    await queue.publish([{ jobId: "42", kind: "plan" }]);
    const [entry] = await queue.receive("a", { count: 1, blockMs: 0 });
    await queue.deadLetter(entry!, "boom");
    const dead = await queue.deadLetters();
    expect(dead.map((d) => [d.jobId, d.kind, d.error, d.deliveries])).toEqual([["42", "plan", "boom", 1]]);
    expect(await queue.stats()).toEqual({ waiting: 0, pending: 0, dead: 1 });
  });

  it("makes a released entry available to the group at once", async () => {
    await queue.publish([{ jobId: "1", kind: "k" }]);
    const [entry] = await queue.receive("stopping", { count: 1, blockMs: 0 });
    await queue.release(entry!);
    const again = await queue.receive("other", { count: 1, blockMs: 500 });
    expect(again.map((e) => [e.jobId, e.deliveries])).toEqual([["1", 1]]);
    expect((await queue.stats()).pending).toBe(1);
  });

  it("answers ping", async () => {
    await expect(queue.ping()).resolves.toBeUndefined();
  });

  it("serves several consumers reading at once without handing an entry to two of them", async () => {
    const jobs = Array.from({ length: 50 }, (_, i) => ({ jobId: String(i), kind: "k" }));
    const seen: string[] = [];
    const consume = async (consumer: string) => {
      for (;;) {
        const entries = await queue.receive(consumer, { count: 5, blockMs: 100 });
        if (entries.length === 0) return;
        for (const e of entries) {
          seen.push(e.jobId);
          await queue.ack(e);
        }
      }
    };
    await queue.publish(jobs);
    await Promise.all([consume("a"), consume("b"), consume("c")]);
    await waitFor(() => seen.length >= 50);
    expect([...seen].sort((x, y) => Number(x) - Number(y))).toEqual(jobs.map((j) => j.jobId));
  });
});
