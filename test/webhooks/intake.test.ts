import examples from "@octokit/webhooks-examples";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { createMemoryQueue } from "../../src/queue/memory-queue.js";
import type { Queue } from "../../src/queue/queue.js";
import { createIntake } from "../../src/webhooks/intake.js";
import { testDatabases } from "../support/databases.js";

type Example = { name: string; examples: Record<string, any>[] };
const labeled = {
  installation: { id: 42 },
  ...(examples as unknown as Example[]).find((e) => e.name === "issues")!.examples.find((p) => p.action === "labeled")!,
};
const star = (examples as unknown as Example[]).find((e) => e.name === "star")!.examples[0]!;

describe.each(testDatabases())("webhook intake on $name", (backend) => {
  let handle: DatabaseHandle;
  let queue: Queue;
  beforeAll(async () => {
    handle = await backend.open();
    queue = createMemoryQueue();
  });
  afterAll(async () => {
    await queue.close();
    await handle.close();
  });

  function intake() {
    return createIntake({ db: handle.db, queue, logger: pino({ level: "silent" }) });
  }

  it("records a delivery and its job once, whether redelivered in a row or at once", async () => {
    const i = intake();
    const first = await i.record({ id: "d-1", name: "issues", payload: labeled });
    expect(first.outcome).toBe("recorded");
    for (let n = 0; n < 5; n++) expect((await i.record({ id: "d-1", name: "issues", payload: labeled })).outcome).toBe("duplicate");
    const burst = await Promise.all(Array.from({ length: 5 }, () => i.record({ id: "d-2", name: "issues", payload: labeled })));
    expect(burst.filter((r) => r.outcome === "recorded")).toHaveLength(1);
    const jobs = await handle.db.selectFrom("jobs").select("idempotency_key").where("idempotency_key", "in", ["delivery:d-1", "delivery:d-2"]).execute();
    expect(jobs).toHaveLength(2);
    const stats = await queue.stats();
    expect(stats.waiting).toBe(2);
  });

  it("records ignored deliveries without a job", async () => {
    const result = await intake().record({ id: "d-star", name: "star", payload: star });
    expect(result).toMatchObject({ outcome: "ignored", job: undefined });
    const row = await handle.db.selectFrom("webhook_deliveries").selectAll().where("delivery_id", "=", "d-star").executeTakeFirstOrThrow();
    expect(row.outcome).toBe("ignored");
  });

  it("commits a burst of concurrent deliveries, each exactly once", async () => {
    const i = intake();
    const ids = Array.from({ length: 300 }, (_, n) => `burst-${n}`);
    const results = await Promise.all(ids.map((id) => i.record({ id, name: "issues", payload: labeled })));
    expect(results.every((r) => r.outcome === "recorded")).toBe(true);
    const count = await handle.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("idempotency_key", "like", "delivery:burst-%")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(300);
  });

  it("rejects the delivery when the database cannot commit it", async () => {
    const broken = createIntake({
      db: { transaction: () => ({ execute: () => Promise.reject(new Error("database is down")) }) } as never,
      queue,
      logger: pino({ level: "silent" }),
    });
    await expect(broken.record({ id: "d-down", name: "issues", payload: labeled })).rejects.toThrow("database is down");
  });
});
