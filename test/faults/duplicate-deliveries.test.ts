import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { commentPayload } from "../support/webhook-payloads.js";
import { type World, deadJobs, openWorld } from "./support/world.js";

describe("duplicated deliveries", () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("the same delivery sent 5 times in a row and 5 times at once makes one task, one status comment, one pull request", async () => {
    world = await openWorld();
    const w = world;
    await w.start(["serve"]);

    // The label event: one guid, sent 5 times one after another, then 5 times at once.
    const label = w.label(7, randomUUID());
    for (let i = 0; i < 5; i++) expect(await label.send()).toBeLessThan(300);
    const together = await Promise.all(Array.from({ length: 5 }, () => label.send()));
    expect(together.every((s) => s < 300)).toBe(true);
    // A person labeling twice is two deliveries of the same event: still one task.
    await Promise.all([w.label(7).send(), w.label(7).send()]);
    await w.settle();

    // The approval, duplicated the same ways.
    const c = w.github.github.addComment(7, "/archon approve", { login: "Codertocat", type: "User" });
    const approval = commentPayload("created", 7, { id: c.id, body: c.body }, { login: "Codertocat" });
    const guid = randomUUID();
    for (let i = 0; i < 5; i++) await w.github.deliver("issue_comment", approval, guid);
    await Promise.all(Array.from({ length: 5 }, () => w.github.deliver("issue_comment", approval, guid)));
    const jobs = await w.settle();
    expect(deadJobs(jobs)).toEqual([]);

    const tasks = await w.task(7);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: "pr_open", pr_number: 100, error: null });
    const bot = w.github.github.commentsOn(7).filter((x) => x.user.type === "Bot");
    expect(bot).toHaveLength(1);
    expect(w.github.github.pulls.size).toBe(1);
    expect(w.github.github.count("POST", /\/git\/commits$/)).toBe(1);
    expect(w.github.github.count("POST", /\/pulls$/)).toBe(1);
    expect(w.github.github.count("POST", /\/issues\/7\/comments$/)).toBe(1);
    const deliveries = await w.query<{ n: string }>("select count(*) as n from webhook_deliveries");
    expect(Number(deliveries[0]!.n)).toBe(4);
  });
});
