import { randomBytes } from "node:crypto";
import Bottleneck from "bottleneck";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { SPACING_JOB_EXPIRATION_MS, expireSpacingJobsSooner, recoverBottleneckAfterRedisLoss } from "../../src/github/bottleneck-redis.js";

// Probot's cluster throttling keeps its limiters in Redis; a flush or a restart of Redis removes
// their keys. The limiter must set itself up again instead of failing every GitHub call.
describe.runIf(process.env.TEST_REDIS_URL)("Bottleneck over Redis after its keys are lost", () => {
  const url = process.env.TEST_REDIS_URL!;
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function limiterAndAdmin(): Promise<{ limiter: Bottleneck; admin: Redis; id: string }> {
    recoverBottleneckAfterRedisLoss();
    const id = `archon-test-${randomBytes(4).toString("hex")}`;
    const connection = new Bottleneck.IORedisConnection({ client: new Redis(url) });
    const limiter = new Bottleneck({ id, maxConcurrent: 1, minTime: 0, datastore: "ioredis", connection, clearDatastore: true });
    const admin = new Redis(url);
    closers.push(
      () => limiter.disconnect(),
      async () => {
        const keys = await admin.keys(`b_${id}_*`);
        if (keys.length > 0) await admin.del(...keys);
        admin.disconnect();
      },
    );
    return { limiter, admin, id };
  }

  it("schedules again after every key of the limiter was deleted, as a flush does", async () => {
    const { limiter, admin, id } = await limiterAndAdmin();
    await expect(limiter.schedule(() => Promise.resolve("before"))).resolves.toBe("before");
    const keys = await admin.keys(`b_${id}_*`);
    expect(keys).toContain(`b_${id}_settings`);
    await admin.del(...keys);
    await expect(limiter.schedule(() => Promise.resolve("after"))).resolves.toBe("after");
    expect(await admin.exists(`b_${id}_settings`)).toBe(1);
  });

  it("registers the client again when only its registration was lost", async () => {
    const { limiter, admin, id } = await limiterAndAdmin();
    await limiter.schedule(() => Promise.resolve());
    await admin.del(`b_${id}_client_last_seen`, `b_${id}_client_last_registered`, `b_${id}_client_running`, `b_${id}_client_num_queued`);
    await expect(limiter.schedule(() => Promise.resolve("after"))).resolves.toBe("after");
  });

  it("leaves other script errors alone", async () => {
    recoverBottleneckAfterRedisLoss();
    const connection = new Bottleneck.IORedisConnection({ client: new Redis(url) });
    closers.push(() => connection.disconnect());
    const scriptArgs = (connection as unknown as { __scriptArgs__: (...a: unknown[]) => unknown[] }).__scriptArgs__.bind(connection);
    const seen: unknown[] = [];
    const args = scriptArgs("running", "x", [], (error: Error | null) => seen.push(error?.message));
    const callback = args.at(-1) as (error: Error | null, replies: unknown) => void;
    callback(new Error("ERR SETTINGS_KEY_NOT_FOUND"), null);
    callback(new Error("ERR something else"), null);
    callback(null, 1);
    expect(seen).toEqual(["SETTINGS_KEY_NOT_FOUND", "ERR something else", undefined]);
  });

  it("a spacing job holds its slot in the cluster for 10 s at most, a request for the 60 s plugin-throttling gives it", async () => {
    expireSpacingJobsSooner();
    const admin = new Redis(url);
    const connection = new Bottleneck.IORedisConnection({ client: new Redis(url) });
    const suffix = randomBytes(4).toString("hex");
    // As plugin-throttling names its groups' limiters: `${group id}-${key}`.
    const write = new Bottleneck({ id: `octokit-write-${suffix}`, maxConcurrent: 1, minTime: 1000, datastore: "ioredis", connection, clearDatastore: true });
    const global = new Bottleneck({ id: `octokit-global-${suffix}`, maxConcurrent: 10, datastore: "ioredis", connection, clearDatastore: true });
    closers.push(async () => {
      await write.disconnect();
      await global.disconnect();
      const keys = await admin.keys(`b_octokit-*-${suffix}_*`);
      if (keys.length > 0) await admin.del(...keys);
      admin.disconnect();
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Jobs that have not finished, as in a process killed while running them.
    const spacing = write.schedule({ expiration: 60_000 }, () => held);
    const request = global.schedule({ expiration: 60_000 }, () => held);
    const leftMs = async (id: string) => {
      // The job reaches Redis once Bottleneck has run its script: on a loaded machine that takes a while.
      let found: string[] = [];
      for (let tries = 0; found.length === 0 && tries < 200; tries++) {
        await new Promise((r) => setTimeout(r, 50));
        found = await admin.zrange(`b_${id}_job_expirations`, 0, -1, "WITHSCORES");
      }
      const [, score] = found;
      const [seconds, micros] = await admin.time();
      return Number(score) - (Number(seconds) * 1000 + Math.floor(Number(micros) / 1000));
    };
    const spacingLeft = await leftMs(`octokit-write-${suffix}`);
    expect(spacingLeft).toBeGreaterThan(SPACING_JOB_EXPIRATION_MS - 2_000);
    expect(spacingLeft).toBeLessThanOrEqual(SPACING_JOB_EXPIRATION_MS);
    expect(await leftMs(`octokit-global-${suffix}`)).toBeGreaterThan(50_000);
    release();
    await Promise.all([spacing, request]);
  });
});
