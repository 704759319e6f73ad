import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_URL, waitFor } from "./support/services.js";
import { startTcpProxy, viaProxy } from "./support/tcp-proxy.js";
import { type World, deadJobs, openWorld } from "./support/world.js";

describe("PostgreSQL unreachable", () => {
  let world: World | undefined;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>> | undefined;
  afterEach(async () => {
    await world?.close();
    await proxy?.close();
    world = undefined;
    proxy = undefined;
  });

  it("with the database cut off webhooks get a 5xx and /readyz names the database; once it is back the sweeper brings back every missed task and redelivers nothing that had succeeded", async () => {
    const target = new URL(DATABASE_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const p = proxy;
    world = await openWorld({ databaseUrl: (direct) => viaProxy(direct, p.port), env: { ARCHON_VISIBILITY_TIMEOUT: "5" } });
    const w = world;
    const serve = await w.start(["serve"]);
    const readyz = async () => {
      // A kept-alive socket the server closes as idle just as it is reused fails once; ask again.
      const r = await fetch(`http://127.0.0.1:${serve.port}/readyz`).catch(() => fetch(`http://127.0.0.1:${serve.port}/readyz`));
      return { status: r.status, body: (await r.json()) as { checks: Record<string, { ok: boolean }> } };
    };

    const before = w.label(1);
    const beforeGuid = "before-outage";
    expect(await w.github.deliver("issues", before.payload, beforeGuid)).toBeLessThan(300);
    await waitFor("the first task", async () => (await w.task(1)).length === 1);

    p.cut();
    const ready = await readyz();
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database?.ok).toBe(false);
    expect(ready.body.checks.queue?.ok).toBe(true);
    const missed = ["missed-2", "missed-3"];
    for (const [i, guid] of missed.entries()) {
      const status = await w.github.deliver("issues", w.label(i + 2).payload, guid);
      expect(status, guid).toBeGreaterThanOrEqual(500);
    }

    p.restore();
    await waitFor("readiness", async () => (await readyz()).status === 200);
    await waitFor("the missed tasks", async () => (await w.task(2)).length === 1 && (await w.task(3)).length === 1, 60_000);
    const jobs = await w.settle();
    expect(deadJobs(jobs)).toEqual([]);

    for (const guid of missed) {
      const attempts = w.github.attemptsOf(guid);
      expect(attempts.map((a) => [a.redelivery, a.status_code >= 500])).toEqual([
        [false, true],
        [true, false],
      ]);
    }
    expect(w.github.attemptsOf(beforeGuid)).toHaveLength(1);
    for (const number of [1, 2, 3]) expect((await w.task(number)).map((t) => t.status)).toEqual(["awaiting_approval"]);
    const remembered = await w.query<{ key: string }>("select key from effects where kind = 'webhook_redelivery' order by key");
    expect(remembered.map((r) => r.key)).toEqual(missed.map((g) => `redeliver:${g}`));
  });
});
