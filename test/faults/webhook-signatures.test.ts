import { sign } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_SECRET } from "./support/fake-github-server.js";
import { type World, openWorld } from "./support/world.js";

describe("webhooks that are not GitHub's", () => {
  let world: World;
  let url: string;
  beforeAll(async () => {
    world = await openWorld();
    const serve = await world.start(["serve"]);
    url = `http://127.0.0.1:${serve.port}`;
  });
  afterAll(() => world.close());

  async function post(body: string, signature: string | undefined) {
    const response = await fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "issues",
        "x-github-delivery": crypto.randomUUID(),
        ...(signature !== undefined ? { "x-hub-signature-256": signature } : {}),
      },
      body,
    }).catch((error: unknown) => ({ status: 0, text: async () => String(error) }));
    await response.text();
    return response.status;
  }

  const body = () => JSON.stringify(world.label(7).payload);

  it.each([
    ["a bad signature", async () => post(body(), `sha256=${"0".repeat(64)}`)],
    ["a signature made with another secret", async () => post(body(), await sign("not-the-secret", body()))],
    ["a missing signature", async () => post(body(), undefined)],
    [
      "a body changed after signing",
      async () => {
        const signed = body();
        return post(signed.replace("Add GET /todos/:id", "Delete every route"), await sign(WEBHOOK_SECRET, signed));
      },
    ],
    [
      "a 25 MB body with a signature of another body",
      async () => {
        const payload = { ...world.label(7).payload, padding: "x".repeat(25 * 1024 * 1024) };
        return post(JSON.stringify(payload), await sign(WEBHOOK_SECRET, body()));
      },
    ],
  ])("%s is rejected with a 4xx without any row written", async (_name, send) => {
    const status = await send();
    // 0: the server cut the connection on a body it refuses to read, which is a rejection too.
    expect(status === 0 || (status >= 400 && status < 500), `status ${status}`).toBe(true);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    for (const table of ["webhook_deliveries", "jobs", "tasks"]) {
      const rows = await world.query<{ n: string }>(`select count(*) as n from ${table}`);
      expect(Number(rows[0]!.n), table).toBe(0);
    }
  });

  it("a 25 MB body signed with the secret is handled as one delivery, its issue text cut before it is stored", async () => {
    const payload = world.label(8).payload;
    payload.issue.body = `Add the route.\n${"x".repeat(25 * 1024 * 1024)}`;
    const text = JSON.stringify(payload);
    const response = await fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "big-one", "x-hub-signature-256": await sign(WEBHOOK_SECRET, text) },
      body: text,
    });
    expect(response.status).toBeLessThan(300);
    const jobs = await world.query<{ size: number }>("select length(payload::text) as size from jobs");
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.size).toBeLessThan(100_000);
  });
});
