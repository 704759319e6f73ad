import { afterEach, describe, expect, it } from "vitest";
import { flushRedisDb } from "./support/services.js";
import { type World, deadJobs, openWorld } from "./support/world.js";

// A Redis database index of this case's own: FLUSHDB there touches nobody else's keys.
const REDIS_DB = 14;

describe("Redis emptied", () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  // Probot's cluster throttling keeps its limiter state in the same Redis. Bottleneck did not
  // recognise Redis 7's "ERR SETTINGS_KEY_NOT_FOUND" as the signal to set its limiters up again, so
  // after a flush every GitHub call failed for about a minute; the case asserts that no longer happens.
  it("Redis flushed in the middle of a burst of deliveries: every recorded job still runs (the reconciler publishes them again)", async () => {
    world = await openWorld({ redisDb: REDIS_DB, env: { ARCHON_VISIBILITY_TIMEOUT: "2" } });
    const w = world;
    const server = await w.start(["serve"]);
    const issues = Array.from({ length: 8 }, (_, i) => i + 1);
    const statuses: number[] = [];
    for (const [i, number] of issues.entries()) {
      if (i === issues.length / 2) await flushRedisDb(REDIS_DB);
      statuses.push(await w.label(number).send());
    }
    expect(statuses.every((s) => s < 300)).toBe(true);

    const jobs = await w.settle(150_000);
    expect(deadJobs(jobs)).toEqual([]);
    expect(jobs.every((j) => j.state === "done")).toBe(true);
    expect(server.lines.filter((line) => /SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT/.test(line))).toEqual([]);
    for (const number of issues) {
      const tasks = await w.task(number);
      expect(tasks.map((t) => t.status), `issue ${number}: ${tasks[0]?.error}`).toEqual(["awaiting_approval"]);
      expect(w.github.github.commentsOn(number).filter((c) => c.user.type === "Bot"), `issue ${number}`).toHaveLength(1);
    }
  });
});
